# Tadqiqot hisobotining oʻzbekcha (lotin yozuvi) matnlari: en.ftl dagi xabarlarning oʻzi
# (src/i18n.rs ga qarang). Sonlar oʻnli vergul bilan keladi; sonlardan keyin ot koʻplik
# qoʻshimchasini olmaydi, shuning uchun sanoq boʻyicha tanlov kerak emas.

frame-source = Manba: { $x }
frame-protocol = Protokol: { $x }
frame-data = Maʼlumotlar: { $x1 } ({ $x2 }, { $n } qator)
frame-groups = Guruhlar: { $x }
frame-outside = Guruhlardan tashqari qatorlar: { $n }
frame-outside-html = guruhlardan tashqari qatorlar: { $n }
frame-methods = Usullar
frame-made-by = { $x } dasturida tayyorlandi.
frame-r-code = R kodi
frame-r-code-intro = Xuddi shu tahlillar R tilida (analysis.R fayliga ham yozilgan):
frame-footer-html = { $x } dasturida tayyorlandi. Bu sahifadagi har bir son yonidagi report.json faylida bor.

## Protokolning standart qiymatlari

default-title = Tadqiqot hisoboti
default-table-characteristics = { $n }-jadval. Guruhlar tavsifi
default-table-comparison = { $n }-jadval. Guruhlarni taqqoslash
default-table-correlations = { $n }-jadval. Korrelyatsiyalar
default-table-regression = { $n }-jadval. Regressiya
default-table-paired = { $n }-jadval. Juftlashgan taqqoslash
default-table-survival = { $n }-jadval. Yashovchanlik

## Ustun sarlavhalari

hdr-variable = Koʻrsatkich
hdr-variables = Koʻrsatkichlar
hdr-test = Mezon
hdr-statistic = Statistika
hdr-p = p
hdr-n = n
hdr-effect-size = Effekt kattaligi
hdr-effect-size-ci = Effekt kattaligi ({ $n }% IO)
hdr-smd = SMD
hdr-pairs = Juftlar
hdr-comparison = Taqqoslash
hdr-difference = Farq
hdr-ci = { $n }% IO
hdr-ci-tight = { $n }% IO
hdr-p-adjusted = p (tuzatilgan)
hdr-q-bh = q (Benjamini–Xoxberg)
hdr-p-method = p ni hisoblash usuli
hdr-predictor = Prediktor
hdr-b = b
hdr-se = SE
hdr-se-hc3 = SE (HC3)
hdr-beta = β
hdr-beta-ci = β ning { $n }% IO
hdr-t = t
hdr-z = z
hdr-sr2 = sr² (%)
hdr-lmg = LMG (%)
hdr-vif = VIF
hdr-or = ShN
hdr-or-ci-wald = ShN ning { $n }% IO (Vald)
hdr-or-ci-profile = ShN ning { $n }% IO (profil haqiqatga oʻxshashlik)
hdr-hr = XN
hdr-hr-ci = XN ning { $n }% IO
hdr-group = Guruh
hdr-events = Hodisalar
hdr-median-survival = Yashovchanlik medianasi ({ $n }% IO)
hdr-median-survival-unit = Yashovchanlik medianasi, { $u } ({ $n }% IO)
hdr-observed = Kuzatilgan
hdr-expected = Kutilgan
hdr-oe = (O − E)²/V
hdr-time = Vaqt
hdr-time-unit = Vaqt, { $u }
hdr-at-risk = Xavf ostida
hdr-survival = Yashovchanlik, % ({ $n }% IO)
hdr-term = Model hadi
hdr-chi2 = χ²
hdr-df = df
hdr-rho = ρ
hdr-r = r
hdr-global = Umumiy
hdr-intercept = (Ozod had)
hdr-group-n = { $u } (n = { $n })
hdr-group-n-msd = { $u } (n = { $n }), M ± SD
hdr-group-median = { $u }, Me [Q1; Q3]
hdr-change = Oʻzgarish, { $u1 } − { $u2 } ({ $n }% IO)

## Qator nomlari va kataklar

row-msd = { $u }, M ± SD
row-median = { $u }, Me [Q1; Q3]
row-n-pct = { $u }, n (%)
row-missing = Maʼlumot yoʻq
term-level = { $u1 }: { $u2 }
term-interaction = { $t1 } × { $t2 }
pair-vs = { $u1 } va { $u2 }
pair-corr = { $u1 } ↔ { $u2 }
cell-df1 = { $n1 } (df { $n2 })
cell-df2 = { $n1 } (df { $n2 }; { $n3 })
cell-t-df = t = { $n1 } (df { $n2 })
cell-q = q = { $n }
cell-z = z = { $n }
cell-effect = { $t } = { $n }
cell-effect-ci = { $t } = { $n1 } [{ $n2 }; { $n3 }]
cell-effect-ci-inf = { $t } = { $n1 } [{ $n2 }; ∞]
cell-effect-inf = { $t } = ∞
cell-effect-inf-ci-inf = { $t } = ∞ [{ $n }; ∞]
test-mann-whitney = Mann–Uitni mezoni
test-welch = Uelch t-mezoni
test-student = Styudent t-mezoni
test-chi2 = xi-kvadrat
test-fisher = Fisherning aniq mezoni
test-anova = bir omilli dispersion tahlil
test-welch-anova = Uelch dispersion tahlili
test-kruskal = Kraskel–Uollis mezoni
test-ffh = Fisher–Frimen–Xolton mezoni
test-mcnemar = Mak-Nemar mezoni
test-paired-t = juftlashgan t-mezon
test-wilcoxon = Uilkokson mezoni (ishorali ranglar)
effect-rank-biserial = rang-biserial r
effect-hedges = Xedjes g
effect-dz = d_z
effect-eta2 = η²
effect-eta2-welch = η² (Uelch)
effect-or = ShN (shartli MHB)
effect-cramers-v = Kramer V
effect-cohens-g = Koen g
effect-rank-epsilon = rang ε²
pmethod-exact = aniq
pmethod-asymptotic = asimptotik
pmethod-t-approximation = t-approksimatsiya
pmethod-t = t

## Jadval ostidagi izohlar

note-within = { $u } guruhi qatorlari.
note-rows-all = Qatorlar: butun kogorta ({ $n } qator).
note-rows-groups = { $x } guruhlari qatorlari ({ $n } qator).
note-corr-complete = { $u1 } ↔ { $u2 }: n = { $n1 } / { $n2 } qator; qiymati tushib qolgan qatorlar chiqarildi: { $n3 }.
note-missing-row = Maʼlumot yoʻq: guruhning qiymatsiz qatorlari, n (guruh qatorlarining %); qator oʻzgaruvchi ostida faqat tushib qolgan qiymatlar boʻlsa koʻrsatiladi (gtsummary'dagi missing = "ifany" kabi).
note-missing-numeric = { $u }: guruhlar boʻyicha tushib qolgan qiymatlar { $n }
note-missing-categorical = { $u }: guruhlar boʻyicha tushib qolgan qiymatlar { $n }
note-no-test = { $u }: mezon hisoblanmadi: { $t }
reason-group-empty = { $u } guruhida qiymat yoʻq
reason-one-category = faqat bitta toifa uchraydi, taqqoslanadigan narsa yoʻq
reason-one-group = qiymatlar faqat bitta guruhda bor, taqqoslanadigan narsa yoʻq
note-box-sample = Quti diagrammasi, { $u1 }, { $u2 }: nuqta sifatida { $n1 } ta qiymatdan 1 tasi chizildi (jami { $n2 }; quti barcha qiymatlardan)
note-scatter-sample = Sochilish diagrammasi, { $u1 } va { $u2 }: { $n1 } ta juftdan 1 tasi chizildi (jami { $n2 }; chiziq barcha juftlardan)
note-no-figure = { $x1 } rasmi chizilmadi: { $x2 }
note-no-posthoc = { $u }: juftma-juft taqqoslashlar hisoblanmadi: { $t }
note-corr-error = { $u1 } ↔ { $u2 }: { $x }
note-paired-no-id = Subyekt identifikatori boʻlmagan qatorlar ({ $x } ustuni) chiqarildi: { $n }.
note-paired-single = Ikki nuqtadan faqat bittasida qatori bor subyektlar chiqarildi: { $n }.
note-paired-zero = { $u }: oʻzgarishsiz juftlar ishorali ranglar mezonidan chiqarildi: { $n }
note-paired-incomplete = { $u }: qiymati tushib qolgan juftlar chiqarildi: { $n2 } tadan { $n1 } ta
note-tukey = Tyuki HSD (teng boʻlmagan guruhlarda Tyuki–Kramer): oʻrtachalar farqi va uning bir vaqtli { $n }% IO; q — styudentlashtirilgan qamrov statistikasi, p uning taqsimoti boʻyicha tuzatilgan.
note-games-howell = Geyms–Xauell: oʻrtachalar farqi va uning { $n }% IO (± styudentlashtirilgan qamrov kvantili / √2 × SE, juftning Uelch df), har bir juft uchun Uelch t va df; p jadvaldagi guruhlar soni bilan styudentlashtirilgan qamrovdan (teng boʻlmagan dispersiyalar).
note-dunn = Dann: oʻrtacha ranglar farqi (Kraskel–Uollisdagi kabi umumiy ranglash), bogʻlanishlarga tuzatilgan z; p barcha juftlar boʻyicha Xolm usulida tuzatilgan.
title-posthoc = { $u }: juftma-juft taqqoslashlar
fig-pair = { $u1 } va { $u2 }
fig-corr-lt = { $x } = { $n1 }; p < { $n2 }; n = { $n3 }
fig-corr-eq = { $x } = { $n1 }; p = { $n2 }; n = { $n3 }
fig-n = n = { $n }
fig-survival = Yashovchanlik ehtimoli
fig-at-risk = Xavf ostidagilar soni

## Regressiya

note-coding-lm = Kategorial prediktorlar treatment (dummy) kodlashda, R dagi lm va glm kabi: har bir ustun oʻz darajasi uchun 1, qolganlari uchun 0, shuning uchun har bir qator darajani tayanch daraja bilan taqqoslaydi: { $t }.
note-coding-lm-interactions = Kategorial prediktorlar treatment (dummy) kodlashda, R dagi lm va glm kabi: har bir ustun oʻz darajasi uchun 1, qolganlari uchun 0, shuning uchun har bir qator darajani tayanch daraja bilan taqqoslaydi: { $t }. × belgili qatorlar — oʻzaro taʼsirlar (ustunlar koʻpaytmasi): bir oʻzgaruvchi koeffitsiyentining boshqasining bir birligi (yoki darajasi) uchun oʻzgarishi.
note-interactions = × belgili qatorlar — oʻzaro taʼsirlar (ustunlar koʻpaytmasi): bir oʻzgaruvchi koeffitsiyentining boshqasining bir birligi (yoki darajasi) uchun oʻzgarishi.
coding-part-columns = { $u1 } (tayanch daraja { $u2 }): { $x }
coding-part = { $u1 } (tayanch daraja { $u2 })
list-semicolon = { $t1 }; { $t2 }
note-ols-fit = Natija oʻzgaruvchisi: { $u }. n = { $n1 }; R² = { $n2 }, tuzatilgan R² = { $n3 }, F({ $n4 }; { $n5 }) = { $n6 }, p { $n7 }.
note-ols-fit-dropped = Natija oʻzgaruvchisi: { $u }. n = { $n1 } (qiymati tushib qolgan qatorlar chiqarildi: { $n8 }); R² = { $n2 }, tuzatilgan R² = { $n3 }, F({ $n4 }; { $n5 }) = { $n6 }, p { $n7 }.
note-hc3 = Standart xatolar, { $n }% IO, t va p — HC3 (geteroskedastiklikka chidamli, MakKinnon–Uayt; R dagi sandwich::vcovHC(fit, type = "HC3") va lmtest::coeftest kabi), t qoldiq erkinlik darajalari bilan; R², F va sr² — klassik.
note-beta-numeric = β (va uning IO) faqat sonli prediktorlar uchun, LMG esa faqat sonli prediktorlardan iborat modellar uchun keltiriladi: dummy yoki oʻzaro taʼsir ustunining oʻz oʻzgaruvchisi standart ogʻishi yoʻq, kategorial prediktor ustunlari esa birgalikda qaraladi. VIF har bir ustun uchun.
note-no-regression = Regressiya hisoblanmadi: { $x }
fig-beta = { $u }: standartlashtirilgan koeffitsiyentlar (β, { $n }% IO)
fig-beta-axis = β (standartlashtirilgan), { $n }% IO
fig-b = { $u }: koeffitsiyentlar (b, { $n }% IO)
fig-b-axis = b (natija birliklarida, prediktorning bir birligiga yoki tayanch darajaga nisbatan), { $n }% IO
fig-residuals = { $u }: qoldiqlar va bashorat qilingan qiymatlar
fig-fitted = Bashorat qilingan qiymat
fig-residual = Qoldiq
fig-residuals-hint = Qonuniyat yoki voronka tushib qolgan hadni yoki teng boʻlmagan dispersiyani koʻrsatadi
fig-qq = { $u }: standartlashtirilgan qoldiqlarning normal Q–Q grafigi
fig-qq-x = Nazariy kvantil (normal)
fig-qq-y = Standartlashtirilgan qoldiq
fig-qq-hint = y = x chizigʻi yonidagi nuqtalar: qoldiqlar normal taqsimotga yaqin
note-diagnostics = Diagnostika (R dagi plot(lm) kabi, 1- va 2-panellar): qoldiqlar bashorat qilingan qiymatlarga nisbatan, standartlashtirilgan qoldiqlar e / (σ √(1 − h)) esa R ning ppoints nuqtalaridagi normal kvantillarga nisbatan.
note-diagnostics-leverage = Diagnostika (R dagi plot(lm) kabi, 1- va 2-panellar): qoldiqlar bashorat qilingan qiymatlarga nisbatan, standartlashtirilgan qoldiqlar e / (σ √(1 − h)) esa R ning ppoints nuqtalaridagi normal kvantillarga nisbatan; taʼsir kuchi (leverage) 1 boʻlgan qatorlarning standartlashtirilgan qoldigʻi yoʻq va ular chizilmadi: { $n }.
note-logit-fit = Natija oʻzgaruvchisi: { $t1 }. n = { $n1 } (hodisalar: { $n2 }); qoldiq deviansiya { $n3 }, { $n4 } df, nol deviansiya { $n5 }, { $n6 } df; AIC = { $n7 }; haqiqatga oʻxshashlik nisbati χ²({ $n8 }) = { $n9 }, p { $n10 }.
note-logit-fit-dropped = Natija oʻzgaruvchisi: { $t1 }. n = { $n1 } (hodisalar: { $n2 }), qiymati tushib qolgan qatorlar chiqarildi: { $n11 }; qoldiq deviansiya { $n3 }, { $n4 } df, nol deviansiya { $n5 }, { $n6 } df; AIC = { $n7 }; haqiqatga oʻxshashlik nisbati χ²({ $n8 }) = { $n9 }, p { $n10 }.
logit-outcome-1 = { $u } (1 = hodisa)
logit-outcome-level = { $u1 } ({ $u2 } = hodisa)
note-logit = Logistik regressiya (maksimal haqiqatga oʻxshashlik, R dagi glm(family = binomial) kabi): b — shanslar nisbatining logarifmi, ShN = exp(b); z va p — Vald boʻyicha; Vald IO exp(b ± { $n }·SE); profil haqiqatga oʻxshashlik IO R dagi confint() kabi: deviansiya (boshqa koeffitsiyentlar qayta baholanganda) { $n }² ga oshadigan koeffitsiyent qiymatlari.
note-logit-open = —: profil deviansiya bu tomonda yetarlicha oshmaydi (haqiqatga oʻxshashlik u yerda deyarli tekis, ajralishga yaqin holatdagi kabi); R dagi confint() NA beradi.
fig-logit = { $u }: shanslar nisbati logarifmlari (b, { $n }% profil IO)
fig-logit-axis = shanslar nisbati logarifmi b (0 = ShN 1), { $n }% profil haqiqatga oʻxshashlik IO
fig-logit-or = { $u }: shanslar nisbatlari (ShN, { $n }% profil IO)
fig-logit-or-axis = shanslar nisbati (logarifmik shkala), { $n }% profil haqiqatga oʻxshashlik IO

## Yashovchanlik

note-survival-time = Vaqt: { $u }; hodisa: { $t }, aks holda shu vaqtda senzuralangan.
note-survival-time-dropped = Vaqt: { $u }; hodisa: { $t }, aks holda shu vaqtda senzuralangan; vaqti yoki holati boʻlmagan qatorlar chiqarildi: { $n }.
event-value = { $u } = { $t }
note-log-rank = Log-rank mezoni (R dagi survdiff): χ²({ $n1 }) = { $n2 }, p { $n3 }.
note-no-log-rank = Log-rank mezoni hisoblanmadi: { $x }
note-no-km = { $u } uchun Kaplan–Meyer bahosi hisoblanmadi: { $x }
note-km = Kaplan–Meyer bahosi; yashovchanlik medianasi va uning { $n }% IO R dagi print(survfit(...)) kabi: egri chiziq (yoki quyi va yuqori nuqtaviy chegaralar) 0,5 ga yetgan birinchi vaqt; chegaralar logarifmik shkaladagi Grinvud dispersiyasidan (survfit ning standart conf.type = "log").
note-km-open = —: erishilmagan (egri chiziq yoki uning chegarasi oxirgi kuzatilgan vaqtgacha 0,5 dan yuqori qoladi); R NA chiqaradi.
title-risk = { $u }: xavf ostidagilar soni
note-risk = Xavf ostida: hali kuzatuvdagi subyektlar (vaqti ustun vaqtiga teng yoki undan keyin); yashovchanlik — shu vaqtdagi Kaplan–Meyer bahosi va uning nuqtaviy { $n }% IO (logarifmik shkala), R dagi summary(survfit(...), times = ...) kabi.
fig-km = { $u }: Kaplan–Meyer bahosi
fig-km-log-rank = Log-rank χ²({ $n1 }) = { $n2 }, p { $n3 }; + = senzuralangan
note-cox-fit = n = { $n1 } (hodisalar: { $n2 }); haqiqatga oʻxshashlik nisbati χ²({ $n3 }) = { $n4 }, p { $n5 }; Vald χ²({ $n6 }) = { $n7 }, p { $n8 }; score (log-rank) χ²({ $n9 }) = { $n10 }, p { $n11 }.
note-cox-fit-dropped = n = { $n1 } (hodisalar: { $n2 }), qiymati tushib qolgan qatorlar chiqarildi: { $n12 }; haqiqatga oʻxshashlik nisbati χ²({ $n3 }) = { $n4 }, p { $n5 }; Vald χ²({ $n6 }) = { $n7 }, p { $n8 }; score (log-rank) χ²({ $n9 }) = { $n10 }, p { $n11 }.
note-cox = Koks proporsional xavflar regressiyasi (qisman haqiqatga oʻxshashlik, bir xil vaqtlar Efron usulida, R dagi coxph kabi): b — xavflar nisbatining logarifmi, XN = exp(b), z va p — Vald boʻyicha, { $n1 }% IO exp(b ± { $n2 }·SE).
note-no-cox = Koks modeli hisoblanmadi: { $x }
note-coding-cox = Kategorial prediktorlar treatment (dummy) kodlashda, R dagi coxph kabi: har bir qator darajani tayanch daraja bilan taqqoslaydi: { $t }.
title-cox = { $u }: Koks proporsional xavflar modeli
title-ph = { $u }: xavflar proporsionalligini tekshirish
note-ph = Xavflar proporsionalligini masshtablangan Shyonfeld qoldiqlari boʻyicha tekshirish, R dagi cox.zph(fit) kabi (transform = "km": vaqt 1 − undan oldingi Kaplan–Meyer bahosi sifatida): model hadi xavflar nisbati logarifmining shu vaqt shkalasida chiziqli oʻzgarishi uchun score-test, har bir had va barcha hadlar uchun birgalikda (Umumiy). Kichik p hadning xavflar nisbati kuzatuv davomida oʻzgarmas emasligini koʻrsatadi; qoldiqlar grafigini chizish yoki u boʻyicha stratifikatsiya qilishni koʻrib chiqing.
note-no-ph = Xavflar proporsionalligi tekshirilmadi: { $x }

## Maʼlumotlar formati

format-csv = CSV, ajratgich { $x1 }, oʻnli nuqta, { $x2 }
format-csv-comma = CSV, ajratgich { $x1 }, oʻnli vergul, { $x2 }
format-parquet = Parquet

## Usullar

methods-numeric = Sonli koʻrsatkichlar: oʻrtacha ± standart ogʻish (M ± SD, n − 1) va mediana [Q1; Q3] (Me [Q1; Q3], R ning 7-tur kvantillari). Taqsimot normalligi har bir guruhda Shapiro–Uilk mezoni boʻyicha (Royston AS R94); mezon 3 dan 5000 gacha qiymat uchun aniqlangan, bu oraliqdan tashqaridagi guruh normal deb hisoblanmaydi.
methods-auto = Avtomatik tanlov: ikkala guruhda Shapiro–Uilk p ≥ { $n } boʻlsa M ± SD va Uelch t-mezoni, aks holda Me [Q1; Q3] va Mann–Uitni mezoni.
methods-mann-whitney = Mann–Uitni mezoni: guruhda 50 tadan kam qiymat va bogʻlanishlar boʻlmasa aniq, aks holda bogʻlanishlar va uzluksizlikka tuzatilgan normal approksimatsiya (R dagi wilcox.test kabi); U — birinchi guruhniki; effekt kattaligi rang-biserial r = 2U/(n1·n2) − 1; siljish Xodjes–Leman boʻyicha.
methods-categorical = Kategorial koʻrsatkichlar: tushib qolmagan qiymatlardan n (%); Pirson xi-kvadrati (2×2 jadvallar uchun Yeyts tuzatmasi bilan), kutilgan chastotasi 5 dan kichik 2×2 jadval uchun Fisherning aniq mezoni.
methods-effects = Effekt kattaliklari { $n }% ishonch oraliqlari bilan, R dagi effectsize paketi hisoblaganidek: Xedjes g (birlashtirilgan SD, kichik tanlanma uchun aniq tuzatma) va d_z nomarkaziy t-taqsimot boʻyicha oraliqlar bilan; rang-biserial r atanh(r) ning normal oraligʻi bilan; η² (bir omilli dispersion tahlil) va Kramer V (uzluksizlikka tuzatmasiz Pirson X², Bergsmaning siljish tuzatmasi) nomarkaziy F- va xi-kvadrat taqsimotlari boʻyicha bir tomonlama oraliqlar bilan, ularning yuqori chegarasi 1 ga teng (effectsize da standart); η² (Uelch) Uelch F-statistikasi va uning erkinlik darajalari boʻyicha, taqribiy, effectsize Uelch dispersion tahlili uchun berganidek; shartli maksimal haqiqatga oʻxshashlik boʻyicha shanslar nisbati R dagi fisher.test ning aniq shartli oraligʻi bilan.
methods-smd = SMD: R dagi tableone chiqaradigan standartlashtirilgan oʻrtachalar farqi: miqdoriy koʻrsatkich uchun |m1 − m2| / √((s1² + s2²)/2), kategorial koʻrsatkich uchun birinchisidan tashqari darajalar boʻyicha Yang va Daltonning (2012) multinomial shakli; guruhlar ikkitadan koʻp boʻlsa, juftma-juft qiymatlarning oʻrtachasi. U guruhlar muvozanatini tavsiflaydi va mezon emas.
methods-correlations = Korrelyatsiyalar: Spirmen korrelyatsiya koeffitsiyenti ρ (bogʻlanishlarsiz va n ≤ 1290 da p AS 89 boʻyicha, aks holda t-approksimatsiya, R dagi cor.test kabi) yoki Fisher z-almashtirishi boʻyicha { $n }% IO bilan Pirson r; har bir jadval ichida Benjamini–Xoxberg q; juftma-juft chiqarish.
methods-regression = Regressiya: oddiy eng kichik kvadratlar usuli (QR), qatorlab chiqarish; β — standartlashtirilgan koeffitsiyent; sr² — yarim xususiy korrelyatsiya kvadrati; LMG — prediktorning barcha tartiblar boʻyicha R² dagi oʻrtacha ulushi; { $n }% IO t-taqsimotdan.
methods-two-sided = Barcha p qiymatlari ikki tomonlama.
methods-figures = Rasmlarda har bir qiymat guruh (quti diagrammalari) yoki grafik (sochilish diagrammalari) uchun { $n } nuqtagacha chiziladi; undan ortigʻi — har k-qatorning tizimli tanlanmasi va quti diagrammasi moʻylovlaridan tashqaridagi barcha qiymatlar. Qutilar, moʻylovlar va chiziqlar barcha qiymatlardan quriladi.
methods-k-numeric = Ikkitadan ortiq guruh: bir omilli dispersion tahlil (teng dispersiyalar, η² — guruhlararo kvadratlar yigʻindisi ulushi), Uelch dispersion tahlili (R dagi oneway.test standarti) yoki Kraskel–Uollis mezoni (bogʻlanishlarga tuzatilgan H va uning xi-kvadrat p si, R dagi kruskal.test kabi; effekt kattaligi rang ε² = H/(n − 1), guruhlar ichida 2000 ta qayta tanlanmadan bir tomonlama persentil butstrep intervali bilan, seed 20261203, R dagi effectsize::rank_epsilon_squared uni seedsiz 200 ta tanlanmadan hisoblagani kabi); har bir guruhda Shapiro–Uilk p ≥ { $n } boʻlsa avtomatik tanlov Uelch dispersion tahlili, aks holda Kraskel–Uollis. Juftma-juft taqqoslashlar: dispersion tahlildan keyin Tyuki HSD, Uelch tahlilidan keyin Geyms–Xauell, Kraskel–Uollisdan keyin Xolm tuzatmasi bilan Dann mezoni.
methods-k-categorical = Ikkitadan ortiq guruhdagi kategorial koʻrsatkichlar: Pirson xi-kvadrati; kutilgan chastota 5 dan kichik boʻlsa (R dagi chisq.test "Chi-squared approximation may be incorrect" deb ogohlantirganda), Fisher–Frimen–Xolton aniq mezoni yoki jadval sanab chiqish uchun juda katta boʻlsa, uning Monte-Karlo p qiymati (kuzatilgan chegaraviy yigʻindilar bilan 100000 jadval boʻyicha (1 + mosliklar) / (B + 1), seed 20261202).
methods-paired = Juftlashgan jadvallar: har bir subyektning ikki nuqtadagi qatorlari subyekt ustuni boʻyicha moslashtiriladi; oʻzgarish — ikkinchi nuqta minus birinchi, toʻliq juftlar boʻyicha. Farqlar uchun Shapiro–Uilk p ≥ { $n2 } boʻlsa oʻrtacha oʻzgarishning { $n1 }% IO va d_z bilan juftlashgan t-mezon, aks holda Uilkokson ishorali ranglar mezoni (nol farqlar chiqariladi; bogʻlanish va nollarsiz 50 juftdan kam boʻlsa aniq, aks holda bogʻlanish va uzluksizlikka tuzatilgan normal approksimatsiya, R dagi wilcox.test kabi) juftlar uchun rang-biserial r va oʻzgarishlar psevdomedianasi hamda shu darajadagi IO bilan (R dagi conf.int = TRUE bilan wilcox.test kabi, report.json da); ikki darajali kategorial koʻrsatkichlar: uzluksizlikka tuzatilgan Mak-Nemar mezoni (R dagi mcnemar.test kabi), mos kelmagan juftlar b va c boʻyicha Koen g = max(b, c)/(b + c) − 0,5 va bu ulushning Uilson intervali bilan (R dagi effectsize::cohens_g kabi).
methods-terms = Regressiya hadlari R yozganidek: kategorial prediktor tayanch darajasiga (protokoldagi, aks holda birinchi daraja) nisbatan treatment (dummy) kodlashda kiradi, har bir boshqa daraja uchun bitta ustun; a:b — a va b ustunlarining koʻpaytmasi, a*b esa a + b + a:b ni bildiradi; asosiy effektlar birinchi keladi, R dagi model matritsasidagi kabi.
methods-hc3 = HC3 standart xatolar: (XᵀX)⁻¹ Xᵀ diag(eᵢ² / (1 − hᵢ)²) X (XᵀX)⁻¹ (MakKinnon va Uayt 1985; R dagi sandwich::vcovHC type "HC3"), t qoldiq erkinlik darajalari bilan.
methods-diagnostics = Regressiya diagnostikasi: qoldiqlar bashorat qilingan qiymatlarga nisbatan va standartlashtirilgan qoldiqlar eᵢ / (σ √(1 − hᵢ)) ning normal Q–Q grafigi (R dagi rstandard va plot.lm).
methods-logistic = Logistik regressiya: Fisher skoring usulida maksimal haqiqatga oʻxshashlik (R dagi glm, binomial oila, logit bogʻlovchi), qatorlab chiqarish; Vald z-mezonlari; shanslar nisbatlarining Vald va profil haqiqatga oʻxshashlik boʻyicha { $n }% IO (R dagi confint()); prediktorlari natijani ajratadigan model (bashorat ehtimollari 0 yoki 1) baholab boʻlmaydigan deb koʻrsatiladi: uning maksimal haqiqatga oʻxshashlik shanslar nisbatlari mavjud emas.
methods-survival = Yashovchanlik: guruhlar boʻyicha Kaplan–Meyer baholari, logarifmik shkaladagi Grinvud dispersiyasidan nuqtaviy { $n }% IO bilan (R dagi survfit standartlari, conf.type = "log"); yashovchanlik medianasi va uning IO print.survfit kabi; belgilangan vaqtlardagi xavf ostidagilar soni va yashovchanlik summary.survfit kabi; guruhlarning log-rank mezoni (R dagi survdiff, rho = 0).
methods-cox = Koks proporsional xavflar regressiyasi: bir xil vaqtlarni Efron usulida hisobga olgan maksimal qisman haqiqatga oʻxshashlik (R dagi coxph standarti), b = 0 dan Nyuton–Rafson, qatorlab chiqarish; xavflar nisbatlarining Vald z-mezonlari va { $n }% IO; modelning haqiqatga oʻxshashlik nisbati, Vald va score mezonlari; koeffitsiyent oʻsishi bilan qisman haqiqatga oʻxshashligi oʻsishda davom etadigan model (monoton haqiqatga oʻxshashlik) baholab boʻlmaydigan deb koʻrsatiladi. Xavflar proporsionalligi: R dagi cox.zph ning score-testi (transform "km") har bir had uchun va umumiy.

## Statistika nima uchun hisoblanmadi (statistika modulining xabarlari)

stats-too-few = { $x }: kamida { $n1 } ta tushib qolmagan qiymat kerak, { $n2 } ta berilgan
stats-too-many = { $x }: koʻpi bilan { $n1 } ta qiymat mumkin, { $n2 } ta berilgan
stats-zero-variance = { $x }: dispersiya nolga teng, barcha qiymatlar { $n } ga teng
stats-zero-margin = qoʻshma jadvalda nol chegaraviy yigʻindi bor: { $x }
stats-singular = xos model matritsasi: `{ $x }` prediktori ozod had va undan oldingi prediktorlarning chiziqli kombinatsiyasi
stats-perfect-fit = prediktorlar natijani aniq takrorlaydi (qoldiq kvadratlar yigʻindisi { $x }); standart xatolar va p qiymatlari aniqlanmagan
stats-not-computable = { $x1 }: hisoblab boʻlmaydi: { $x2 }
stats-invalid = { $x1 } ning notoʻgʻri qiymati: { $x2 }
