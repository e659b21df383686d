# neuronutri xabarlarining oʻzbekcha (lotin yozuvi) katalogi. Xabar identifikatorlari
# en.ftl bilan bir xil. Qiymatlar tayyor formatda keladi (oʻnli vergul, KK.OO.YYYY sanalar);
# sonlardan keyin ot koʻplik qoʻshimchasini olmaydi (5 soat, 21 kun), shuning uchun
# sanoqlar (soat, kun, yosh) boʻyicha tanlov kerak emas.

## Kinds, severities, certainty, verdicts

kind-finding = aniqlangan oʻzgarish
kind-recommendation = tavsiya
kind-alert = ogohlantiruvchi xabar
kind-note = izoh
kind-evidence = dalillar kartasi
severity-info = maʼlumot
severity-warning = ogohlantirish
severity-critical = kritik
certainty-high = dalillar ishonchliligi darajasi yuqori
certainty-moderate = dalillar ishonchliligi darajasi oʻrtacha
certainty-low = dalillar ishonchliligi darajasi past
certainty-very_low = dalillar ishonchliligi darajasi juda past
verdict-supported = tasdiqlangan
verdict-conflicting = maʼlumotlar ziddiyatli
verdict-unverified = tasdiqlanmagan
verdict-contradicted = rad etilgan
verdict-supported_unverified = qisman tasdiqlangan, qisman tasdiqlanmagan

## Seed claims

claim-k1 = Plazmadagi magniyning 0,76 mmol/l dan past boʻlishi insult va miokard infarktining muhim xavf omilidir.
claim-k1-why = Bogʻliqlik boʻyicha tadqiqotlar mavjud (Amighi 2004); 0,76 mmol/l — Schimatschek va Rempis (2001) Germaniya aholisi uchun taklif qilgan referens oraliqning quyi chegarasi, insult yoki infarkt xavfi chegarasi emas.
claim-k2 = Oʻtkir ishemik insultda qondagi magniy tanqisligi kritik qiymatlarga — meʼyorning 70–60 % idan pastga yetadi.
claim-k2-why = Birlamchi manba topilmadi.
claim-k3 = Insult boshlanganidan keyingi 12 soat ichida vena ichiga 4 g magniy sulfat (20 % li eritmadan 20 ml) yuborish asoslangan va samarali (FAST-MAG).
claim-k3-why = Pilot tadqiqot (n=20) faqat amalga oshirish mumkinligini koʻrsatdi; FAST-MAG 2015 (n=1700), IMAGES 2004 (n=2589) va 7 ta tadqiqotning 2019 yilgi meta-tahlili foyda aniqlamadi.
claim-k4 = Insultdan keyingi dastlabki 6–8 haftada magniy orotat 2 tabletkadan kuniga 3 marta, 2–4 haftadan keyin gemodinamika korreksiya qilingan boʻlsa, 1 tabletkadan kuniga 3 marta.
claim-k4-why = Natijalar boʻyicha klinik tadqiqot yoʻq; toʻliq doza preparat yoʻriqnomasidagidan uzoqroq muddatga buyuriladi.
claim-k5 = Magniy atsetilsalitsil kislotaning antiagregant taʼsirini kuchaytiradi, bu esa uning dozasini kamaytirishga imkon beradi.
claim-k5-why = Faqat darslikka havola qilingan. Bu atsetilsalitsil kislota dozasini kamaytirish uchun asos emas.
claim-k6 = Magniyga boy ovqatlanish qandli diabet xavfini kamaytiradi (NX 0,69 [0,52; 0,91]); qandli diabet bilan ogʻrigan bemorlarning qariyb 30 % ida magniy tanqisligi bor.
claim-k6-why = Bogʻliqlik yoʻnalishi tasdiqlangan (Dong 2011, NX 0,78); keltirilgan 0,69 [0,52; 0,91] — He 2006 ning diabet emas, metabolik sindrom uchun koʻrsatkichi; 30 % haqidagi maʼlumot topilmadi.
claim-k7 = Magniyga boʻlgan kunlik ehtiyoj 300–400 mg ni tashkil qiladi.
claim-k7-why = IOM 1997 boʻyicha tavsiya etilgan isteʼmol meʼyori kuniga 310–420 mg.
claim-k8 = Magniy saqlovchi preparatlar bosh miya jarohatida holatni 1-kundan boshlab yaxshilaydi.
claim-k8-why = Oʻrta ogʻir va ogʻir bosh miya jarohatidan keyin 5 kun magniy sulfat bilan oʻtkazilgan randomizatsiyalangan tadqiqotda (Temkin 2007, n=499) foyda aniqlanmadi va ehtimoliy zarar qayd etildi: past dozali guruhda natijalar platsebodan yomonroq, yuqori dozali guruhda oʻlim koʻproq boʻlgan.
claim-k9 = Gemifasial spazm bilan ogʻrigan bemorlarda B12 darajasi pastroq (317±54 ga qarshi 458±62 pg/ml), kortizol yuqoriroq va dofamin pastroq; B12 spazmlar chastotasi bilan korrelyatsiyaga ega (r = −0,52).
claim-k9-why = Yagona kesma (bir vaqtli) tadqiqot; ikkala guruhning oʻrtacha qiymatlari BSH tanqislik chegarasidan yuqori; ng/ml dagi dofamin qiymatlari fiziologik jihatdan imkonsiz (meʼyorda plazmadagi dofamin 30 pg/ml dan past).
claim-k10 = Kobalamin gemifasial spazmda asosli qoʻshimcha terapiyadir.
claim-k10-why = Klinik tadqiqot yoʻq; bu faqat gipoteza.
claim-k11 = Magniy amitriptilin bilan birga fibromialgiyada, shuningdek ishiasda yordam beradi (hayvonlardagi maʼlumotlar).
claim-k11-why = Bitta kichik ochiq tadqiqot (Bagis 2013); tizimli sharh natijasi noaniq (Park 2020); ishias boʻyicha maʼlumotlar faqat hayvonlarda olingan.
claim-k12 = Diareya magniyning tez-tez uchraydigan nojoʻya taʼsiri; uzaytirilgan taʼsirli shakllar uni kamaytiradi.
claim-k12-why = Diareya preparat haqidagi maʼlumotlar bilan tasdiqlangan; uzaytirilgan taʼsirli shakllarning foydasi tasdiqlanmagan.

## Names used inside texts

factor-ischemic-stroke = ishemik insult
factor-hypertension = arterial gipertenziya
factor-chronic-cerebral-ischaemia = surunkali miya ishemiyasi
factor-peripheral-atherosclerosis = periferik arteriyalar aterosklerozi
factor-type2-diabetes = 2-tip qandli diabet
factor-age = { $age } yosh
factor-ppi = proton pompasi ingibitorlarini 90 kun va undan koʻp qabul qilish
factor-diuretic = diuretiklarni qabul qilish
condition-av-block = II–III darajali AV-blokada ({ $code })
condition-myasthenia = miasteniya ({ $code })
condition-myocardial-infarction = 28 kun ichidagi miokard infarkti ({ $code })
condition-urolithiasis = siydik-tosh kasalligi ({ $code })
condition-cirrhosis-ascites = assitli jigar sirrozi ({ $code })
condition-under-18 = 18 yoshgacha ({ $age } yosh)
list-and = { $first } va { $last }

## Magnesium

mg-low-title = Qon zardobidagi magniy past
mg-low = Qon zardobidagi magniy { $value } mmol/l ({ $date }) referens oraliqning quyi chegarasidan ({ $lower } mmol/l) past.
mg-below-optimal-title = Qon zardobidagi magniy taklif etilgan optimal darajadan past
mg-below-optimal = Qon zardobidagi magniy { $value } mmol/l referens oraliq ichida, lekin Costello va hammualliflar (2016) yetarli deb taklif qilgan darajadan ({ $optimal } mmol/l) past.
mg-seed-risk-threshold-title = Manba sharhidagi insult xavfi chegarasidan past
mg-seed-risk-threshold = Qon zardobidagi magniy { $value } mmol/l — manba sharhi insult va miokard infarktining muhim xavf omili deb ataydigan darajadan ({ $threshold } mmol/l) past. Bu chegara sharhning daʼvosi boʻlib, tasdiqlanmagan.
mg-severe-title = Ogʻir gipomagniyemiya
mg-severe = Qon zardobidagi magniy { $value } mmol/l — { $threshold } mmol/l chegarasidan past: ogʻir gipomagniyemiya.
mg-acute-stroke-critical-title = Oʻtkir insultda manba sharhidagi «kritik tanqislik» (tasdiqlanmagan)
mg-acute-stroke-critical = Oʻtkir ishemik insult, qon zardobidagi magniy { $value } mmol/l — referens oraliq quyi chegarasining 70 % idan ({ $limit } mmol/l) past. Manba sharhi oʻtkir insultda meʼyorning 70–60 % idan past tanqislikni kritik deb ataydi; bu chegara sharhning tasdiqlanmagan daʼvosi. Klinik ogʻirlikni past (va ogʻir darajada past) magniy haqidagi aniqlangan oʻzgarishlar koʻrsatadi.
mg-high-title = Qon zardobidagi magniy yuqori
mg-high = Qon zardobidagi magniy { $value } mmol/l ({ $date }) referens oraliqning yuqori chegarasidan ({ $upper } mmol/l) yuqori.{ $taking ->
        [yes] { " " }Magniy saqlovchi preparatlar qabul qilinmoqda ({ $products }): ularni toʻxtatish yoki dozasini kamaytirishni koʻrib chiqing.
       *[no] { "" }
    }
mg-toxic-title = Magniyning toksik darajasi: barcha magniy preparatlarini toʻxtatishni koʻrib chiqing
mg-toxic = Qon zardobidagi magniy { $value } mmol/l — { $threshold } mmol/l yoki undan yuqori: barcha magniy preparatlarini toʻxtatishni koʻrib chiqing. Magniy sulfat yoʻriqnomasiga koʻra, reflekslar 2 mmol/l dan yuqorida susayadi va 5 mmol/l da yoʻqolishi mumkin, bunda nafas falaji xavfi bor: tizza refleksi, nafas olish (daqiqasiga kamida 16 marta), diurez va EKGni tekshirishni koʻrib chiqing; inyeksiya uchun kalsiy tuzi darhol tayyor boʻlishi kerak.
mg-not-measured-title = Qon zardobidagi magniyni aniqlashni koʻrib chiqing
mg-not-measured = { $reasons }: magniy tanqisligining testdan oldingi ehtimolligi oshgan, { $acute ->
        [yes] soʻnggi { $limit } soat ichida (oʻtkir insult)
       *[no] soʻnggi { $limit } kun ichida
    } esa qon zardobidagi magniy natijasi yoʻq. Qon zardobidagi magniyni aniqlashni koʻrib chiqing.
mg-replete-title = Magniy tanqisligini korreksiya qilishni koʻrib chiqing
mg-replete = Qon zardobidagi magniy { $value } mmol/l referens oraliqning quyi chegarasidan past. { $route ->
        [iv] Tanqislik ogʻir boʻlgani sababli ({ $severe } mmol/l dan past) vena ichiga magniy yuborish bilan korreksiya qilishni koʻrib chiqing.
        [oral-iv-blocked] Ogʻiz orqali qabul qilinadigan magniy bilan korreksiya qilishni koʻrib chiqing: bu holatda vena ichiga magniy yuborish qarshi koʻrsatilgan (xavfsizlik qoidalari bilan chiqarib tashlangan bandlarga qarang).
        [oral-after-screen] Ogʻiz orqali qabul qilinadigan magniy bilan korreksiya qilishni faqat yutish skriningidan muvaffaqiyatli oʻtgandan keyin koʻrib chiqing (AHA/ASA 2019); unga qadar simptomlar boʻlsa — vena ichiga magniy.
       *[oral] Ogʻiz orqali qabul qilinadigan magniy bilan korreksiya qilishni koʻrib chiqing; simptomlar boʻlsa — vena ichiga magniy.
    }
cvd-mg-risk-title = Magniy tanqisligining testdan oldingi ehtimolligi oshgan
cvd-mg-risk = { $factors }: magniy tanqisligining testdan oldingi ehtimolligi oshgan (manba sharhi; bogʻliqliklar: ateroskleroz uchun Amighi 2004, qandli diabet uchun Dong 2011).
athero-mg-low-title = Periferik aterosklerozda magniy past
athero-mg-low = Periferik arteriyalar aterosklerozi, qon zardobidagi magniy { $value } mmol/l referens oraliqning quyi chegarasidan past: rivojlangan aterosklerozda qon zardobidagi past magniy nevrologik hodisalarni bashorat qilgan (Amighi 2004).
diet-mg-intake-title = Ovqatlanishdagi magniy
diet-mg-intake = { $group ->
        [pregnancy-14-18] 14–18 yoshda homiladorlikda tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [pregnancy-19-30] 19–30 yoshda homiladorlikda tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [pregnancy-31-50] 31–50 yoshda homiladorlikda tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [pregnancy] Homiladorlikda tavsiya etilgan isteʼmol meʼyori yoshga qarab kuniga 350–400 mg magniy (IOM 1997).
        [children-1-3] 1–3 yoshli bolalar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [children-4-8] 4–8 yoshli bolalar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [children-9-13] 9–13 yoshli bolalar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [boys-14-18] 14–18 yoshli oʻgʻil bolalar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [girls-14-18] 14–18 yoshli qizlar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [adolescents] 14–18 yoshda tavsiya etilgan isteʼmol meʼyori oʻgʻil bolalarga kuniga 410 mg, qizlarga 360 mg magniy (IOM 1997).
        [men-19-30] 19–30 yoshli erkaklar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [men-31] 31 yosh va undan katta erkaklar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [women-19-30] 19–30 yoshli ayollar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
        [women-31] 31 yosh va undan katta ayollar uchun tavsiya etilgan isteʼmol meʼyori kuniga { $rda } mg magniy (IOM 1997).
       *[adults] Kattalar uchun tavsiya etilgan isteʼmol meʼyori erkaklarga kuniga { $men_low }–{ $men_high } mg, ayollarga { $women_low }–{ $women_high } mg magniy (IOM 1997).
    } Oziq-ovqat manbalari: yangi sabzavot va mevalar, koʻkatlar (petrushka, shivit, koʻk piyoz) va yongʻoqlar; quritish va konservalash magniyning biologik oʻzlashtirilishini kamaytiradi. Manba sharhida tilga olingan magniyga boy mineral suvlar: Batalinskaya, Donat, Pyatigorsk, Lisogorsk qudugʻi, Kuka kurorti (27-son quduq), Qrim va Kislovodsk narzanlari.
mg-gi-effects-title = Ogʻiz orqali qabul qilinadigan magniyning oshqozon-ichak taʼsirlari
mg-gi-effects = { $context ->
        [taking] Bemor ogʻiz orqali magniy qabul qilmoqda ({ $drug }):
       *[recommended] Ogʻiz orqali magniy tavsiya etilgan:
    } diareya uning eng koʻp uchraydigan nojoʻya taʼsiri; koʻngil aynishi va oshqozon bezovtaligi ham kuzatiladi. Manba maqolasining uzaytirilgan taʼsirli shakllar diareyani kamaytiradi degan maslahati tasdiqlanmagan.

## Safety and interactions

safety-mg-renal-title = Ogʻiz orqali magniy qarshi koʻrsatilgan: buyrak funksiyasi
safety-mg-renal = { $basis ->
        [ckd] Surunkali buyrak kasalligi C4–C5 ({ $code })
        [egfr-computed] KFT { $egfr } ml/min/1,73 m² (kreatinin { $creatinine } mkmol/l boʻyicha CKD-EPI 2021, { $date })
       *[egfr] KFT { $egfr } ml/min/1,73 m² ({ $date })
    }: KFT { $limit } ml/min dan past boʻlganda ogʻiz orqali magniy preparatlari qarshi koʻrsatilgan. Vena ichiga magniy faqat ehtiyotkorlik bilan: 48 soatda 20 g dan koʻp emas, qon zardobidagi darajasini nazorat qilgan holda.
safety-mg-iv-contra-title = Vena ichiga magniy yuborish qarshi koʻrsatilgan
safety-mg-iv-contra = { $conditions }: vena ichiga magniy sulfat yuborish qarshi koʻrsatilgan (yoʻriqnoma: yurak blokadasi, miokard shikastlanishi).
safety-mg-orotate-contra-title = Magniy orotat qarshi koʻrsatilgan
safety-mg-orotate-contra = { $conditions }: yoʻriqnomaga koʻra magniy orotat qarshi koʻrsatilgan (buyrak funksiyasining buzilishi, siydik-tosh kasalligi, assitli jigar sirrozi, 18 yoshgacha).
safety-mg-above-ul-title = Qoʻshimchalardan olinadigan magniy yuqori chegaradan oshgan
safety-mg-above-ul = Joriy preparatlardan olinadigan elementar magniy kuniga { $total } mg ({ $drugs }) — bu qoʻshimchalardan isteʼmol qilishning yuqori chegarasidan (kuniga { $ul } mg) koʻp { $known ->
        [yes] ({ $age } yoshda, IOM 1997).
       *[no] (IOM 1997; yosh nomaʼlum, 9 yoshdan boshlab amal qiladigan chegara olingan).
    } Dozani kamaytirishni koʻrib chiqing.
interaction-mg-spacing-title = Magniy va { $drug } qabul qilishni vaqt boʻyicha ajratishni koʻrib chiqing
interaction-mg-spacing = { $context ->
        [taking] Bemor magniy ({ $magnesium }) va { $drug } qabul qilmoqda:
       *[recommended] Magniy tavsiya etilgan, bemor esa { $drug } qabul qilmoqda:
    } { $class ->
        [tetracycline] magniy tetratsiklinlarning soʻrilishini kamaytiradi; bemorga ularni 2–3 soat oraliq bilan qabul qilishni tavsiya etishni koʻrib chiqing.
        [fluoroquinolone] magniy xinolonlarning soʻrilishini kamaytiradi; bemorga xinolonni magniydan kamida 2 soat oldin yoki 4–6 soat keyin qabul qilishni tavsiya etishni koʻrib chiqing.
        [bisphosphonate] magniy bisfosfonatlarning soʻrilishini kamaytiradi; bemorga ularni 3–4 soat oraliq bilan qabul qilishni tavsiya etishni koʻrib chiqing.
        [iron] magniy temirning soʻrilishini kamaytiradi; bemorga ularni 3–4 soat oraliq bilan qabul qilishni tavsiya etishni koʻrib chiqing.
        [penicillamine] magniy penitsillaminning soʻrilishini kamaytiradi; bemorga ularni 3–4 soat oraliq bilan qabul qilishni tavsiya etishni koʻrib chiqing.
        [levothyroxine] magniy levotiroksinning soʻrilishini kamaytiradi; bemorga ularni 4 soat oraliq bilan qabul qilishni tavsiya etishni koʻrib chiqing.
       *[gabapentin] magniy gabapentinning soʻrilishini kamaytirishi mumkin; bemorga gabapentinni magniydan kamida 2 soat keyin qabul qilishni tavsiya etishni koʻrib chiqing.
    }
drug-ppi-mg-title = Proton pompasi ingibitori: gipomagniyemiya xavfi
drug-ppi-mg = { $drug }: proton pompasi ingibitorlarini qabul qilish gipomagniyemiyaga olib kelishi mumkin — 3 oydan keyin va asosan bir yildan keyin qayd etilgan (FDA 2011){ $known ->
        [yes] ; qabul qilish davomiyligi: { $days } kun.
       *[no] ; qabul qilish davomiyligi nomaʼlum.
    } { $magnesium ->
        [low] Qon zardobidagi magniy { $value } mmol/l referens oraliqning quyi chegarasidan past boʻlgani uchun proton pompasi ingibitori hali kerakmi, koʻrib chiqing: FDA holatlarining taxminan chorak qismida gipomagniyemiya faqat uni toʻxtatgandan keyin bartaraf boʻlgan.
        [measured] Qon zardobidagi magniy oxirgi bir yil ichida aniqlangan ({ $value } mmol/l).
       *[absent] Qon zardobidagi magniyni aniqlashni koʻrib chiqing.
    }
drug-diuretic-mg-title = Diuretik: gipomagniyemiya xavfi
drug-diuretic-mg = { $drug } ({ $class ->
        [loop] qovuzloq diuretigi
       *[thiazide] tiazid diuretigi
    }): magniyning siydik bilan yoʻqotilishi, gipomagniyemiya xavfi (preparat yoʻriqnomalari).{ $measured ->
        [yes] { "" }
       *[no] { " " }Qon zardobidagi magniyni aniqlashni koʻrib chiqing.
    }
drug-metformin-b12-title = Metformin: B12 vitamini soʻrilishining buzilishi
drug-metformin-b12 = { $drug }: metformin B12 vitamini soʻrilishini kamaytirishi mumkin. { $measured ->
        [yes] Oxirgi { $analyte ->
            [holotc] golotranskobalamin
           *[b12] B12 vitamini
        } natijasi: { $b12 } pmol/l ({ $date }).
       *[no] Oxirgi 365 kun ichida B12 vitamini yoki golotranskobalamin natijasi yoʻq: B12 vitaminini aniqlashni koʻrib chiqing.
    }
drug-ppi-b12-title = Proton pompasi ingibitori: B12 vitamini soʻrilishining buzilishi
drug-ppi-b12 = { $drug }: proton pompasi ingibitorlarini 2 yil va undan koʻp qabul qilish B12 vitamini tanqisligi bilan bogʻliq (Lam 2013){ $known ->
        [yes] ; qabul qilish davomiyligi: { $days } kun.
       *[no] ; qabul qilish davomiyligi nomaʼlum.
    } { $measured ->
        [yes] Oxirgi { $analyte ->
            [holotc] golotranskobalamin
           *[b12] B12 vitamini
        } natijasi: { $b12 } pmol/l ({ $date }).
       *[no] Oxirgi 365 kun ichida B12 vitamini yoki golotranskobalamin natijasi yoʻq: B12 vitaminini aniqlashni koʻrib chiqing.
    }
data-stale-title = Natija yaroqlilik muddatidan eski
data-stale = { $analyte ->
        [b12] B12 vitamini natijasi ({ $date }) { $age } kun oldin olingan, bu { $limit } kunlik chegaradan oshadi; B12 boʻyicha aniqlangan oʻzgarishlar eski natijaga asoslangan: qayta aniqlashni koʻrib chiqing.
       *[magnesium] { $acute ->
            [yes] Foydalanilgan qon zardobidagi magniy natijasi ({ $date }) { $age } soat oldin olingan, bu oʻtkir insultdagi qarorlar uchun belgilangan { $limit } soatlik chegaradan oshadi; qayta aniqlashni koʻrib chiqing.
           *[no] Foydalanilgan qon zardobidagi magniy natijasi ({ $date }) { $age } kun oldin olingan, bu { $limit } kunlik chegaradan oshadi; qayta aniqlashni koʻrib chiqing.
        }
    }

## Text output of the CLI

report-header = Bemor { $patient } holatini baholash (vaqt: { $at })
report-patient-unknown = (identifikatorsiz)
section-alerts = Ogohlantiruvchi xabarlar
section-findings = Aniqlangan oʻzgarishlar
section-recommendations = Tavsiyalar
section-suppressed = Xavfsizlik qoidalari bilan chiqarib tashlangan
section-empty = yoʻq
label-certainty = dalillar ishonchliligi darajasi
label-sources = manbalar
label-inputs = kiritilgan maʼlumotlar
label-suppressed-by = chiqarib tashlagan qoida
label-claim = manba hujjati daʼvosi { $id }, xulosa: { $verdict }
label-route = yuborish yoʻli

## Vitamin B12

b12-deficient-title = B12 vitamini tanqisligi
b12-deficient = Umumiy B12 vitamini { $value } pmol/l ({ $date }) NICE NG239 tavsiyalaridagi tanqislik chegarasidan ({ $threshold } pmol/l, 180 ng/l) past (BSH 2014 ning avvalgi chegarasi 200 ng/l edi); mahalliy laboratoriyaning referens oraliqlari qoʻllaniladi.
b12-indeterminate-title = B12 vitamini: noaniq natija
b12-indeterminate = Umumiy B12 vitamini { $value } pmol/l ({ $date }) noaniq oraliqda: { $low }–{ $high } pmol/l (180–350 ng/l, NICE NG239). Metilmalon kislotasi yoki golotranskobalaminni aniqlashni koʻrib chiqing.
b12-metabolic-deficiency-title = B12 vitamini tanqisligining metabolik belgilari
b12-metabolic-deficiency = B12 vitamini { $value } pmol/l, { $markers }: bu funksional B12 vitamini tanqisligi foydasiga dalolat qiladi.{ $renal ->
        [yes] { " " }Diqqat: KFT { $egfr } ml/min/1,73 m² — 60 dan past, buyrak funksiyasi buzilganda esa metilmalon kislotasi ham, gomotsistein ham oshadi.
       *[no] { "" }
    }
marker-mma = metilmalon kislotasi { $value } mkmol/l (chegaradan yuqori: { $limit })
marker-homocysteine = gomotsistein { $value } mkmol/l (chegaradan yuqori: { $limit })
holotc-low-title = Golotranskobalamin past
holotc-low = { $band ->
        [deficient] Golotranskobalamin (faol B12) { $value } pmol/l tanqislik chegarasidan ({ $deficient } pmol/l) past: tanqislik (NICE NG239).
       *[indeterminate] Golotranskobalamin (faol B12) { $value } pmol/l — noaniq natija ({ $deficient }–{ $indeterminate } pmol/l, NICE NG239).
    }
b12-treat-neuro-title = Nevrologik zararlanish bilan B12 vitamini tanqisligi: shoshilinch davolashni koʻrib chiqing
b12-treat-neuro = B12 tanqisligi keltirib chiqaradigan nevrologik zararlanish ({ $conditions }) bilan B12 vitamini tanqisligi ({ $basis }). Shoshilinch davolashni koʻrib chiqing: gidroksokobalamin 1 mg mushak ichiga kunora, keyingi yaxshilanish toʻxtaguncha, soʻngra har 2 oyda 1 mg (BNF), hamda mutaxassis maslahatini koʻrib chiqing; B12 toʻldirilmaguncha foliy kislotasini yolgʻiz bermaslikni koʻrib chiqing (BSH 2014). Ogʻiz orqali B12 bu yerda taklif qilinmaydi: u boʻyicha dalillar faqat zardob darajasiga oid (Cochrane 2018).{ $renal ->
        [yes] { " " }Faqat metabolik markerlar buyrak yetishmovchiligida ham oshadi, bu ularni tushuntirishi mumkin.
       *[no] { "" }
    }
b12-basis-total = umumiy B12 { $value } pmol/l
b12-basis-metabolic = metabolik markerlar
b12-basis-holotc = golotranskobalamin { $value } pmol/l

## Hemifacial spasm (research grade)

hfs-b12-not-measured-title = Gemifasial spazm: B12 vitamini aniqlanmagan
hfs-b12-not-measured = Gemifatsial spazm ({ $code }) va oxirgi 365 kun ichida B12 vitamini natijasi yoʻq{ $old ->
        [yes] { " " }(oxirgisi, { $date }, eskiroq va oʻlchanmagan deb hisoblanadi).
       *[no] .
    } Bitta kesma tadqiqotda gemifatsial spazmda B12 vitamini pastroq ekani xabar qilingan (tasdiqlanmagan); B12 vitaminini aniqlashni koʻrib chiqing.
hfs-b12-below-study-controls-title = B12 vitamini GFS tadqiqotidagi nazorat guruhi oraligʻidan past
hfs-b12-below-study-controls = Gemifasial spazm, B12 vitamini { $value } pg/ml — chegaradan ({ $threshold } pg/ml: manba tadqiqotidagi nazorat guruhining oʻrtacha qiymati minus 2 SD) past. Bu bitta kesma tadqiqotga asoslangan ilmiy taqqoslash, diagnostik chegara emas.
hfs-severity-model-title = Gemifasial spazm ogʻirligi modeli (faqat ilmiy maqsadda)
hfs-severity-model = Chop etilgan bogʻliqlik, individual prognoz uchun validatsiya qilinmagan. { $computed ->
        [yes] z indeksi = { $z }; spazmlarning bashorat qilingan chastotasi, epizod/kun: { $predicted }{ $observed ->
            [none] .
           *[other] ; kuzatilgan: { $observed }.
        }
       *[no] Hisoblanmadi: { $reason }.
    }
hfs-model-outside = { $input } { $value } { $unit } tadqiqot guruhining oʻrtacha ± 4 SD oraligʻidan tashqarida ({ $low } … { $high } { $unit })
hfs-input-b12 = B12 vitamini
hfs-input-cortisol = kortizol
hfs-input-dopamine = tadqiqot birligidagi dofamin
hfs-input-bdi = BDI umumiy bali
hfs-model-line = { $input }: { $value } { $unit }, z = { $z }
hfs-cobalamin-option-title = Gemifasial spazmda kobalaminni koʻrib chiqish mumkin
hfs-cobalamin-option = Gemifasial spazm, B12 vitamini { $value } pmol/l ({ $band ->
        [deficient] tanqislik
       *[indeterminate] noaniq natija
    }): kobalaminni koʻrib chiqish mumkin. Uning gemifasial spazmdagi foydasi klinik tadqiqotda tekshirilmagan gipotezadir.
cortisol-high-title = Ertalabki kortizol yuqori
cortisol-high = Ertalabki kortizol { $value } nmol/l ({ $date }) referens oraliqning yuqori chegarasidan ({ $upper } nmol/l) yuqori.
bdi-severity-title = Depressiya ogʻirligi (BDI)
bdi-severity = { $version ->
        [original] Bek depressiya shkalasi (asl BDI)
       *[bdi2] Bek depressiya shkalasi BDI-II
    }, umumiy ball { $score }: { $band ->
        [minimal] minimal
        [mild] yengil
        [mild-moderate] yengil yoki oʻrtacha
        [moderate] oʻrtacha
        [moderate-severe] oʻrtacha yoki ogʻir
       *[severe] ogʻir
    } depressiya ({ $version ->
        [original] Beck 1988
       *[bdi2] Beck 1996
    }).
bdi-refer-title = Depressiya yuzasidan baholashni koʻrib chiqing
bdi-refer = { $band ->
        [moderate] Oʻrtacha
        [moderate-severe] Oʻrtacha yoki ogʻir
       *[severe] Ogʻir
    } depressiya BDI boʻyicha (umumiy ball { $score }): klinik baholashni, suitsid fikrlari haqida soʻrashni (BDI-II ning 9-bandi) va suitsid xavfi boʻyicha mahalliy tartibga amal qilishni koʻrib chiqing.
data-dopamine-implausible-title = Plazmadagi dofamin qiymati ishonarsiz
data-dopamine-implausible = Plazmadagi dofamin { $value } pg/ml ({ $original } sifatida berilgan) fiziologik jihatdan ishonarsiz: meʼyorda plazmadagi dofamin 30 pg/ml dan past. Oʻlchov birligini tekshirishni koʻrib chiqing; manba tadqiqotidagi dofamin qiymatlarida ham xuddi shu muammo bor.

## Stroke

stroke-time-since-onset-title = Insult boshlanganidan beri oʻtgan vaqt
stroke-time-since-onset = { $dateonly ->
        [yes] Ishemik insult boshlangan sana: { $onset } (vaqtsiz sana: { $days } kun oldin; soatlar hisoblanmaydi).
        [minutes] Ishemik insult boshlangan vaqt: { $onset }; ushbu baholashgacha { $minutes } daqiqa oʻtgan.
       *[no] Ishemik insult boshlangan vaqt: { $onset }; ushbu baholashgacha { $hours } soat oʻtgan.
    } { $before ->
        [yes] { $screen ->
            [failed] Oxirgi yutish skriningidan oʻtilmagan: ogʻiz orqali ovqat, suyuqlik va dori bermaslikni koʻrib chiqing; ogʻiz orqali qabul qilinadigan preparat taklif qilinmaydi (AHA/ASA 2019).
           *[none] Yutish skriningidan muvaffaqiyatli oʻtilgani qayd etilmagan: undan oldin ogʻiz orqali qabul qilinadigan preparat taklif qilinmaydi (AHA/ASA 2019; odatiy holatda bu dastlabki { $screenhours } soat).
        }
       *[no] { $screen ->
            [passed] Yutish skriningidan muvaffaqiyatli oʻtilgani qayd etilgan.
           *[none] Yutish skriningi qayd etilmagan; insult boshlanganidan keyingi dastlabki { $screenhours } soat oʻtgan.
        }
    } Manba sharhining insult boshlanganidan keyin { $seedhours } soat ichida vena ichiga 4 g magniy sulfat samarali degan daʼvosi randomizatsiyalangan tadqiqotlar bilan rad etilgan.
stroke-mg-neuroprotection-title = Neyroproteksiya sifatida magniy sulfat: tavsiya etilmaydi
stroke-mg-neuroprotection = Insult boshlanganidan beri { $under ->
        [yes] { $minutes } daqiqa
       *[no] { $hours } soat
    } oʻtdi. Manba sharhi kasalxonagacha bosqichda birinchi 12 soat ichida vena ichiga 4 g magniy sulfat (20 % li eritmadan 20 ml) yuborishni taklif qiladi. Randomizatsiyalangan tadqiqotlar foyda aniqlamagan (FAST-MAG 2015, n=1700, birinchi 2 soat ichida; IMAGES 2004, n=2589, birinchi 12 soat ichida; 7 ta tadqiqotning 2019 yilgi meta-tahlili): magniy sulfat klinik tadqiqotdan tashqarida neyroproteksiya sifatida tavsiya etilmaydi. Aniqlangan magniy tanqisligini korreksiya qilish — alohida masala (MG.REPLETE).
poststroke-mg-orotate-schedule-title = Insultdan keyin magniy orotat: manba sharhi va yoʻriqnoma sxemalari (dalillar kartasi)
poststroke-mg-orotate-schedule = Oxirgi 8 hafta ichida ishemik insult. Magniy orotat 500 mg li tabletkalarini (har birida 32,8 mg elementar magniy) qabul qilishning ikki sxemasi yonma-yon: manba sharhiniki (tasdiqlanmagan: natijalar boʻyicha tadqiqot yoʻq, toʻliq doza yoʻriqnomadagidan uzoqroq) va preparat yoʻriqnomasiniki. Bu dalil, tayinlov emas. Kuniga koʻpi bilan { $max } mg elementar magniy — qoʻshimchalar uchun yuqori chegaradan ({ $ul } mg) { $above ->
        [yes] yuqori
       *[no] past
    }.{ $renal ->
        [yes] { " " }KFT 30–59: yoʻriqnoma magniy orotatni chegarasi koʻrsatilmagan «buyrak faoliyati buzilishida» qarshi koʻrsatadi.
       *[no] { "" }
    }{ $beyond ->
        [yes] { " " }Magniy orotat ({ $start } dan beri) kuniga 3 marta 2 tabletkadan yoʻriqnomadagi { $loading } kunlik toʻyintirish bosqichidan uzoqroq qabul qilinmoqda: yoʻriqnomadagi qoʻllab-quvvatlovchi dozani koʻrib chiqing.
       *[no] { "" }
    }
schedule-regimen-seed = Manba sharhi sxemasi (tasdiqlanmagan)
schedule-regimen-label = Preparat yoʻriqnomasi sxemasi
schedule-phase = { $regimen }, { $dated ->
        [yes] boshlanishi { $start }, tugashi { $end }
       *[no] sxemaning { $start }–{ $end }-kunlari
    }: { $tablets } tabletkadan kuniga { $doses } marta = kuniga { $mg } mg elementar magniy{ $condition ->
        [haemodynamics-corrected] , gemodinamika korreksiya qilingandan keyin
       *[none] { "" }
    }
schedule-range = { $from }…{ $to }
schedule-open = muddatsiz, kamida { $days } kun

## Evidence cards

tbi-mg-claim-title = Bosh miya jarohatida magniy: rad etilgan daʼvo
tbi-mg-claim = Bosh miya jarohati ({ $code }). Manba sharhi magniy saqlovchi preparatlar holatni 1-kundan boshlab yaxshilaydi, deb hisoblaydi; bosh miya jarohatidan keyin magniy sulfat boʻyicha randomizatsiyalangan tadqiqot foyda aniqlamagan va ehtimoliy zararni koʻrsatgan (Temkin 2007: past dozali guruhda natijalar platsebodan yomonroq). Bu tavsiya emas.
aspirin-mg-claim-title = Magniy va atsetilsalitsil kislota: tasdiqlanmagan daʼvo
aspirin-mg-claim = Bemor { $drug } qabul qilmoqda. Manba sharhi magniy atsetilsalitsil kislotaning antiagregant taʼsirini kuchaytiradi va uning dozasini kamaytirishga imkon beradi, deb daʼvo qiladi; bunda faqat darslikka havola qilinadi. Bu daʼvo atsetilsalitsil kislota dozasini oʻzgartirish uchun asos emas.
pain-mg-adjunct-title = Nevropatik ogʻriq va fibromialgiyada magniy: dalillar noaniq
pain-mg-adjunct = { $conditions }: manba maqolasi magniyni qoʻshimcha vosita sifatida taklif qiladi. Dalillar noaniq: fibromialgiyada bitta kichik ochiq tadqiqot (Bagis 2013), nevropatik ogʻriq boʻyicha 3 ta kichik tadqiqotni oʻz ichiga olgan tizimli sharh (Park 2020) va ishiasda faqat hayvonlardagi maʼlumotlar. Klinik tadqiqotdagi yagona doza — kuniga 300 mg magniy sitrat, amitriptilin 10 mg bilan yoki usiz; agar u koʻrib chiqilsa, foydasi noaniq ekanini bemor bilan muhokama qilish maqsadga muvofiq.
condition-fibromyalgia = fibromialgiya ({ $code })
condition-sciatica = ishias ({ $code })
condition-neuropathic-pain = nevropatik ogʻriq ({ $code })

## Evidence map

evidence-heading = Dalillar xaritasi: manba hujjatlaridagi daʼvolar va kuchliroq dalillar nima deydi
evidence-claim = Daʼvo
evidence-verdict = Xulosa
evidence-sources = Manbalar
evidence-codes = Qaysi qoidalar bilan koʻrsatiladi
evidence-none = manba topilmadi

## Errors of the command line (the detail after "field ...:" comes from the FHIR reader)

cli-error-at = --at: '{ $value }' RFC 3339 formatidagi vaqt lahzasi emas (masalan, 2025-03-10T11:00:00Z) ({ $reason })
cli-error-cannot-read = { $file }: oʻqib boʻlmadi: { $reason }
cli-error-not-utf8 = UTF-8 matni emas: notoʻgʻri bayt, siljish { $offset }
cli-error-entry = yozuv { $entry } ({ $resource }), maydon { $field }: { $message }
cli-error-document = maydon { $field }: { $message }
cli-error-line = { $file }: { $line }-qator: { $message }
cli-error-ndjson = { $file }: { $total } ta qatordan { $failed } tasida notoʻgʻri kiritilgan maʼlumot bor (chiqishdagi xato obyektlariga qarang; birinchisi: { $first })

## Input descriptions in the text output

label-given = kiritilgan
label-entry = yozuv
derived-egfr = CKD-EPI 2021 (irqsiz), kreatinin, yosh va jins boʻyicha
derived-elemental-mg = dozalash boʻyicha sutkalik elementar magniy

## Units, input names and routes in the text output (message id: `unit-` and the UCUM unit)

unit-mmol-l = mmol/l
unit-umol-l = mkmol/l
unit-nmol-l = nmol/l
unit-pmol-l = pmol/l
unit-mmol-mol = mmol/mol
unit-mg-dl = mg/dl
unit-mg-l = mg/l
unit-ug-dl = mkg/dl
unit-meq-l = mEq/l
unit-pg-ml = pg/ml
unit-ng-ml = ng/ml
unit-ng-l = ng/l
unit-ml-min-1-73-m2 = ml/min/1,73 m²
unit-ml-min = ml/min
unit-percent = %
unit-score = ball
unit-d = kun
unit-h = soat
unit-a = yosh
unit-1 = (ulush)
unit-mg = mg
unit-mg-d = mg/kun
unit-per-d = kuniga
input-serum-magnesium = qon zardobidagi magniy
input-ionized-magnesium = ionlashgan magniy
input-vitamin-b12 = B12 vitamini
input-holotranscobalamin = golotranskobalamin
input-methylmalonic-acid = metilmalon kislotasi
input-homocysteine = gomotsistein
input-cortisol = kortizol
input-dopamine = plazmadagi dofamin
input-creatinine = kreatinin
input-egfr = KFT
input-hba1c = glikirlangan gemoglobin (HbA1c)
input-bdi-total = BDI umumiy bali
input-spasm-frequency = spazmlar chastotasi
input-vas-intensity = ogʻriq intensivligi (VASh)
input-condition = tashxis
input-medication = preparat
input-age = yosh
input-deceased = vafot
input-birth-date = tugʻilgan sana
input-pregnancy-status = homiladorlik holati
route-iv = vena ichiga
route-oral = ogʻiz orqali
cli-error-tz = --tz: '{ $value }' IANA vaqt mintaqasi nomi emas (masalan, Asia/Tashkent yoki Europe/Rome)
report-ndjson-line = { $file }, { $line }-qator

## 2-tahrir

factor-digoxin = digoksin qabul qilish
mg-dose-line = { $drug }: { $mg } mg { $reading ->
        [salt] (tuz massasi × undagi magniy ulushi)
        [orotate] (orotat tabletkasida 32,8 mg, yoʻriqnoma)
        [ingredient] (preparatda koʻrsatilgan magniy miqdori)
        [mmol] (mmol × 24,3 mg)
       *[elemental] (dozasi elementar magniyda berilgan magniy preparati)
    }
escalate-iv-contra = vena ichiga magniy yuborish qarshi koʻrsatilgan
escalate-iv-caution = vena ichiga magniy yuborish mutaxassis kuzatuvini talab qiladi (miasteniya)
escalate-stale = natija ({ $date }) belgilangan muddatdan eski
escalate-swallow = bu yutish skriningigacha boʻlgan oʻtkir insult
mg-severe-escalate-title = Ogʻir gipomagniyemiya: eskalatsiya
mg-severe-escalate = Qon zardobidagi magniy { $value } mmol/l — { $threshold } mmol/l dan past, va { $reasons }. Darajani darhol qayta aniqlash, EKG, kaliy va kalsiyni tekshirish (Agus 1999) hamda mutaxassis maslahatini koʻrib chiqing; faqat ogʻiz orqali magniy yetarli emas.
safety-mg-iv-caution-title = Vena ichiga magniy: miasteniyada ehtiyotkorlik
safety-mg-iv-caution = Miasteniya ({ $code }): vena ichiga magniy yuborish miastenik krizni qoʻzgʻatishi mumkin; uni faqat mutaxassis kuzatuvi ostida koʻrib chiqing (magniy sulfat yoʻriqnomasi). Bu qarshi koʻrsatma emas, ehtiyot choralari.
safety-pregnancy-title = Homiladorlik
safety-pregnancy = Bemor homilador: magniy orotat, ogʻriqdagi doza va neyroproteksiya uchun magniy sulfat kartalari koʻrsatilmaydi; isteʼmol meʼyorlari homiladorlar uchun.{ $obstetric ->
        [yes] { " " }Magniy sulfat akusherlik koʻrsatmasi boʻyicha yuborilmoqda: uni akusherlik protokoli belgilaydi.
       *[no] { "" }
    }
obstetric-mg-therapy-title = Akusherlikda magniy sulfat bilan davolash
obstetric-mg-therapy = Preeklampsiya yoki eklampsiya bilan homiladorlik, vena ichiga magniy sulfat yuborilmoqda: magniyni akusherlik protokoli belgilaydi. { $band ->
        [within] Qon zardobidagi magniy { $value } mmol/l ({ $date }) yoʻriqnomadagi tutqanoqqa qarshi oraliqda ({ $low }–{ $high } mmol/l).
        [below] Qon zardobidagi magniy { $value } mmol/l ({ $date }) yoʻriqnomadagi tutqanoqqa qarshi oraliqdan ({ $low }–{ $high } mmol/l) past.
        [above] Qon zardobidagi magniy { $value } mmol/l ({ $date }) yoʻriqnomadagi tutqanoqqa qarshi oraliqdan ({ $low }–{ $high } mmol/l) yuqori: reflekslar { $reflexes } mmol/l dan yuqorida susayadi; infuziyani akusherlik jamoasi bilan qayta koʻrib chiqishni koʻrib chiqing.
        [critical] Qon zardobidagi magniy { $value } mmol/l ({ $date }) — { $critical } mmol/l yoki undan yuqori: reflekslar yoʻqolishi mumkin, nafas falaji xavfi bor; akusherlik protokoliga koʻra infuziyani toʻxtatish va inyeksiya uchun kalsiy tuzini yuborishni koʻrib chiqing.
       *[none] Qon zardobidagi magniy natijasi yoʻq; yoʻriqnomadagi tutqanoqqa qarshi oraliq — { $low }–{ $high } mmol/l.
    } Yoʻriqnoma tizza refleksi, nafas olish (daqiqasiga kamida 16 marta) va diurezni (4 soatda kamida 100 ml) kuzatishni talab qiladi; inyeksiya uchun kalsiy tuzi darhol tayyor boʻlishi kerak.
interaction-qt-fluoroquinolone-title = Past magniyda ftorxinolon: QT uzayishi xavfi
interaction-qt-fluoroquinolone = { $drug } qabul qilinmoqda va qon zardobidagi magniy { $value } mmol/l referens oraliqning quyi chegarasidan ({ $lower } mmol/l) past: ftorxinolonlar QT intervalini uzaytiradi, korreksiya qilinmagan gipomagniyemiyada ehtiyotkorlik talab etiladi (yoʻriqnoma). Elektrolitlarni korreksiya qilish va EKGni koʻrib chiqing.
interaction-digoxin-mg-title = Past magniyda digoksin
interaction-digoxin-mg = { $drug } qabul qilinmoqda va qon zardobidagi magniy { $value } mmol/l referens oraliqning quyi chegarasidan ({ $lower } mmol/l) past: gipomagniyemiya digoksin zaharlanishiga moyillik tugʻdiradi (digoksin yoʻriqnomasi). Magniyni korreksiya qilish va kaliyni tekshirishni koʻrib chiqing.
b12-treat-title = B12 vitamini tanqisligini davolashni koʻrib chiqing
b12-treat = Nevrologik zararlanishsiz B12 vitamini tanqisligi ({ $basis }). Gidroksokobalamin 1 mg mushak ichiga haftasiga 3 marta 2 hafta davomida, soʻngra har 2–3 oyda (BNF), yoki ogʻiz orqali sianokobalamin kuniga 1000–2000 mkg (Cochrane sharhida zardob B12 darajasi oʻxshash, past ishonchlilik) buyurishni koʻrib chiqing. Sababini izlashni koʻrib chiqing.{ $renal ->
        [yes] { " " }Faqat metabolik markerlar buyrak yetishmovchiligida ham oshadi, bu ularni tushuntirishi mumkin.
       *[no] { "" }
    }
b12-on-treatment-title = B12 vitamini allaqachon buyurilgan
b12-on-treatment = B12 vitamini allaqachon qabul qilinmoqda ({ $drug }): davolash boʻyicha tavsiyalar takrorlanmaydi. Davolashga javobni klinik baholashni koʻrib chiqing.
cortisol-not-morning-title = Kortizol ertalab olinmagan
cortisol-not-morning = Kortizol { $value } nmol/l ({ $date }) { $known ->
        [yes] mahalliy vaqt bilan { $time } da, { $from }–{ $until } oraligʻidan tashqarida olingan
       *[no] sutkaning vaqti koʻrsatilmagan
    }: ertalabki referens oraliq bilan solishtirilmaydi.
stroke-onset-unknown-title = Insult boshlangan vaqt nomaʼlum
stroke-onset-unknown = Boshlangan vaqti qayd etilmagan ishemik insult ({ $code }): insult boshlanganidan beri oʻtgan vaqt nomaʼlum, shuning uchun oʻtkir insult qoidalari qoʻllanilmaydi. { $screen ->
        [passed] Yutish skriningidan muvaffaqiyatli oʻtilgani qayd etilgan.
       *[none] Yutish skriningidan muvaffaqiyatli oʻtilgani qayd etilmagan: ogʻiz orqali qabul qilinadigan preparatlar faqat undan keyin taklif qilinadi (AHA/ASA 2019).
    }
patient-deceased-title = Bemor vafot etgan
patient-deceased = Yozuvda bemor vafot etgani koʻrsatilgan{ $known ->
        [yes] { " " }({ $date })
       *[no] { "" }
    }: tavsiyalar berilmaydi.
data-implausible-title = Ishonarsiz tugʻilgan sana
data-implausible = Tugʻilgan sana { $birth } 1900-yildan oldin yoki 120 yoshdan katta yoshni beradi: yosh nomaʼlum deb hisoblanadi va qoidalarda ishlatilmaydi.
data-ignored-title = Oʻqilgan, lekin foydalanilmagan maʼlumotlar
data-ignored = Oʻqilgan, lekin foydalanilmagan: { $parts }.
ignored-part = { $count } ta { $reason ->
        [unknown_resource_type] oʻqilmaydigan turdagi resurs ({ $types })
        [unknown_code_system] nomaʼlum tizimdagi kod ({ $types })
        [unmapped_code] hech bir ishlatiladigan sinfga tegishli boʻlmagan kod ({ $types })
        [pending_or_valueless] kutilayotgan, bekor qilingan yoki qiymatsiz natija ({ $types })
       *[unresolved_reference] hal qilinmagan havola ({ $types })
    }
result-old = Bu natija ({ $date }) { $limit } kundan eski.

## CDS Hooks kartalari (karta matnidagi yorliqlar, takliflar, rad etish sabablari, havolalar)

cds-detail-certainty = Dalillar ishonchliligi darajasi (GRADE)
cds-detail-sources = Manbalar
cds-detail-inputs = Foydalanilgan kiritilgan maʼlumotlar
cds-detail-suppressed = Shu sababli tavsiya etilmaydi
cds-detail-claim = Manba hujjati daʼvosi { $id } (xulosa: { $verdict })
cds-draft-order = Tayinlash qoralamasi
cds-remove-draft-order = { $order } tayinlash qoralamasini olib tashlash
cds-evidence-link = { $code } uchun dalillar
cds-override-already-addressed = Allaqachon hisobga olingan
cds-override-record-incorrect = Yozuvdagi maʼlumotlar notoʻgʻri
cds-override-clinical-judgement = Klinik qaror: foyda xavfdan ustun
cds-override-not-applicable = Bu bemorga taalluqli emas
