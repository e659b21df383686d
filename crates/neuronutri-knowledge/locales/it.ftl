# Catalogo italiano dei messaggi di neuronutri. Gli id dei messaggi sono gli stessi di en.ftl.
# I valori arrivano già formattati (virgola decimale, date GG/MM/AAAA); i conteggi (ore,
# giorni, età, limiti) arrivano come numeri per la scelta del plurale: [one] 1 ora,
# [other] 2 ore.

## Kinds, severities, certainty, verdicts

kind-finding = riscontro
kind-recommendation = raccomandazione
kind-alert = allerta
kind-note = nota
kind-evidence = scheda delle evidenze
severity-info = informazione
severity-warning = avvertenza
severity-critical = critico
certainty-high = certezza alta
certainty-moderate = certezza moderata
certainty-low = certezza bassa
certainty-very_low = certezza molto bassa
verdict-supported = supportato
verdict-conflicting = evidenze discordanti
verdict-unverified = non verificato
verdict-contradicted = smentito
verdict-supported_unverified = in parte supportato, in parte non verificato

## Seed claims

claim-k1 = Un magnesio plasmatico inferiore a 0,76 mmol/L è un fattore di rischio significativo per ictus e infarto miocardico.
claim-k1-why = Esistono studi di associazione (Amighi 2004); il valore di 0,76 mmol/L è il limite inferiore di riferimento proposto da Schimatschek e Rempis (2001) per una popolazione tedesca, non una soglia di rischio di ictus o infarto.
claim-k2 = Nell'ictus ischemico acuto il deficit ematico di magnesio raggiunge valori critici, inferiori al 70–60 % della norma.
claim-k2-why = Non è stata trovata alcuna fonte primaria.
claim-k3 = 4 g di solfato di magnesio e.v. (20 mL di soluzione al 20 %) entro 12 ore dall'esordio dell'ictus sono giustificati ed efficaci (FAST-MAG).
claim-k3-why = Lo studio pilota (n=20) ha mostrato solo la fattibilità; FAST-MAG 2015 (n=1700), IMAGES 2004 (n=2589) e una meta-analisi del 2019 su 7 studi non hanno riscontrato benefici.
claim-k4 = Orotato di magnesio 2 compresse 3 volte al giorno nelle prime 6–8 settimane dopo l'ictus, 1 compressa 3 volte al giorno dopo 2–4 settimane se l'emodinamica è stata corretta.
claim-k4-why = Nessuno studio sugli esiti; dose piena per un periodo più lungo di quanto indicato nella scheda tecnica.
claim-k5 = Il magnesio potenzia l'effetto antiaggregante dell'acido acetilsalicilico, consentendone una dose più bassa.
claim-k5-why = Citato solo un libro di testo. Non è un motivo per ridurre la dose di acido acetilsalicilico.
claim-k6 = Una dieta ricca di magnesio riduce il rischio di diabete (RR 0,69 [0,52; 0,91]); circa il 30 % dei diabetici presenta un deficit di magnesio.
claim-k6-why = La direzione è confermata (Dong 2011, RR 0,78); il valore citato 0,69 [0,52; 0,91] è quello di He 2006 per la sindrome metabolica, non per il diabete; il 30 % non è stato trovato.
claim-k7 = Il fabbisogno giornaliero di magnesio è di 300–400 mg.
claim-k7-why = L'apporto dietetico raccomandato (RDA) dello IOM 1997 è di 310–420 mg al giorno.
claim-k8 = I farmaci contenenti magnesio migliorano il trauma cranico fin dal primo giorno.
claim-k8-why = Uno studio randomizzato sul solfato di magnesio per 5 giorni dopo trauma cranico moderato o grave (Temkin 2007, n=499) non ha riscontrato benefici e ha mostrato un possibile danno: il braccio a dose più bassa è andato peggio del placebo e la mortalità era più alta nel braccio a dose più alta.
claim-k9 = I pazienti con spasmo emifacciale hanno B12 più bassa (317±54 vs 458±62 pg/mL), cortisolo più alto e dopamina più bassa; la B12 è correlata con la frequenza degli spasmi (r = −0,52).
claim-k9-why = Un singolo studio trasversale; le medie di entrambi i gruppi sono superiori alla soglia di carenza della BSH; i valori di dopamina in ng/mL sono fisiologicamente impossibili (la dopamina plasmatica normale è inferiore a 30 pg/mL).
claim-k10 = La cobalamina è una terapia aggiuntiva razionale nello spasmo emifacciale.
claim-k10-why = Nessuno studio clinico; solo un'ipotesi.
claim-k11 = Il magnesio è utile nella fibromialgia insieme all'amitriptilina e nella sciatica (dati su animali).
claim-k11-why = Un piccolo studio in aperto (Bagis 2013); una revisione sistematica non è conclusiva (Park 2020); i dati sulla sciatica provengono solo da studi su animali.
claim-k12 = La diarrea è un effetto collaterale comune del magnesio; le formulazioni a rilascio prolungato la riducono.
claim-k12-why = La diarrea è confermata dalle informazioni sul prodotto; il beneficio delle formulazioni a rilascio prolungato non è verificato.

## Names used inside texts

factor-ischemic-stroke = ictus ischemico
factor-hypertension = ipertensione arteriosa
factor-chronic-cerebral-ischaemia = ischemia cerebrale cronica
factor-peripheral-atherosclerosis = aterosclerosi periferica
factor-type2-diabetes = diabete mellito di tipo 2
factor-age = età di { $age } { $age ->
        [one] anno
       *[other] anni
    }
factor-ppi = uso di inibitori di pompa protonica da 90 giorni o più
factor-diuretic = uso di diuretici
condition-av-block = blocco AV di II–III grado ({ $code })
condition-myasthenia = miastenia gravis ({ $code })
condition-myocardial-infarction = infarto miocardico entro 28 giorni ({ $code })
condition-urolithiasis = urolitiasi ({ $code })
condition-cirrhosis-ascites = cirrosi epatica con ascite ({ $code })
condition-under-18 = età inferiore a 18 anni ({ $age })
list-and = { $first } e { $last }

## Magnesium

mg-low-title = Magnesio sierico basso
mg-low = Magnesio sierico { $value } mmol/L ({ $date }) inferiore al limite inferiore di riferimento di { $lower } mmol/L.
mg-below-optimal-title = Magnesio sierico inferiore al livello ottimale proposto
mg-below-optimal = Magnesio sierico { $value } mmol/L nell'intervallo di riferimento ma inferiore a { $optimal } mmol/L, il livello che Costello et al. (2016) propongono come adeguato.
mg-seed-risk-threshold-title = Sotto la soglia di rischio di ictus della revisione di partenza
mg-seed-risk-threshold = Magnesio sierico { $value } mmol/L inferiore a { $threshold } mmol/L, valore che la revisione di partenza indica come fattore di rischio significativo per ictus e infarto miocardico. Questa soglia è un'affermazione della revisione e non è verificata.
mg-severe-title = Ipomagnesemia grave
mg-severe = Magnesio sierico { $value } mmol/L inferiore a { $threshold } mmol/L: ipomagnesemia grave.
mg-acute-stroke-critical-title = Il "deficit critico" della revisione di partenza nell'ictus acuto (non verificato)
mg-acute-stroke-critical = Ictus ischemico acuto con magnesio sierico { $value } mmol/L, inferiore al 70 % del limite inferiore di riferimento ({ $limit } mmol/L). La revisione di partenza definisce critico nell'ictus acuto un deficit inferiore al 70–60 % della norma; questa soglia è un'affermazione non verificata della revisione. La gravità clinica è quella dei reperti di magnesio basso (e gravemente basso).
mg-high-title = Magnesio sierico elevato
mg-high = Magnesio sierico { $value } mmol/L ({ $date }) superiore al limite superiore di riferimento di { $upper } mmol/L.{ $taking ->
        [yes] { " " }Sono in corso prodotti contenenti magnesio ({ $products }): valutare di sospenderli o ridurli.
       *[no] { "" }
    }
mg-toxic-title = Livello tossico di magnesio: valutare la sospensione di tutto il magnesio
mg-toxic = Magnesio sierico { $value } mmol/L pari o superiore a { $threshold } mmol/L: valutare la sospensione di tutto il magnesio. Secondo la scheda tecnica del solfato di magnesio, i riflessi si riducono sopra 2 mmol/L e possono essere assenti a 5 mmol/L, dove la paralisi respiratoria è un rischio: valutare il controllo del riflesso rotuleo, della respirazione (almeno 16/min), della diuresi e un ECG; un sale di calcio iniettabile deve essere immediatamente disponibile.
mg-not-measured-title = Valutare il dosaggio del magnesio sierico
mg-not-measured = { $reasons }: aumentata probabilità pre-test di deficit di magnesio, e non è disponibile un valore di magnesio sierico { $acute ->
        [yes] { $limit ->
            [one] nell'ultima ora
           *[other] nelle ultime { $limit } ore
        } (ictus acuto)
       *[no] { $limit ->
            [one] nell'ultimo giorno
           *[other] negli ultimi { $limit } giorni
        }
    }. Valutare il dosaggio del magnesio sierico.
mg-replete-title = Valutare la correzione del deficit di magnesio
mg-replete = Magnesio sierico { $value } mmol/L inferiore al limite inferiore di riferimento. { $route ->
        [iv] Valutare la correzione con magnesio per via endovenosa, dato che il deficit è grave (inferiore a { $severe } mmol/L).
        [oral-iv-blocked] Valutare la correzione con magnesio per via orale: il magnesio per via endovenosa è qui controindicato (vedere le voci escluse dalle regole di sicurezza).
        [oral-after-screen] Valutare la correzione con magnesio per via orale solo dopo uno screening della deglutizione superato (AHA/ASA 2019); fino ad allora, magnesio per via endovenosa se il paziente è sintomatico.
       *[oral] Valutare la correzione con magnesio per via orale; magnesio per via endovenosa se il paziente è sintomatico.
    }
cvd-mg-risk-title = Aumentata probabilità pre-test di deficit di magnesio
cvd-mg-risk = { $factors }: aumentata probabilità pre-test di deficit di magnesio (revisione di partenza; associazioni: Amighi 2004 per l'aterosclerosi, Dong 2011 per il diabete).
athero-mg-low-title = Magnesio basso con aterosclerosi periferica
athero-mg-low = Aterosclerosi periferica con magnesio sierico { $value } mmol/L inferiore al limite inferiore di riferimento: nell'aterosclerosi avanzata un magnesio sierico basso è risultato predittivo di eventi neurologici (Amighi 2004).
diet-mg-intake-title = Magnesio nella dieta
diet-mg-intake = { $group ->
        [pregnancy-14-18] L'apporto dietetico raccomandato (RDA) in gravidanza a 14–18 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [pregnancy-19-30] L'apporto dietetico raccomandato (RDA) in gravidanza a 19–30 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [pregnancy-31-50] L'apporto dietetico raccomandato (RDA) in gravidanza a 31–50 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [pregnancy] L'apporto dietetico raccomandato (RDA) in gravidanza è di 350–400 mg di magnesio al giorno a seconda dell'età (IOM 1997).
        [children-1-3] L'apporto dietetico raccomandato (RDA) per i bambini di 1–3 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [children-4-8] L'apporto dietetico raccomandato (RDA) per i bambini di 4–8 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [children-9-13] L'apporto dietetico raccomandato (RDA) per i bambini di 9–13 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [boys-14-18] L'apporto dietetico raccomandato (RDA) per i ragazzi di 14–18 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [girls-14-18] L'apporto dietetico raccomandato (RDA) per le ragazze di 14–18 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [adolescents] L'apporto dietetico raccomandato (RDA) a 14–18 anni è di 410 mg di magnesio al giorno per i ragazzi e di 360 mg per le ragazze (IOM 1997).
        [men-19-30] L'apporto dietetico raccomandato (RDA) per gli uomini di 19–30 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [men-31] L'apporto dietetico raccomandato (RDA) per gli uomini dai 31 anni in su è di { $rda } mg di magnesio al giorno (IOM 1997).
        [women-19-30] L'apporto dietetico raccomandato (RDA) per le donne di 19–30 anni è di { $rda } mg di magnesio al giorno (IOM 1997).
        [women-31] L'apporto dietetico raccomandato (RDA) per le donne dai 31 anni in su è di { $rda } mg di magnesio al giorno (IOM 1997).
       *[adults] L'apporto dietetico raccomandato (RDA) per gli adulti è di { $men_low }–{ $men_high } mg di magnesio al giorno per gli uomini e di { $women_low }–{ $women_high } mg per le donne (IOM 1997).
    } Fonti alimentari: verdura e frutta fresche, erbe (prezzemolo, aneto, cipollotto) e frutta secca a guscio; essiccazione e conservazione riducono la biodisponibilità del magnesio. Acque minerali ricche di magnesio citate nella revisione di partenza: Batalinskaja, Donat, Pjatigorsk, il pozzo di Lysogorsk, il pozzo n. 27 della stazione termale di Kuka, i narzan di Crimea e di Kislovodsk.
mg-gi-effects-title = Effetti gastrointestinali del magnesio per via orale
mg-gi-effects = { $context ->
        [taking] Il paziente assume magnesio per via orale ({ $drug }):
       *[recommended] È raccomandato magnesio per via orale:
    } la diarrea è l'effetto collaterale più comune; possono comparire anche nausea e disturbi gastrici. L'indicazione dell'articolo di partenza secondo cui le formulazioni a rilascio prolungato riducono la diarrea non è verificata.

## Safety and interactions

safety-mg-renal-title = Magnesio per via orale controindicato: funzione renale
safety-mg-renal = { $basis ->
        [ckd] Malattia renale cronica stadio 4–5 ({ $code })
        [egfr-computed] eGFR { $egfr } mL/min/1,73 m² (CKD-EPI 2021 dalla creatinina { $creatinine } µmol/L, { $date })
       *[egfr] eGFR { $egfr } mL/min/1,73 m² ({ $date })
    }: il magnesio per via orale è controindicato con un GFR inferiore a { $limit } mL/min. Magnesio per via endovenosa solo con cautela: non più di 20 g in 48 ore, con monitoraggio della magnesemia.
safety-mg-iv-contra-title = Magnesio per via endovenosa controindicato
safety-mg-iv-contra = { $conditions }: il solfato di magnesio per via endovenosa è controindicato (scheda tecnica: blocco cardiaco, danno miocardico).
safety-mg-orotate-contra-title = Orotato di magnesio controindicato
safety-mg-orotate-contra = { $conditions }: l'orotato di magnesio è controindicato secondo la scheda tecnica (disfunzione renale, urolitiasi, cirrosi con ascite, età inferiore a 18 anni).
safety-mg-above-ul-title = Magnesio da integratori oltre il livello massimo tollerabile
safety-mg-above-ul = Il magnesio elementare dai farmaci in corso è di { $total } mg al giorno ({ $drugs }), oltre il livello massimo tollerabile di assunzione da integratori di { $ul } mg al giorno { $known ->
        [yes] all'età di { $age } { $age ->
            [one] anno
           *[other] anni
        } (IOM 1997).
       *[no] (IOM 1997; età sconosciuta, si usa il limite dai 9 anni).
    } Valutare di ridurre la dose.
interaction-mg-spacing-title = Valutare di distanziare magnesio e { $drug }
interaction-mg-spacing = { $context ->
        [taking] Il paziente assume magnesio ({ $magnesium }) e { $drug }:
       *[recommended] È raccomandato il magnesio e il paziente assume { $drug }:
    } { $class ->
        [tetracycline] il magnesio riduce l'assorbimento delle tetracicline; valutare di consigliare al paziente di assumerli a distanza di 2–3 ore.
        [fluoroquinolone] il magnesio riduce l'assorbimento dei chinoloni; valutare di consigliare al paziente di assumere il chinolone almeno 2 ore prima o 4–6 ore dopo il magnesio.
        [bisphosphonate] il magnesio riduce l'assorbimento dei bisfosfonati; valutare di consigliare al paziente di assumerli a distanza di 3–4 ore.
        [iron] il magnesio riduce l'assorbimento del ferro; valutare di consigliare al paziente di assumerli a distanza di 3–4 ore.
        [penicillamine] il magnesio riduce l'assorbimento della penicillamina; valutare di consigliare al paziente di assumerli a distanza di 3–4 ore.
        [levothyroxine] il magnesio riduce l'assorbimento della levotiroxina; valutare di consigliare al paziente di assumerli a distanza di 4 ore.
       *[gabapentin] il magnesio può ridurre l'assorbimento del gabapentin; valutare di consigliare al paziente di assumere il gabapentin almeno 2 ore dopo il magnesio.
    }
drug-ppi-mg-title = Inibitore di pompa protonica: rischio di ipomagnesemia
drug-ppi-mg = { $drug }: l'uso di inibitori di pompa protonica può causare ipomagnesemia, segnalata dopo 3 mesi e per lo più dopo un anno di uso (FDA 2011){ $known ->
        [yes] ; assunto da { $days } { $days ->
            [one] giorno
           *[other] giorni
        }.
       *[no] ; la durata dell'uso non è nota.
    } { $magnesium ->
        [low] Con magnesio sierico { $value } mmol/L inferiore al limite inferiore di riferimento, valutare se l'inibitore di pompa protonica sia ancora necessario: in circa un quarto dei casi della FDA l'ipomagnesemia si è risolta solo dopo la sospensione.
        [measured] Il magnesio sierico è stato misurato nell'ultimo anno ({ $value } mmol/L).
       *[absent] Valutare la misurazione del magnesio sierico.
    }
drug-diuretic-mg-title = Diuretico: rischio di ipomagnesemia
drug-diuretic-mg = { $drug } ({ $class ->
        [loop] diuretico dell'ansa
       *[thiazide] diuretico tiazidico
    }): perdita urinaria di magnesio, rischio di ipomagnesemia (schede tecniche).{ $measured ->
        [yes] { "" }
       *[no] { " " }Valutare la misurazione del magnesio sierico.
    }
drug-metformin-b12-title = Metformina: malassorbimento di vitamina B12
drug-metformin-b12 = { $drug }: la metformina può ridurre l'assorbimento della vitamina B12. { $measured ->
        [yes] Ultimo valore di { $analyte ->
            [holotc] olotranscobalamina
           *[b12] vitamina B12
        }: { $b12 } pmol/L ({ $date }).
       *[no] Nessun valore di vitamina B12 o di olotranscobalamina negli ultimi 365 giorni: valutare la misurazione della vitamina B12.
    }
drug-ppi-b12-title = Inibitore di pompa protonica: malassorbimento di vitamina B12
drug-ppi-b12 = { $drug }: l'uso di inibitori di pompa protonica per 2 anni o più è associato a carenza di vitamina B12 (Lam 2013){ $known ->
        [yes] ; assunto da { $days } { $days ->
            [one] giorno
           *[other] giorni
        }.
       *[no] ; la durata dell'uso non è nota.
    } { $measured ->
        [yes] Ultimo valore di { $analyte ->
            [holotc] olotranscobalamina
           *[b12] vitamina B12
        }: { $b12 } pmol/L ({ $date }).
       *[no] Nessun valore di vitamina B12 o di olotranscobalamina negli ultimi 365 giorni: valutare la misurazione della vitamina B12.
    }
data-stale-title = Risultato oltre il limite di validità
data-stale = { $analyte ->
        [b12] Il valore di vitamina B12 ({ $date }) è di { $age } { $age ->
            [one] giorno
           *[other] giorni
        } fa, oltre il limite di { $limit } { $limit ->
            [one] giorno
           *[other] giorni
        }; i reperti sulla B12 si basano su un valore datato: valutare di ripeterlo.
       *[magnesium] { $acute ->
            [yes] Il valore di magnesio sierico utilizzato ({ $date }) è di { $age } { $age ->
                [one] ora
               *[other] ore
            } fa, oltre il limite di { $limit } { $limit ->
                [one] ora
               *[other] ore
            } per le decisioni nell'ictus acuto; valutare di ripeterlo.
           *[no] Il valore di magnesio sierico utilizzato ({ $date }) è di { $age } { $age ->
                [one] giorno
               *[other] giorni
            } fa, oltre il limite di { $limit } { $limit ->
                [one] giorno
               *[other] giorni
            }; valutare di ripeterlo.
        }
    }

## Text output of the CLI

report-header = Valutazione del paziente { $patient } al { $at }
report-patient-unknown = (nessun identificativo)
section-alerts = Allerte
section-findings = Riscontri
section-recommendations = Raccomandazioni
section-suppressed = Escluso dalle regole di sicurezza
section-empty = nessuno
label-certainty = certezza
label-sources = fonti
label-inputs = dati in ingresso
label-suppressed-by = escluso da
label-claim = affermazione della fonte { $id }, giudizio: { $verdict }
label-route = via di somministrazione

## Vitamin B12

b12-deficient-title = Carenza di vitamina B12
b12-deficient = Vitamina B12 totale { $value } pmol/L ({ $date }) inferiore a { $threshold } pmol/L (180 ng/L), la soglia di carenza della linea guida NICE NG239 (la soglia precedente della BSH 2014 era 200 ng/L); valgono gli intervalli di riferimento del laboratorio locale.
b12-indeterminate-title = Vitamina B12 indeterminata
b12-indeterminate = Vitamina B12 totale { $value } pmol/L ({ $date }) nell'intervallo indeterminato { $low }–{ $high } pmol/L (180–350 ng/L, NICE NG239). Valutare il dosaggio dell'acido metilmalonico o dell'olotranscobalamina.
b12-metabolic-deficiency-title = Evidenza metabolica di carenza di vitamina B12
b12-metabolic-deficiency = Vitamina B12 { $value } pmol/L con { $markers }: depone per una carenza funzionale di vitamina B12.{ $renal ->
        [yes] { " " }Attenzione: eGFR { $egfr } mL/min/1,73 m² inferiore a 60; sia l'acido metilmalonico sia l'omocisteina aumentano nell'insufficienza renale.
       *[no] { "" }
    }
marker-mma = acido metilmalonico { $value } µmol/L (superiore a { $limit })
marker-homocysteine = omocisteina { $value } µmol/L (superiore a { $limit })
holotc-low-title = Olotranscobalamina bassa
holotc-low = { $band ->
        [deficient] Olotranscobalamina (B12 attiva) { $value } pmol/L inferiore a { $deficient } pmol/L: carenza (NICE NG239).
       *[indeterminate] Olotranscobalamina (B12 attiva) { $value } pmol/L indeterminata ({ $deficient }–{ $indeterminate } pmol/L, NICE NG239).
    }
b12-treat-neuro-title = Carenza di vitamina B12 con interessamento neurologico: valutare un trattamento urgente
b12-treat-neuro = Carenza di vitamina B12 ({ $basis }) con un interessamento neurologico causato dalla carenza di B12 ({ $conditions }). Valutare un trattamento urgente: idrossocobalamina 1 mg i.m. a giorni alterni finché non si osservano ulteriori miglioramenti, poi 1 mg ogni 2 mesi (BNF), e il parere di uno specialista; valutare di non somministrare acido folico da solo prima di aver reintegrato la B12 (BSH 2014). La B12 orale non è proposta qui: le sue evidenze riguardano solo i livelli sierici (Cochrane 2018).{ $renal ->
        [yes] { " " }I soli marcatori metabolici aumentano nell'insufficienza renale, che può spiegarli.
       *[no] { "" }
    }
b12-basis-total = B12 totale { $value } pmol/L
b12-basis-metabolic = marcatori metabolici
b12-basis-holotc = olotranscobalamina { $value } pmol/L

## Hemifacial spasm (research grade)

hfs-b12-not-measured-title = Spasmo emifacciale: vitamina B12 non dosata
hfs-b12-not-measured = Spasmo emifacciale ({ $code }) e nessun valore di vitamina B12 negli ultimi 365 giorni{ $old ->
        [yes] { " " }(l'ultimo, del { $date }, è più vecchio e conta come non misurato).
       *[no] .
    } Uno studio trasversale ha riportato una vitamina B12 più bassa nello spasmo emifacciale (non verificato); valutare la misurazione della vitamina B12.
hfs-b12-below-study-controls-title = Vitamina B12 sotto l'intervallo dei controlli dello studio sullo spasmo emifacciale
hfs-b12-below-study-controls = Spasmo emifacciale con vitamina B12 { $value } pg/mL, inferiore a { $threshold } pg/mL (media dei controlli dello studio di partenza meno 2 DS). È un confronto di ricerca tratto da un solo studio trasversale, non una soglia diagnostica.
hfs-severity-model-title = Modello di gravità dello spasmo emifacciale (solo per la ricerca)
hfs-severity-model = Associazione pubblicata, non validata per la previsione individuale. { $computed ->
        [yes] Indice z = { $z }; frequenza prevista degli spasmi { $predicted } episodi al giorno{ $observed ->
            [none] .
           *[other] ; osservata { $observed } episodi al giorno.
        }
       *[no] Non calcolato: { $reason }.
    }
hfs-model-outside = { $input } { $value } { $unit } è al di fuori dell'intervallo media ± 4 DS del gruppo dello studio (da { $low } a { $high } { $unit })
hfs-input-b12 = vitamina B12
hfs-input-cortisol = cortisolo
hfs-input-dopamine = dopamina nell'unità dello studio
hfs-input-bdi = punteggio BDI
hfs-model-line = { $input }: { $value } { $unit }, z = { $z }
hfs-cobalamin-option-title = Nello spasmo emifacciale si può valutare la cobalamina
hfs-cobalamin-option = Spasmo emifacciale con vitamina B12 { $value } pmol/L ({ $band ->
        [deficient] carenza
       *[indeterminate] valore indeterminato
    }): si può valutare la cobalamina. Il suo beneficio nello spasmo emifacciale è un'ipotesi non verificata da studi clinici.
cortisol-high-title = Cortisolo mattutino elevato
cortisol-high = Cortisolo mattutino { $value } nmol/L ({ $date }) superiore al limite superiore di riferimento di { $upper } nmol/L.
bdi-severity-title = Gravità della depressione (BDI)
bdi-severity = { $version ->
        [original] BDI originale
       *[bdi2] BDI-II
    }, punteggio totale { $score }: depressione { $band ->
        [minimal] minima
        [mild] lieve
        [mild-moderate] da lieve a moderata
        [moderate] moderata
        [moderate-severe] da moderata a grave
       *[severe] grave
    } ({ $version ->
        [original] Beck 1988
       *[bdi2] Beck 1996
    }).
bdi-refer-title = Valutare un approfondimento per depressione
bdi-refer = Depressione { $band ->
        [moderate] moderata
        [moderate-severe] da moderata a grave
       *[severe] grave
    } secondo il BDI (punteggio totale { $score }): valutare una visita clinica, la domanda sui pensieri suicidari (item 9 del BDI-II) e il percorso locale per il rischio suicidario.
data-dopamine-implausible-title = Dopamina plasmatica non plausibile
data-dopamine-implausible = Dopamina plasmatica { $value } pg/mL (fornita come { $original }) fisiologicamente non plausibile: la dopamina plasmatica normale è inferiore a 30 pg/mL. Valutare di verificare l'unità di misura; i valori di dopamina dello studio di partenza presentano lo stesso problema.

## Stroke

stroke-time-since-onset-title = Tempo dall'esordio dell'ictus
stroke-time-since-onset = { $dateonly ->
        [yes] Esordio dell'ictus ischemico il { $onset } (una data senza ora: { $days } { $days ->
            [one] giorno
           *[other] giorni
        } fa; le ore non vengono calcolate).
        [minutes] Esordio dell'ictus ischemico { $onset }: { $minutes } min prima di questa valutazione.
       *[no] Esordio dell'ictus ischemico { $onset }: { $hours } { $hours ->
            [one] ora
           *[other] ore
        } prima di questa valutazione.
    } { $before ->
        [yes] { $screen ->
            [failed] L'ultimo screening della deglutizione non è stato superato: valutare di non dare cibo, liquidi o farmaci per bocca; nessun prodotto orale viene proposto (AHA/ASA 2019).
           *[none] Non è registrato uno screening della deglutizione superato: prima di esso nessun prodotto orale viene proposto (AHA/ASA 2019; questo prodotto assume le prime { $screenhours } ore).
        }
       *[no] { $screen ->
            [passed] È registrato uno screening della deglutizione superato.
           *[none] Non è registrato alcuno screening della deglutizione; le prime { $screenhours } ore dall'esordio sono trascorse.
        }
    } L'affermazione della revisione di partenza che 4 g di solfato di magnesio e.v. entro { $seedhours } ore dall'esordio siano efficaci è contraddetta da studi randomizzati.
stroke-mg-neuroprotection-title = Solfato di magnesio come neuroprotezione: non raccomandato
stroke-mg-neuroprotection = { $under ->
        [yes] { $minutes } min dall'esordio.
       *[no] { $hours } { $hours ->
            [one] ora
           *[other] ore
        } dall'esordio.
    } La revisione di partenza propone 4 g di solfato di magnesio e.v. (20 mL di soluzione al 20 %) entro 12 ore, in fase preospedaliera. Gli studi randomizzati non hanno riscontrato benefici (FAST-MAG 2015, n=1700, entro 2 ore; IMAGES 2004, n=2589, entro 12 ore; una meta-analisi del 2019 su 7 studi): il solfato di magnesio non è raccomandato come neuroprotezione al di fuori di uno studio clinico. La correzione di un deficit di magnesio documentato è una questione distinta (MG.REPLETE).
poststroke-mg-orotate-schedule-title = Orotato di magnesio dopo l'ictus: gli schemi della revisione di partenza e della scheda tecnica (scheda di evidenza)
poststroke-mg-orotate-schedule = Ictus ischemico nelle ultime 8 settimane. Due schemi con compresse di orotato di magnesio da 500 mg (32,8 mg di magnesio elementare ciascuna) a confronto: quello della revisione di partenza (non verificato: nessuno studio sugli esiti, dose piena più a lungo di quanto indicato in scheda tecnica) e quello della scheda tecnica del prodotto. Sono evidenze, non una prescrizione. Al massimo { $max } mg di magnesio elementare al giorno, { $above ->
        [yes] al di sopra
       *[no] al di sotto
    } del livello massimo tollerabile da integratori di { $ul } mg.{ $renal ->
        [yes] { " " }eGFR 30–59: la scheda tecnica controindica l'orotato di magnesio nella "disfunzione renale" senza indicare una soglia.
       *[no] { "" }
    }{ $beyond ->
        [yes] { " " }L'orotato di magnesio è assunto (dal { $start }) a 2 compresse 3 volte al giorno oltre la fase di carico di { $loading } giorni della scheda tecnica: valutare la dose di mantenimento della scheda tecnica.
       *[no] { "" }
    }
schedule-regimen-seed = Schema della revisione di partenza (non verificato)
schedule-regimen-label = Schema della scheda tecnica
schedule-phase = { $regimen }, { $dated ->
        [yes] inizio { $start }, fine { $end }
       *[no] giorni { $start }–{ $end } dello schema
    }: { $tablets } { $tablets ->
        [one] compressa
       *[other] compresse
    } { $doses } volte al giorno = { $mg } mg di magnesio elementare al giorno{ $condition ->
        [haemodynamics-corrected] , una volta corretta l'emodinamica
       *[none] { "" }
    }
schedule-range = { $from }…{ $to }
schedule-open = senza termine, almeno { $days } { $days ->
        [one] giorno
       *[other] giorni
    }

## Evidence cards

tbi-mg-claim-title = Magnesio nel trauma cranico: affermazione smentita
tbi-mg-claim = Trauma cranico ({ $code }). La revisione di partenza sostiene che i farmaci contenenti magnesio migliorano la condizione fin dal primo giorno; uno studio randomizzato sul solfato di magnesio dopo trauma cranico non ha riscontrato benefici e ha mostrato un possibile danno (Temkin 2007: il braccio a dose più bassa è andato peggio del placebo). Questo non è un consiglio.
aspirin-mg-claim-title = Magnesio e acido acetilsalicilico: affermazione non verificata
aspirin-mg-claim = Il paziente assume { $drug }. La revisione di partenza afferma che il magnesio potenzia l'effetto antiaggregante dell'acido acetilsalicilico e consente di ridurne la dose; cita solo un libro di testo. L'affermazione non è un motivo per modificare la dose di acido acetilsalicilico.
pain-mg-adjunct-title = Magnesio nel dolore neuropatico e nella fibromialgia: evidenze incerte
pain-mg-adjunct = { $conditions }: l'articolo di partenza suggerisce il magnesio come terapia aggiuntiva. Le evidenze sono incerte: un piccolo studio in aperto nella fibromialgia (Bagis 2013), una revisione sistematica con 3 piccoli studi nel dolore neuropatico (Park 2020) e solo dati su animali per la sciatica. L'unica dose studiata in un trial è citrato di magnesio 300 mg al giorno, con o senza amitriptilina 10 mg; se la si valuta, è opportuno discutere con il paziente il beneficio incerto.
condition-fibromyalgia = fibromialgia ({ $code })
condition-sciatica = sciatica ({ $code })
condition-neuropathic-pain = dolore neuropatico ({ $code })

## Evidence map

evidence-heading = Mappa delle evidenze: le affermazioni dei documenti di partenza e cosa dicono evidenze più solide
evidence-claim = Affermazione
evidence-verdict = Giudizio
evidence-sources = Fonti
evidence-codes = Mostrata con le regole
evidence-none = nessuna fonte trovata

## Errors of the command line (the detail after "field ...:" comes from the FHIR reader)

cli-error-at = --at: '{ $value }' non è un istante RFC 3339 come 2025-03-10T11:00:00Z ({ $reason })
cli-error-cannot-read = { $file }: impossibile leggere: { $reason }
cli-error-not-utf8 = testo non UTF-8: byte non valido all'offset { $offset }
cli-error-entry = voce { $entry } ({ $resource }), campo { $field }: { $message }
cli-error-document = campo { $field }: { $message }
cli-error-line = { $file }: riga { $line }: { $message }
cli-error-ndjson = { $file }: { $failed ->
        [one] { $failed } riga su { $total } conteneva
       *[other] { $failed } righe su { $total } contenevano
    } input non valido (vedere gli oggetti di errore nell'output; il primo: { $first })

## Input descriptions in the text output

label-given = riportato
label-entry = voce
derived-egfr = CKD-EPI 2021 (senza razza) da creatinina, età e sesso
derived-elemental-mg = magnesio elementare al giorno dalla posologia

## Units, input names and routes in the text output (message id: `unit-` and the UCUM unit)

unit-mmol-l = mmol/L
unit-umol-l = µmol/L
unit-nmol-l = nmol/L
unit-pmol-l = pmol/L
unit-mmol-mol = mmol/mol
unit-mg-dl = mg/dL
unit-mg-l = mg/L
unit-ug-dl = µg/dL
unit-meq-l = mEq/L
unit-pg-ml = pg/mL
unit-ng-ml = ng/mL
unit-ng-l = ng/L
unit-ml-min-1-73-m2 = mL/min/1,73 m²
unit-ml-min = mL/min
unit-percent = %
unit-score = punti
unit-d = giorni
unit-h = ore
unit-a = anni
unit-1 = (frazione)
unit-mg = mg
unit-mg-d = mg/die
unit-per-d = al giorno
input-serum-magnesium = magnesio sierico
input-ionized-magnesium = magnesio ionizzato
input-vitamin-b12 = vitamina B12
input-holotranscobalamin = olotranscobalamina
input-methylmalonic-acid = acido metilmalonico
input-homocysteine = omocisteina
input-cortisol = cortisolo
input-dopamine = dopamina plasmatica
input-creatinine = creatinina
input-egfr = eGFR
input-hba1c = emoglobina glicata (HbA1c)
input-bdi-total = punteggio totale BDI
input-spasm-frequency = frequenza degli spasmi
input-vas-intensity = intensità del dolore (VAS)
input-condition = diagnosi
input-medication = farmaco
input-age = età
input-deceased = decesso
input-birth-date = data di nascita
input-pregnancy-status = stato di gravidanza
route-iv = endovenosa
route-oral = orale
cli-error-tz = --tz: '{ $value }' non è il nome di un fuso orario IANA come Asia/Tashkent o Europe/Rome
report-ndjson-line = { $file }, riga { $line }

## Revisione 2

factor-digoxin = digossina
mg-dose-line = { $drug }: { $mg } mg { $reading ->
        [salt] (peso del sale × la sua frazione di magnesio)
        [orotate] (32,8 mg per compressa di orotato, scheda tecnica)
        [ingredient] (contenuto di magnesio dichiarato dal prodotto)
        [mmol] (mmol × 24,3 mg)
       *[elemental] (prodotto a base di magnesio dosato come magnesio elementare)
    }
escalate-iv-contra = il magnesio per via endovenosa è controindicato
escalate-iv-caution = il magnesio per via endovenosa richiede il monitoraggio di uno specialista (miastenia gravis)
escalate-stale = il valore ({ $date }) supera il suo limite di validità
escalate-swallow = si tratta di un ictus acuto prima dello screening della deglutizione
mg-severe-escalate-title = Ipomagnesemia grave: escalation
mg-severe-escalate = Magnesio sierico { $value } mmol/L inferiore a { $threshold } mmol/L e { $reasons }. Valutare di ripetere subito il dosaggio, un ECG, il controllo di potassio e calcio (Agus 1999) e il parere di uno specialista; il solo magnesio orale non basta.
safety-mg-iv-caution-title = Magnesio endovenoso: cautela nella miastenia gravis
safety-mg-iv-caution = Miastenia gravis ({ $code }): il magnesio per via endovenosa può scatenare una crisi miastenica; valutarlo solo con il monitoraggio di uno specialista (scheda tecnica del solfato di magnesio). È una cautela, non una controindicazione.
safety-pregnancy-title = Gravidanza
safety-pregnancy = La paziente è in gravidanza: le schede sull'orotato di magnesio, sulla dose nel dolore e sul solfato di magnesio come neuroprotezione non sono mostrate; gli apporti dietetici sono quelli della gravidanza.{ $obstetric ->
        [yes] { " " }Il solfato di magnesio è somministrato per la sua indicazione ostetrica: lo regola il protocollo ostetrico.
       *[no] { "" }
    }
obstetric-mg-therapy-title = Terapia ostetrica con solfato di magnesio
obstetric-mg-therapy = Gravidanza con preeclampsia o eclampsia in terapia con solfato di magnesio endovenoso: il magnesio è regolato dal protocollo ostetrico. { $band ->
        [within] Magnesio sierico { $value } mmol/L ({ $date }) entro l'intervallo anticonvulsivante della scheda tecnica di { $low }–{ $high } mmol/L.
        [below] Magnesio sierico { $value } mmol/L ({ $date }) inferiore all'intervallo anticonvulsivante della scheda tecnica di { $low }–{ $high } mmol/L.
        [above] Magnesio sierico { $value } mmol/L ({ $date }) superiore all'intervallo anticonvulsivante della scheda tecnica di { $low }–{ $high } mmol/L: i riflessi si riducono sopra { $reflexes } mmol/L; valutare di rivedere l'infusione con l'équipe ostetrica.
        [critical] Magnesio sierico { $value } mmol/L ({ $date }) pari o superiore a { $critical } mmol/L: i riflessi possono essere assenti e la paralisi respiratoria è un rischio; valutare di sospendere l'infusione e di somministrare un sale di calcio iniettabile, secondo il protocollo ostetrico.
       *[none] Nessun valore di magnesio sierico registrato; l'intervallo anticonvulsivante della scheda tecnica è { $low }–{ $high } mmol/L.
    } La scheda tecnica richiede il monitoraggio del riflesso rotuleo, della respirazione (almeno 16/min) e della diuresi (almeno 100 mL in 4 ore), con un sale di calcio iniettabile immediatamente disponibile.
interaction-qt-fluoroquinolone-title = Fluorochinolone con magnesio basso: rischio QT
interaction-qt-fluoroquinolone = È in corso { $drug } e il magnesio sierico { $value } mmol/L è inferiore al limite inferiore di riferimento di { $lower } mmol/L: i fluorochinoloni prolungano l'intervallo QT, con cautela nell'ipomagnesemia non corretta (scheda tecnica). Valutare la correzione degli elettroliti e un ECG.
interaction-digoxin-mg-title = Digossina con magnesio basso
interaction-digoxin-mg = È in corso { $drug } e il magnesio sierico { $value } mmol/L è inferiore al limite inferiore di riferimento di { $lower } mmol/L: l'ipomagnesemia predispone alla tossicità da digossina (scheda tecnica). Valutare la correzione del magnesio e il controllo del potassio.
b12-treat-title = Valutare il trattamento della carenza di vitamina B12
b12-treat = Carenza di vitamina B12 ({ $basis }) senza interessamento neurologico. Valutare idrossocobalamina 1 mg i.m. 3 volte alla settimana per 2 settimane, poi ogni 2–3 mesi (BNF), oppure cianocobalamina orale 1000–2000 µg al giorno (livelli sierici di B12 simili in una revisione Cochrane, certezza bassa). Valutare la ricerca della causa.{ $renal ->
        [yes] { " " }I soli marcatori metabolici aumentano nell'insufficienza renale, che può spiegarli.
       *[no] { "" }
    }
b12-on-treatment-title = Già in terapia con vitamina B12
b12-on-treatment = La vitamina B12 è già assunta ({ $drug }): le indicazioni di trattamento non vengono ripetute. Valutare clinicamente la risposta.
cortisol-not-morning-title = Cortisolo non prelevato al mattino
cortisol-not-morning = Cortisolo { $value } nmol/L ({ $date }) { $known ->
        [yes] prelevato alle { $time } ora locale, fuori dalla fascia { $from }–{ $until }
       *[no] senza ora del prelievo
    }: non viene confrontato con l'intervallo di riferimento del mattino.
stroke-onset-unknown-title = Esordio dell'ictus non noto
stroke-onset-unknown = Ictus ischemico ({ $code }) senza esordio registrato: il tempo dall'esordio non è noto, quindi le regole dell'ictus acuto non vengono applicate. { $screen ->
        [passed] È registrato uno screening della deglutizione superato.
       *[none] Non è registrato uno screening della deglutizione superato: i prodotti orali vengono proposti solo dopo di esso (AHA/ASA 2019).
    }
patient-deceased-title = Paziente deceduto
patient-deceased = La cartella riporta che il paziente è deceduto{ $known ->
        [yes] { " " }({ $date })
       *[no] { "" }
    }: non vengono formulate raccomandazioni.
data-implausible-title = Data di nascita non plausibile
data-implausible = La data di nascita { $birth } è anteriore al 1900 o dà un'età superiore a 120 anni: l'età è considerata sconosciuta e nessuna regola la usa.
data-ignored-title = Dati letti ma non usati
data-ignored = Letti ma non usati: { $parts }.
ignored-part = { $count } { $reason ->
        [unknown_resource_type] { $count ->
            [one] risorsa di un tipo
           *[other] risorse di tipi
        } non letti ({ $types })
        [unknown_code_system] { $count ->
            [one] codice
           *[other] codici
        } in un sistema sconosciuto ({ $types })
        [unmapped_code] { $count ->
            [one] codice che non corrisponde
           *[other] codici che non corrispondono
        } ad alcuna classe usata ({ $types })
        [pending_or_valueless] { $count ->
            [one] risultato in attesa, annullato o senza valore
           *[other] risultati in attesa, annullati o senza valore
        } ({ $types })
       *[unresolved_reference] { $count ->
            [one] riferimento non risolto
           *[other] riferimenti non risolti
        } ({ $types })
    }
result-old = Questo valore ({ $date }) risale a più di { $limit } giorni fa.

## Schede CDS Hooks (etichette del dettaglio, suggerimenti, motivi di override, collegamenti)

cds-detail-certainty = Certezza (GRADE)
cds-detail-sources = Fonti
cds-detail-inputs = Dati in ingresso usati
cds-detail-suppressed = Non raccomandato per questo motivo
cds-detail-claim = Affermazione della fonte { $id } (giudizio: { $verdict })
cds-draft-order = Prescrizione in bozza
cds-remove-draft-order = Rimuovere la prescrizione in bozza { $order }
cds-evidence-link = Evidenze per { $code }
cds-override-already-addressed = Già gestito
cds-override-record-incorrect = I dati della cartella sono errati
cds-override-clinical-judgement = Giudizio clinico: il beneficio supera il rischio
cds-override-not-applicable = Non si applica a questo paziente
