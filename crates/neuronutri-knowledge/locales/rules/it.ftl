# Il catalogo delle regole a parole (italiano), per `neuronutri rules`. `<id>-trigger` dice
# quando un codice viene emesso; le variabili sono le soglie di data/thresholds.toml per
# chiave, con il valore in vigore e la sua unità.

## Labels of `neuronutri rules`

rules-heading = Catalogo delle regole: ogni codice di output, quando viene emesso e le soglie in vigore
rules-intro = Generato dalla base di conoscenza (data/rules.toml, data/thresholds.toml e i cataloghi dei messaggi) con `neuronutri rules`; non modificare a mano. Le soglie sono i valori in vigore: quelli predefiniti o le modifiche della configurazione della struttura (`--config`), che sono segnalate.
rules-label-kind = tipo
rules-label-severity = gravità
rules-label-certainty = certezza delle evidenze (GRADE)
rules-label-sources = fonti
rules-label-claim = affermazione del documento di partenza
rules-label-trigger = emesso quando
rules-label-thresholds = soglie in vigore
rules-none = nessuna
rules-threshold-overridden = impostata dalla configurazione della struttura; predefinita { $default }
rules-threshold-no-source = nessuna fonte primaria
rules-unused-heading = Soglie non nominate da alcuna condizione
rules-sources-heading = Fonti citate

## When each code is emitted (thresholds as variables)

mg-low-trigger = Magnesio sierico inferiore al limite inferiore dell'intervallo di riferimento: quello del laboratorio (Observation.referenceRange), altrimenti { $mg_lower_ref }.
mg-below-optimal-trigger = Magnesio sierico nell'intervallo di riferimento ma inferiore a { $mg_optimal }, il livello che Costello e coll. (2016) propongono come adeguato.
mg-seed-risk-threshold-trigger = Magnesio sierico inferiore a { $mg_seed_risk }, la soglia di rischio di ictus e infarto miocardico della revisione di partenza; mostrata con il suo giudizio (affermazione K1).
mg-severe-trigger = Magnesio sierico inferiore a { $mg_severe }.
mg-acute-stroke-critical-trigger = Un ictus ischemico iniziato da non più di { $acute_stroke_window } e magnesio sierico inferiore a { $mg_acute_stroke_fraction_of_lower_ref } × il limite inferiore di riferimento: il «deficit critico» non verificato della revisione di partenza (affermazione K2).
mg-high-trigger = Magnesio sierico superiore al limite superiore dell'intervallo di riferimento: quello del laboratorio, altrimenti { $mg_upper_ref }.
mg-toxic-trigger = Magnesio sierico pari o superiore a { $mg_toxic }.
mg-not-measured-trigger = Un fattore aumenta la probabilità pre-test di carenza di magnesio (un ictus ischemico in qualsiasi momento o i suoi esiti, i fattori di CVD.MG_RISK, un inibitore di pompa protonica o un diuretico) e non c'è un magnesio sierico negli ultimi { $mg_freshness } (dopo un ictus ischemico acuto: nelle ultime { $mg_freshness_acute_stroke }).
mg-replete-trigger = Magnesio sierico inferiore al limite inferiore di riferimento. Per via endovenosa sotto { $mg_severe }, altrimenti per via orale; una via bloccata da un codice SAFETY sposta la voce tra quelle soppresse, e un risultato più vecchio del suo limite di validità la trattiene (DATA.STALE).
cvd-mg-risk-trigger = Ipertensione, ischemia cerebrale cronica, aterosclerosi periferica, diabete di tipo 2 o età di { $cvd_risk_age } o più.
athero-mg-low-trigger = Aterosclerosi periferica e magnesio sierico inferiore al limite inferiore di riferimento.
diet-mg-intake-trigger = Magnesio sierico inferiore a { $mg_optimal } (o al limite inferiore di riferimento, se più alto) o probabilità pre-test di carenza aumentata (CVD.MG_RISK), con magnesio non superiore all'intervallo di riferimento; soppresso da SAFETY.MG_RENAL. L'apporto dietetico raccomandato per sesso ed età: uomini 19–30 anni { $rda_men_19_30 }, uomini da 31 anni { $rda_men_31_plus }, donne 19–30 anni { $rda_women_19_30 }, donne da 31 anni { $rda_women_31_plus }.
mg-gi-effects-trigger = Il magnesio per via orale è assunto o raccomandato.
safety-mg-renal-trigger = eGFR inferiore a { $egfr_oral_mg_contraindicated_below } (riportato o calcolato con CKD-EPI 2021 dalla creatinina) o malattia renale cronica stadio 4–5. Sopprime le raccomandazioni di magnesio orale.
safety-mg-iv-contra-trigger = Blocco AV di secondo o terzo grado, miastenia grave o danno miocardico (infarto miocardico acuto). Sopprime le raccomandazioni di magnesio endovenoso.
safety-mg-orotate-contra-trigger = Il magnesio orotato è assunto o sarebbe raccomandato, con urolitiasi, cirrosi con ascite o età inferiore a 18 anni (controindicazioni della scheda tecnica; l'insufficienza renale è SAFETY.MG_RENAL).
safety-mg-above-ul-trigger = Il magnesio elementare supplementare dei farmaci in corso supera in totale { $mg_supplement_upper_limit }.
interaction-mg-spacing-trigger = Il magnesio orale è assunto o raccomandato insieme a una tetraciclina, un fluorochinolone, un bisfosfonato, ferro, penicillamina, levotiroxina o gabapentin, di cui riduce l'assorbimento.
drug-ppi-mg-trigger = È assunto un inibitore di pompa protonica (ATC A02BC).
drug-diuretic-mg-trigger = È assunto un diuretico dell'ansa (C03C) o tiazidico (C03A).
drug-metformin-b12-trigger = È assunta metformina (A10BA02); si riporta l'ultima vitamina B12 o, se manca negli ultimi { $b12_freshness }, se ne propone il dosaggio.
drug-ppi-b12-trigger = È assunto un inibitore di pompa protonica; si riporta l'ultima vitamina B12 o, se manca negli ultimi { $b12_freshness }, se ne propone il dosaggio.
data-stale-trigger = Una decisione ha usato un magnesio sierico più vecchio del suo limite di validità: { $mg_freshness_acute_stroke } dopo un ictus ischemico acuto, altrimenti { $mg_freshness }.
b12-deficient-trigger = Vitamina B12 totale inferiore a { $b12_deficient_below } (confrontata senza arrotondare, dopo la conversione di unità) o al limite inferiore del laboratorio.
b12-indeterminate-trigger = Vitamina B12 totale da { $b12_deficient_below } fino a { $b12_indeterminate_max } incluso.
b12-metabolic-deficiency-trigger = Vitamina B12 carente o indeterminata e acido metilmalonico superiore a { $mma_high_above } o omocisteina superiore a { $homocysteine_high_above }; l'insufficienza renale, che aumenta entrambi, è segnalata con eGFR inferiore a { $egfr_renal_impairment_below }.
holotc-low-trigger = Olotranscobalamina inferiore a { $holotc_deficient_below } (carente) o da { $holotc_deficient_below } fino a { $holotc_indeterminate_max } incluso (indeterminata).
b12-treat-neuro-trigger = Carenza di vitamina B12 (per B12 totale, marcatori metabolici o olotranscobalamina) con un interessamento neurologico causato dalla carenza di B12.
hfs-b12-not-measured-trigger = Spasmo emifacciale e nessuna vitamina B12 negli ultimi { $b12_freshness }.
hfs-b12-below-study-controls-trigger = Spasmo emifacciale e vitamina B12 inferiore a { $hfs_b12_below_study_controls }, la media dei controlli dello studio di partenza meno 2 DS.
hfs-severity-model-trigger = Spasmo emifacciale con vitamina B12, cortisolo, dopamina e BDI: l'associazione pubblicata dallo studio di partenza, z = −{ $hfs_model_weight_b12 }·zB12 + { $hfs_model_weight_cortisol }·zCortisolo − { $hfs_model_weight_dopamine }·zDopamina + { $hfs_model_weight_bdi }·zBDI, ogni z rispetto a media e DS del gruppo di studio (B12 { $hfs_model_b12_mean } ± { $hfs_model_b12_sd }, cortisolo { $hfs_model_cortisol_mean } ± { $hfs_model_cortisol_sd }, dopamina { $hfs_model_dopamine_mean } ± { $hfs_model_dopamine_sd }, BDI { $hfs_model_bdi_mean } ± { $hfs_model_bdi_sd }); frequenza prevista { $hfs_model_intercept } + { $hfs_model_slope } × z. Non calcolato se un valore supera { $hfs_model_z_limit } DS. Solo per la ricerca.
hfs-cobalamin-option-trigger = Spasmo emifacciale con vitamina B12 carente o indeterminata.
cortisol-high-trigger = Cortisolo del mattino superiore al limite superiore di riferimento: quello del laboratorio, altrimenti { $cortisol_upper_ref }.
bdi-severity-trigger = Un punteggio totale BDI: BDI-II minima fino a { $bdi2_minimal_max }, lieve fino a { $bdi2_mild_max }, moderata fino a { $bdi2_moderate_max }, grave oltre; BDI originale minima fino a { $bdi1_minimal_max }, lieve fino a { $bdi1_mild_max }, moderata fino a { $bdi1_moderate_max }, grave oltre.
bdi-refer-trigger = Depressione moderata o grave secondo le fasce del BDI (BDI.SEVERITY).
data-dopamine-implausible-trigger = Dopamina plasmatica superiore a { $dopamine_implausible_above }.
stroke-time-since-onset-trigger = Un ictus ischemico con esordio da non più di { $acute_stroke_window }: il tempo dall'esordio al momento della valutazione.
stroke-mg-neuroprotection-trigger = Un ictus ischemico entro { $stroke_window_seed } dall'esordio: il protocollo preospedaliero di solfato di magnesio della revisione di partenza, con gli studi che non hanno trovato benefici (affermazione K3).
poststroke-mg-orotate-schedule-trigger = Un ictus ischemico da non più di { $poststroke_schedule_window }: gli schemi di magnesio orotato della revisione di partenza e della scheda tecnica datati dall'esordio ({ $orotate_tablet_elemental_mg } di magnesio elementare a compressa), con il totale giornaliero confrontato con { $mg_supplement_upper_limit } (affermazione K4).
tbi-mg-claim-trigger = Trauma cranico: l'affermazione della revisione di partenza che il magnesio migliora il quadro dal primo giorno, con lo studio che non ha trovato benefici (affermazione K8).
aspirin-mg-claim-trigger = È assunto acido acetilsalicilico (B01AC06): l'affermazione non verificata della revisione di partenza che il magnesio consente di ridurne la dose (affermazione K5).
pain-mg-adjunct-trigger = Fibromialgia, sciatica o dolore neuropatico: il magnesio come terapia aggiuntiva, con evidenze incerte (affermazione K11).
