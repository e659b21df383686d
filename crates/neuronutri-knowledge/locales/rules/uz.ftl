# Qoidalar katalogi soʻzlar bilan (oʻzbekcha, lotin yozuvi), `neuronutri rules` uchun.
# `<id>-trigger` kod qachon chiqarilishini aytadi; oʻzgaruvchilar data/thresholds.toml dagi
# chegaralar (kalit boʻyicha, amaldagi qiymati va birligi bilan).

## Labels of `neuronutri rules`

rules-heading = Qoidalar katalogi: barcha chiqish kodlari, ular qachon chiqarilishi va amaldagi chegaralar
rules-intro = Bilimlar bazasidan (data/rules.toml, data/thresholds.toml va xabarlar kataloglari) `neuronutri rules` buyrugʻi bilan yaratilgan; qoʻlda tahrirlanmaydi. Chegaralar amaldagi qiymatlarida: standart qiymatlar yoki muassasa konfiguratsiyasidagi (`--config`) oʻzgartirishlar, ular belgilab qoʻyilgan.
rules-label-kind = turi
rules-label-severity = muhimligi
rules-label-certainty = dalillar ishonchliligi darajasi (GRADE)
rules-label-sources = manbalar
rules-label-claim = manba hujjati daʼvosi
rules-label-trigger = qachon chiqariladi
rules-label-thresholds = amaldagi chegaralar
rules-none = yoʻq
rules-threshold-overridden = muassasa konfiguratsiyasida belgilangan; standart qiymati { $default }
rules-threshold-no-source = birlamchi manbasiz
rules-unused-heading = Hech bir shartda tilga olinmagan chegaralar
rules-sources-heading = Havola qilingan manbalar

## When each code is emitted (thresholds as variables)

mg-low-trigger = Qon zardobidagi magniy referens oraliqning quyi chegarasidan past: laboratoriyaning oʻz chegarasi (Observation.referenceRange), boʻlmasa { $mg_lower_ref }.
mg-below-optimal-trigger = Qon zardobidagi magniy referens oraliq ichida, lekin { $mg_optimal } dan past — Costello va hammualliflar (2016) yetarli deb taklif qilgan daraja.
mg-seed-risk-threshold-trigger = Qon zardobidagi magniy { $mg_seed_risk } dan past — manba sharhidagi insult va miokard infarkti xavfi chegarasi; daʼvo xulosasi bilan koʻrsatiladi (K1).
mg-severe-trigger = Qon zardobidagi magniy { $mg_severe } dan past.
mg-acute-stroke-critical-trigger = Dalillar kartasi: ishemik insult koʻpi bilan { $acute_stroke_window } oldin boshlangan va qon zardobidagi magniy { $mg_acute_stroke_fraction_of_lower_ref } × referens oraliq quyi chegarasidan past: manba sharhining tasdiqlanmagan «kritik tanqisligi» (K2 daʼvosi). Oʻz ogʻirlik darajasi yoʻq: uni MG.LOW va MG.SEVERE koʻrsatadi.
mg-high-trigger = Qon zardobidagi magniy referens oraliqning yuqori chegarasidan yuqori: laboratoriyaning oʻz chegarasi, aks holda { $mg_upper_ref }; qabul qilinayotgan magniy preparatlari, surgilar va antatsidlar nomlanadi. Magniy sulfat bilan akusherlik davolashi vaqtida emas (OBSTETRIC.MG_THERAPY).
mg-toxic-trigger = Qon zardobidagi magniy { $mg_toxic } yoki undan yuqori. Magniy sulfat bilan akusherlik davolashi vaqtida OBSTETRIC.MG_THERAPY bilan almashtiriladi.
mg-not-measured-trigger = Nimadir magniy tanqisligining dastlabki ehtimolini oshiradi (istalgan vaqtdagi ishemik insult yoki uning oqibatlari, CVD.MG_RISK omillari, { $ppi_mg_min_duration } va undan koʻp qabul qilinayotgan proton pompasi ingibitori, qovuzloq yoki tiazid diuretigi, digoksin) va { $mg_freshness } ichida qon zardobidagi magniy natijasi yoʻq (oʻtkir ishemik insultdan keyin — { $mg_freshness_acute_stroke } ichida). MG.SEVERE_ESCALATE darajani qayta aniqlashni soʻrab turganda koʻrsatilmaydi.
mg-replete-trigger = Qon zardobidagi magniy referens oraliqning quyi chegarasidan past. { $mg_severe } dan past boʻlsa — vena ichiga, aks holda ogʻiz orqali; ishemik insultdan keyin ogʻiz orqali yoʻl yutish skriningi qayd etilmaguncha faqat «yutish skriningidan muvaffaqiyatli oʻtgandan keyin» deb aytiladi (odatiy holatda dastlabki { $swallow_screen_default }); SAFETY kodi toʻsgan yuborish yoʻli bandni chiqarib tashlanganlar roʻyxatiga oʻtkazadi, yaroqlilik muddatidan eski natija esa uni ushlab qoladi (DATA.STALE).
cvd-mg-risk-trigger = Arterial gipertenziya, surunkali miya ishemiyasi, periferik ateroskleroz, 2-tip qandli diabet yoki { $cvd_risk_age } va undan katta yosh; yangi magniy natijasi referens oraliqning quyi chegarasida yoki undan yuqori boʻlsa va magniy sulfat bilan akusherlik davolashi vaqtida koʻrsatilmaydi.
athero-mg-low-trigger = Periferik arteriyalar aterosklerozi va qon zardobidagi magniy referens oraliqning quyi chegarasidan past.
diet-mg-intake-trigger = Qon zardobidagi magniy { $mg_optimal } dan past (yoki referens oraliqning quyi chegarasidan past, agar u yuqoriroq boʻlsa) yoki tanqislikning dastlabki ehtimoli oshgan (CVD.MG_RISK); magniy referens oraliqdan yuqori boʻlsa, 1 yoshgacha va magniy sulfat bilan akusherlik davolashi vaqtida emas; SAFETY.MG_RENAL va insultdan keyin yutish skriningigacha chiqarib tashlanadi. Meʼyorlar: 1–3 yosh { $rda_1_3 }, 4–8 { $rda_4_8 }, 9–13 { $rda_9_13 }, 14–18 yoshli oʻgʻil bolalar { $rda_boys_14_18 }, 14–18 yoshli qizlar { $rda_girls_14_18 }, 19–30 yoshli erkaklar { $rda_men_19_30 }, 31 yoshdan erkaklar { $rda_men_31_plus }, 19–30 yoshli ayollar { $rda_women_19_30 }, 31 yoshdan ayollar { $rda_women_31_plus }; homiladorlikda 14–18 { $rda_pregnancy_14_18 }, 19–30 { $rda_pregnancy_19_30 }, 31–50 { $rda_pregnancy_31_50 }.
mg-gi-effects-trigger = Ogʻiz orqali magniy saqlovchi preparat qabul qilinmoqda (qoʻshimcha, surgi yoki antatsid) yoki MG.REPLETE ogʻiz orqali magniyni taklif qiladi. Faqat dalillar kartasi uni keltirib chiqarmaydi.
safety-mg-renal-trigger = KFT { $egfr_oral_mg_contraindicated_below } dan past (berilgan yoki kreatinin boʻyicha CKD-EPI 2021 bilan hisoblangan) yoki C4–C5 bosqichli surunkali buyrak kasalligi. Ogʻiz orqali magniy tavsiyalarini chiqarib tashlaydi.
safety-mg-iv-contra-trigger = II yoki III darajali AV-blokada yoki miokard shikastlanishi (oʻtkir miokard infarkti, I21/I22, boshlanganidan { $mi_recent } ichida yoki boshlanish sanasisiz). Vena ichiga magniy tavsiyalarini chiqarib tashlaydi.
safety-mg-orotate-contra-trigger = Bemor magniy orotat qabul qilmoqda yoki u tavsiya etilishi mumkin edi, siydik-tosh kasalligi, assitli jigar sirrozi yoki 18 yoshgacha boʻlganda (yoʻriqnomadagi qarshi koʻrsatmalar; buyrak funksiyasining buzilishi — SAFETY.MG_RENAL kodi).
safety-mg-above-ul-trigger = Qabul qilinayotgan vena ichiga yuborilmaydigan preparatlardagi elementar magniy jami yosh uchun yuqori chegaradan oshadi: 1–3 yoshda { $mg_supplement_ul_1_3 }, 4–8 yoshda { $mg_supplement_ul_4_8 }, 9 yoshdan { $mg_supplement_upper_limit } (yosh nomaʼlum boʻlganda ham). Tuzning mg dagi dozasi — tuz massasi, undagi magniy ulushi boʻyicha qayta hisoblanadi; orotat tabletkasi { $orotate_tablet_elemental_mg }.
interaction-mg-spacing-trigger = Ogʻiz orqali magniy tetratsiklin, ftorxinolon, bisfosfonat, temir preparati, penitsillamin, levotiroksin yoki gabapentin bilan birga qabul qilinmoqda yoki tavsiya etilgan; magniy ularning soʻrilishini kamaytiradi.
drug-ppi-mg-trigger = Proton pompasi ingibitori (ATC A02BC) { $ppi_mg_min_duration } va undan koʻp yoki nomaʼlum muddat qabul qilinmoqda; magniy past boʻlsa, u hali kerakmi, soʻraladi.
drug-diuretic-mg-trigger = Bemor qovuzloq (C03C) yoki tiazid (C03A) diuretigini qabul qilmoqda.
drug-metformin-b12-trigger = Metformin (A10BA02) qabul qilinmoqda; oxirgi B12 vitamini yoki golotranskobalamin natijasi keltiriladi yoki { $b12_freshness } ichida natija boʻlmasa, uni aniqlash taklif qilinadi.
drug-ppi-b12-trigger = Proton pompasi ingibitori { $ppi_b12_min_duration } va undan koʻp qabul qilinmoqda (boshlanish sanasi nomaʼlum boʻlsa, bu shartga javob bermaydi: magniy boʻyicha oʻzgarishdan farqli ravishda, bu nomaʼlum muddatda koʻrsatilmaydi); oxirgi B12 vitamini yoki golotranskobalamin natijasi keltiriladi yoki { $b12_freshness } ichida natija boʻlmasa, uni aniqlash taklif qilinadi.
data-stale-trigger = Qaror yaroqlilik muddatidan eski qon zardobidagi magniy natijasidan foydalangan (oʻtkir ishemik insultdan keyin { $mg_freshness_acute_stroke }, aks holda { $mg_freshness }) yoki B12 boʻyicha aniqlangan oʻzgarish { $b12_freshness } dan eski natijaga asoslangan.
b12-deficient-trigger = Umumiy B12 vitamini { $b12_deficient_below } dan past (birlik qayta hisoblangandan keyin yaxlitlanmasdan taqqoslanadi) yoki laboratoriyaning oʻz quyi chegarasidan past.
b12-indeterminate-trigger = Umumiy B12 vitamini { $b12_deficient_below } dan { $b12_indeterminate_max } gacha (shu qiymat ham kiradi).
b12-metabolic-deficiency-trigger = B12 vitamini tanqislik yoki noaniq oraliqda, metilmalon kislotasi { $mma_high_above } dan yoki gomotsistein { $homocysteine_high_above } dan yuqori; ikkalasini ham oshiradigan buyrak funksiyasi buzilishi KFT { $egfr_renal_impairment_below } dan past boʻlganda tilga olinadi.
holotc-low-trigger = Golotranskobalamin { $holotc_deficient_below } dan past (tanqislik) yoki { $holotc_deficient_below } dan { $holotc_indeterminate_max } gacha, shu qiymat ham kiradi (noaniq natija).
b12-treat-neuro-trigger = B12 tanqisligi keltirib chiqaradigan nevrologik zararlanish bilan B12 vitamini tanqisligi (umumiy B12 { $b12_deficient_below } dan, golotranskobalamin { $holotc_deficient_below } dan past yoki metabolik) (G32.0, G60–G64, G95.8/9, H46, H47.0, F01–F03, G30–G31, R41.8, R20.2, R26, R27.0); insult, surunkali miya ishemiyasi yoki gemifatsial spazm emas. B12.ON_TREATMENT da chiqarib tashlanadi.
hfs-b12-not-measured-trigger = Gemifatsial spazm va { $b12_freshness } ichida B12 vitamini yoki golotranskobalamin natijasi yoʻq (eskiroq natija oʻlchanmagan deb hisoblanadi).
hfs-b12-below-study-controls-trigger = Gemifatsial spazm va { $b12_freshness } ichidagi B12 vitamini natijasi { $hfs_b12_below_study_controls } dan past — manba tadqiqotining nazorat guruhi oʻrtachasi minus 2 SD.
hfs-severity-model-trigger = Gemifasial spazm va B12 vitamini, kortizol, dofamin va BDI natijalari: manba tadqiqotida chop etilgan bogʻliqlik z = −{ $hfs_model_weight_b12 }·zB12 + { $hfs_model_weight_cortisol }·zKortizol − { $hfs_model_weight_dopamine }·zDofamin + { $hfs_model_weight_bdi }·zBDI, har bir z asosiy guruhning oʻrtacha qiymati va SD siga nisbatan (B12 { $hfs_model_b12_mean } ± { $hfs_model_b12_sd }, kortizol { $hfs_model_cortisol_mean } ± { $hfs_model_cortisol_sd }, dofamin { $hfs_model_dopamine_mean } ± { $hfs_model_dopamine_sd }, BDI { $hfs_model_bdi_mean } ± { $hfs_model_bdi_sd }); bashorat qilingan chastota { $hfs_model_intercept } + { $hfs_model_slope } × z. Koʻrsatkich { $hfs_model_z_limit } SD dan tashqarida boʻlsa, hisoblanmaydi. Faqat ilmiy maqsadda.
hfs-cobalamin-option-trigger = { $b12_freshness } ichidagi B12 vitamini natijasi tanqis yoki noaniq boʻlgan gemifatsial spazm; B12.ON_TREATMENT da chiqarib tashlanadi.
cortisol-high-trigger = Ertalab (mahalliy vaqt bilan { $cortisol_morning_from } dan { $cortisol_morning_until } gacha) olingan kortizol referens oraliqning yuqori chegarasidan yuqori: laboratoriyaning oʻz chegarasi, aks holda { $cortisol_upper_ref }.
bdi-severity-trigger = BDI umumiy bali: BDI-II — minimal { $bdi2_minimal_max } gacha, yengil { $bdi2_mild_max } gacha, oʻrtacha { $bdi2_moderate_max } gacha, undan yuqori ogʻir (Beck 1996); asl BDI — minimal { $bdi1_minimal_max } gacha, yengil yoki oʻrtacha { $bdi1_mild_max } gacha, oʻrtacha yoki ogʻir { $bdi1_moderate_max } gacha, undan yuqori ogʻir (Beck 1988).
bdi-refer-trigger = BDI oraliqlari boʻyicha oʻrtacha, oʻrtacha yoki ogʻir yoxud ogʻir depressiya (BDI.SEVERITY): suitsid fikrlari haqida soʻrash (BDI-II ning 9-bandi) va suitsid xavfi boʻyicha mahalliy tartibga amal qilish.
data-dopamine-implausible-trigger = Plazmadagi dofamin { $dopamine_implausible_above } dan yuqori.
stroke-time-since-onset-trigger = Boshlanishi koʻpi bilan { $acute_stroke_window } oldin boʻlgan ishemik insult: boshlanganidan beri oʻtgan soatlar (vaqtsiz sanada — faqat sana) va yutish skriningi qayd etilganmi; manba sharhidagi magniy sulfat oynasi ({ $stroke_window_seed }) uning rad etilgan daʼvosi sifatida aytiladi (K3).
stroke-mg-neuroprotection-trigger = Dalillar kartasi: vaqti koʻrsatilgan boshlanishdan koʻpi bilan { $stroke_window_seed } oʻtgan ishemik insult: manba sharhidagi kasalxonagacha magniy sulfat protokoli foyda aniqlamagan tadqiqotlar bilan birga (K3 daʼvosi). Homiladorlikda chiqarib tashlanadi.
poststroke-mg-orotate-schedule-trigger = Dalillar kartasi: koʻpi bilan { $poststroke_schedule_window } oldingi faol ishemik insult: manba sharhi va yoʻriqnomadagi magniy orotat sxemalari kunlarda (tabletkada { $orotate_tablet_elemental_mg } elementar magniy), sanalar faqat qabul qilinayotgan orotat boshlanganidan, kunlik miqdor yuqori chegaraga nisbatan (K4 daʼvosi). SAFETY.MG_RENAL, SAFETY.MG_OROTATE_CONTRA, SAFETY.PREGNANCY va yuqori magniyda chiqarib tashlanadi; { $egfr_renal_impairment_below } dan past KFT aytiladi.
tbi-mg-claim-trigger = Boshlanishi koʻpi bilan { $tbi_claim_window } oldin boʻlgan (yoki boshlanish sanasisiz faol) bosh miya jarohati: manba sharhining magniy holatni 1-kundan yaxshilaydi degan daʼvosi, foyda aniqlamagan va ehtimoliy zararni koʻrsatgan tadqiqot bilan birga (K8 daʼvosi).
aspirin-mg-claim-trigger = Bemor atsetilsalitsil kislota (B01AC06) qabul qilmoqda: manba sharhining magniy uning dozasini kamaytirishga imkon beradi degan tasdiqlanmagan daʼvosi (K5 daʼvosi).
pain-mg-adjunct-trigger = Fibromialgiya, ishias yoki nevropatik ogʻriq: qoʻshimcha vosita sifatida magniy, dalillar noaniq (K11 daʼvosi). SAFETY.MG_RENAL va SAFETY.PREGNANCY da chiqarib tashlanadi (karta ogʻiz orqali dozani keltiradi).

## Revision 2

mg-severe-escalate-trigger = Qon zardobidagi magniy { $mg_severe } dan past va vena ichiga yoʻl qarshi koʻrsatilgan yoki ehtiyotkorlik talab qiladi (SAFETY.MG_IV_CONTRA, SAFETY.MG_IV_CAUTION), yoki natija yaroqlilik muddatidan eski, yoki yutish skriningigacha boʻlgan oʻtkir ishemik insult.
safety-mg-iv-caution-trigger = Miasteniya (G70.0): vena ichiga magniy faqat mutaxassis kuzatuvi ostida; oʻzi hech narsani chiqarib tashlamaydi.
safety-pregnancy-trigger = Homiladorlik: faol O00–O99, Z33, Z34 yoki Z3A holati yoki homiladorlik holati (LOINC 82810-3) «homilador».
obstetric-mg-therapy-trigger = Preeklampsiya yoki eklampsiya (O11, O14, O15) bilan homiladorlik va vena ichiga magniy sulfat yuborilmoqda: daraja { $mg_obstetric_range_low }–{ $mg_obstetric_range_high } oraligʻiga nisbatan (maʼlumot), { $mg_obstetric_range_high } dan yuqori — ogohlantirish, { $mg_obstetric_critical } va undan yuqori — kritik.
interaction-qt-fluoroquinolone-trigger = Ftorxinolon (J01MA) qabul qilinmoqda va qon zardobidagi magniy referens oraliqning quyi chegarasidan past.
interaction-digoxin-mg-trigger = Digoksin (C01AA05) qabul qilinmoqda va qon zardobidagi magniy referens oraliqning quyi chegarasidan past.
b12-treat-trigger = B12 tanqisligi keltirib chiqaradigan nevrologik zararlanishsiz B12 vitamini tanqisligi (umumiy B12 { $b12_deficient_below } dan, golotranskobalamin { $holotc_deficient_below } dan past yoki metabolik); tanqislikni faqat markerlar koʻrsatsa, { $egfr_renal_impairment_below } dan past KFTda buyrak yetishmovchiligi aytiladi. B12.ON_TREATMENT da chiqarib tashlanadi.
b12-on-treatment-trigger = B12 vitamini (B03BA) qabul qilinmoqda va B12 natijasi tanqis yoki noaniq: davolashni boshlash boʻyicha tavsiyalar takrorlanmaydi.
cortisol-not-morning-trigger = Kortizol mahalliy vaqt bilan { $cortisol_morning_from } dan { $cortisol_morning_until } gacha boʻlgan oraliqdan tashqarida olingan yoki faqat sana koʻrsatilgan.
stroke-onset-unknown-trigger = Boshlanish sanasisiz faol ishemik insult (va boshlanish sanasi bor oʻtkir insult yoʻq).
patient-deceased-trigger = deceasedBoolean true yoki deceasedDateTime baholash vaqtidan kech emas: yagona natija.
data-implausible-trigger = Tugʻilgan sana 1900-yildan oldin yoki baholash vaqtida yosh 120 dan katta.
data-ignored-trigger = Toʻplamdagi nimadir oʻqilgan, lekin foydalanilmagan: oʻqilmaydigan resurs turi, nomaʼlum tizimdagi kod, hech bir sinfga tegishli boʻlmagan kod, kutilayotgan, bekor qilingan yoki qiymatsiz natija, hal qilinmagan havola.
