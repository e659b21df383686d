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
mg-acute-stroke-critical-trigger = Ishemik insult koʻpi bilan { $acute_stroke_window } oldin boshlangan va qon zardobidagi magniy referens oraliq quyi chegarasining { $mg_acute_stroke_fraction_of_lower_ref } hissasidan past: manba sharhining tasdiqlanmagan «kritik tanqisligi» (K2 daʼvosi).
mg-high-trigger = Qon zardobidagi magniy referens oraliqning yuqori chegarasidan yuqori: laboratoriyaning oʻz chegarasi, boʻlmasa { $mg_upper_ref }.
mg-toxic-trigger = Qon zardobidagi magniy { $mg_toxic } yoki undan yuqori.
mg-not-measured-trigger = Magniy tanqisligining testdan oldingi ehtimolligini oshiradigan omillar bor (istalgan vaqtdagi ishemik insult yoki uning oqibatlari, CVD.MG_RISK omillari, proton pompasi ingibitori yoki diuretik) va soʻnggi { $mg_freshness } ichida qon zardobidagi magniy natijasi yoʻq (oʻtkir ishemik insultdan keyin — soʻnggi { $mg_freshness_acute_stroke } ichida).
mg-replete-trigger = Qon zardobidagi magniy referens oraliqning quyi chegarasidan past. { $mg_severe } dan past boʻlsa — vena ichiga, aks holda ogʻiz orqali; SAFETY kodi toʻsgan yuborish yoʻli bandni chiqarib tashlanganlar roʻyxatiga oʻtkazadi, yaroqlilik muddatidan eski natija esa uni ushlab qoladi (DATA.STALE).
cvd-mg-risk-trigger = Arterial gipertenziya, surunkali miya ishemiyasi, periferik arteriyalar aterosklerozi, 2-tip qandli diabet yoki { $cvd_risk_age } va undan katta yosh.
athero-mg-low-trigger = Periferik arteriyalar aterosklerozi va qon zardobidagi magniy referens oraliqning quyi chegarasidan past.
diet-mg-intake-trigger = Qon zardobidagi magniy { $mg_optimal } dan past (yoki referens oraliqning quyi chegarasidan, agar u yuqoriroq boʻlsa) yoxud tanqislikning testdan oldingi ehtimolligi oshgan (CVD.MG_RISK), magniy referens oraliqdan yuqori boʻlmaganda; SAFETY.MG_RENAL kodi bilan chiqarib tashlanadi. Jins va yosh boʻyicha tavsiya etilgan isteʼmol meʼyori: 19–30 yoshli erkaklar { $rda_men_19_30 }, 31 yosh va undan katta erkaklar { $rda_men_31_plus }, 19–30 yoshli ayollar { $rda_women_19_30 }, 31 yosh va undan katta ayollar { $rda_women_31_plus }.
mg-gi-effects-trigger = Bemor ogʻiz orqali magniy qabul qilmoqda yoki u tavsiya etilgan.
safety-mg-renal-trigger = KFT { $egfr_oral_mg_contraindicated_below } dan past (berilgan yoki kreatinin boʻyicha CKD-EPI 2021 bilan hisoblangan) yoki C4–C5 bosqichli surunkali buyrak kasalligi. Ogʻiz orqali magniy tavsiyalarini chiqarib tashlaydi.
safety-mg-iv-contra-trigger = II–III darajali AV-blokada, miasteniya yoki miokard shikastlanishi (oʻtkir miokard infarkti). Vena ichiga magniy tavsiyalarini chiqarib tashlaydi.
safety-mg-orotate-contra-trigger = Bemor magniy orotat qabul qilmoqda yoki u tavsiya etilishi mumkin edi, siydik-tosh kasalligi, assitli jigar sirrozi yoki 18 yoshgacha boʻlganda (yoʻriqnomadagi qarshi koʻrsatmalar; buyrak funksiyasining buzilishi — SAFETY.MG_RENAL kodi).
safety-mg-above-ul-trigger = Qabul qilinayotgan preparatlardagi elementar magniy jami { $mg_supplement_upper_limit } dan oshadi.
interaction-mg-spacing-trigger = Ogʻiz orqali magniy tetratsiklin, ftorxinolon, bisfosfonat, temir preparati, penitsillamin, levotiroksin yoki gabapentin bilan birga qabul qilinmoqda yoki tavsiya etilgan; magniy ularning soʻrilishini kamaytiradi.
drug-ppi-mg-trigger = Bemor proton pompasi ingibitorini (ATX A02BC) qabul qilmoqda.
drug-diuretic-mg-trigger = Bemor qovuzloq (C03C) yoki tiazid (C03A) diuretigini qabul qilmoqda.
drug-metformin-b12-trigger = Bemor metformin (A10BA02) qabul qilmoqda; soʻnggi B12 vitamini natijasi keltiriladi, soʻnggi { $b12_freshness } ichida natija boʻlmasa, uni aniqlash taklif etiladi.
drug-ppi-b12-trigger = Bemor proton pompasi ingibitorini qabul qilmoqda; soʻnggi B12 vitamini natijasi keltiriladi, soʻnggi { $b12_freshness } ichida natija boʻlmasa, uni aniqlash taklif etiladi.
data-stale-trigger = Qaror uchun yaroqlilik muddatidan eski qon zardobidagi magniy natijasi ishlatilgan: oʻtkir ishemik insultdan keyin { $mg_freshness_acute_stroke }, aks holda { $mg_freshness }.
b12-deficient-trigger = Umumiy B12 vitamini { $b12_deficient_below } dan past (birlik qayta hisoblangandan keyin yaxlitlanmasdan taqqoslanadi) yoki laboratoriyaning oʻz quyi chegarasidan past.
b12-indeterminate-trigger = Umumiy B12 vitamini { $b12_deficient_below } dan { $b12_indeterminate_max } gacha (shu qiymat ham kiradi).
b12-metabolic-deficiency-trigger = B12 vitamini tanqislik yoki noaniq oraliqda, metilmalon kislotasi { $mma_high_above } dan yoki gomotsistein { $homocysteine_high_above } dan yuqori; ikkalasini ham oshiradigan buyrak funksiyasi buzilishi KFT { $egfr_renal_impairment_below } dan past boʻlganda tilga olinadi.
holotc-low-trigger = Golotranskobalamin { $holotc_deficient_below } dan past (tanqislik) yoki { $holotc_deficient_below } dan { $holotc_indeterminate_max } gacha, shu qiymat ham kiradi (noaniq natija).
b12-treat-neuro-trigger = B12 vitamini tanqisligi (umumiy B12, metabolik markerlar yoki golotranskobalamin boʻyicha) va B12 tanqisligi keltirib chiqaradigan nevrologik zararlanish.
hfs-b12-not-measured-trigger = Gemifasial spazm va soʻnggi { $b12_freshness } ichida B12 vitamini natijasi yoʻq.
hfs-b12-below-study-controls-trigger = Gemifasial spazm va B12 vitamini { $hfs_b12_below_study_controls } dan past — manba tadqiqotidagi nazorat guruhining oʻrtacha qiymati minus 2 SD.
hfs-severity-model-trigger = Gemifasial spazm va B12 vitamini, kortizol, dofamin va BDI natijalari: manba tadqiqotida chop etilgan bogʻliqlik z = −{ $hfs_model_weight_b12 }·zB12 + { $hfs_model_weight_cortisol }·zKortizol − { $hfs_model_weight_dopamine }·zDofamin + { $hfs_model_weight_bdi }·zBDI, har bir z asosiy guruhning oʻrtacha qiymati va SD siga nisbatan (B12 { $hfs_model_b12_mean } ± { $hfs_model_b12_sd }, kortizol { $hfs_model_cortisol_mean } ± { $hfs_model_cortisol_sd }, dofamin { $hfs_model_dopamine_mean } ± { $hfs_model_dopamine_sd }, BDI { $hfs_model_bdi_mean } ± { $hfs_model_bdi_sd }); bashorat qilingan chastota { $hfs_model_intercept } + { $hfs_model_slope } × z. Koʻrsatkich { $hfs_model_z_limit } SD dan tashqarida boʻlsa, hisoblanmaydi. Faqat ilmiy maqsadda.
hfs-cobalamin-option-trigger = Gemifasial spazm va B12 vitamini tanqislik yoki noaniq oraliqda.
cortisol-high-trigger = Ertalabki kortizol referens oraliqning yuqori chegarasidan yuqori: laboratoriyaning oʻz chegarasi, boʻlmasa { $cortisol_upper_ref }.
bdi-severity-trigger = BDI umumiy bali: BDI-II — minimal { $bdi2_minimal_max } gacha, yengil { $bdi2_mild_max } gacha, oʻrtacha { $bdi2_moderate_max } gacha, undan yuqori — ogʻir; asl BDI — minimal { $bdi1_minimal_max } gacha, yengil { $bdi1_mild_max } gacha, oʻrtacha { $bdi1_moderate_max } gacha, undan yuqori — ogʻir.
bdi-refer-trigger = BDI oraliqlari boʻyicha oʻrtacha yoki ogʻir depressiya (BDI.SEVERITY).
data-dopamine-implausible-trigger = Plazmadagi dofamin { $dopamine_implausible_above } dan yuqori.
stroke-time-since-onset-trigger = Koʻpi bilan { $acute_stroke_window } oldin boshlangan ishemik insult: baholash paytida insult boshlanganidan beri oʻtgan vaqt.
stroke-mg-neuroprotection-trigger = Boshlanganidan beri koʻpi bilan { $stroke_window_seed } oʻtgan ishemik insult: manba sharhidagi kasalxonagacha magniy sulfat protokoli foyda aniqlamagan tadqiqotlar bilan birga (K3 daʼvosi).
poststroke-mg-orotate-schedule-trigger = Koʻpi bilan { $poststroke_schedule_window } oldingi ishemik insult: manba sharhi va yoʻriqnomadagi magniy orotat sxemalari insult boshlanishidan sanalar bilan (tabletkada { $orotate_tablet_elemental_mg } elementar magniy) va kunlik jami { $mg_supplement_upper_limit } bilan taqqoslanadi (K4 daʼvosi).
tbi-mg-claim-trigger = Bosh miya jarohati: manba sharhining magniy holatni 1-kundan boshlab yaxshilaydi degan daʼvosi, foyda aniqlamagan tadqiqot bilan birga (K8 daʼvosi).
aspirin-mg-claim-trigger = Bemor atsetilsalitsil kislota (B01AC06) qabul qilmoqda: manba sharhining magniy uning dozasini kamaytirishga imkon beradi degan tasdiqlanmagan daʼvosi (K5 daʼvosi).
pain-mg-adjunct-trigger = Fibromialgiya, ishias yoki nevropatik ogʻriq: qoʻshimcha vosita sifatida magniy, dalillar noaniq (K11 daʼvosi).
