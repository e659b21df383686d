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
mg-acute-stroke-critical-trigger = Scheda di evidenza: un ictus ischemico esordito da non più di { $acute_stroke_window } e magnesio sierico inferiore a { $mg_acute_stroke_fraction_of_lower_ref } × il limite inferiore di riferimento: il "deficit critico" non verificato della revisione di partenza (affermazione K2). Non è una gravità a sé: la portano MG.LOW e MG.SEVERE.
mg-high-trigger = Magnesio sierico superiore al limite superiore di riferimento: quello del laboratorio, altrimenti { $mg_upper_ref }; sono nominati i prodotti a base di magnesio, i lassativi e gli antiacidi in corso. Non durante la terapia ostetrica con solfato di magnesio (OBSTETRIC.MG_THERAPY).
mg-toxic-trigger = Magnesio sierico pari o superiore a { $mg_toxic }. Sostituito da OBSTETRIC.MG_THERAPY durante la terapia ostetrica con solfato di magnesio.
mg-not-measured-trigger = Qualcosa aumenta la probabilità a priori di carenza di magnesio (un ictus ischemico in qualsiasi momento o i suoi esiti, i fattori di CVD.MG_RISK, un inibitore di pompa protonica da { $ppi_mg_min_duration } o più, un diuretico dell'ansa o tiazidico, la digossina) e non c'è un valore di magnesio sierico entro { $mg_freshness } (dopo un ictus ischemico acuto: entro { $mg_freshness_acute_stroke }). Non mostrato quando MG.SEVERE_ESCALATE chiede già di ripetere il dosaggio.
mg-replete-trigger = Magnesio sierico inferiore al limite inferiore di riferimento. Per via endovenosa sotto { $mg_severe }, altrimenti per via orale; dopo un ictus ischemico la via orale è indicata solo "dopo uno screening della deglutizione superato" finché non ne è registrato uno (per impostazione predefinita le prime { $swallow_screen_default }); una via bloccata da un codice SAFETY sposta la voce tra quelle soppresse, e un risultato più vecchio del suo limite di validità la trattiene (DATA.STALE).
cvd-mg-risk-trigger = Ipertensione, ischemia cerebrale cronica, aterosclerosi periferica, diabete di tipo 2 o età di { $cvd_risk_age } o più; non con un valore recente di magnesio pari o superiore al limite inferiore di riferimento, né durante la terapia ostetrica con solfato di magnesio.
athero-mg-low-trigger = Aterosclerosi periferica e magnesio sierico inferiore al limite inferiore di riferimento.
diet-mg-intake-trigger = Magnesio sierico inferiore a { $mg_optimal } (o al limite inferiore di riferimento, se più alto) o probabilità a priori di carenza aumentata (CVD.MG_RISK); non con magnesio sopra l'intervallo di riferimento, sotto 1 anno di età o durante la terapia ostetrica con solfato di magnesio; soppresso da SAFETY.MG_RENAL e prima dello screening della deglutizione dopo un ictus. RDA: 1–3 anni { $rda_1_3 }, 4–8 { $rda_4_8 }, 9–13 { $rda_9_13 }, ragazzi 14–18 { $rda_boys_14_18 }, ragazze 14–18 { $rda_girls_14_18 }, uomini 19–30 { $rda_men_19_30 }, uomini dai 31 { $rda_men_31_plus }, donne 19–30 { $rda_women_19_30 }, donne dai 31 { $rda_women_31_plus }; in gravidanza 14–18 { $rda_pregnancy_14_18 }, 19–30 { $rda_pregnancy_19_30 }, 31–50 { $rda_pregnancy_31_50 }.
mg-gi-effects-trigger = È assunto un prodotto orale contenente magnesio (integratore, lassativo o antiacido), oppure MG.REPLETE propone magnesio orale. Una scheda di evidenza da sola non lo attiva.
safety-mg-renal-trigger = eGFR inferiore a { $egfr_oral_mg_contraindicated_below } (riportato o calcolato con CKD-EPI 2021 dalla creatinina) o malattia renale cronica stadio 4–5. Sopprime le raccomandazioni di magnesio orale.
safety-mg-iv-contra-trigger = Blocco AV di secondo o terzo grado, o danno miocardico (un infarto miocardico acuto, I21/I22, entro { $mi_recent } dall'esordio o senza esordio). Sopprime le raccomandazioni di magnesio endovenoso.
safety-mg-orotate-contra-trigger = Il magnesio orotato è assunto o sarebbe raccomandato, con urolitiasi, cirrosi con ascite o età inferiore a 18 anni (controindicazioni della scheda tecnica; l'insufficienza renale è SAFETY.MG_RENAL).
safety-mg-above-ul-trigger = Il magnesio elementare dei farmaci in corso non endovenosi supera in totale il limite massimo per l'età: { $mg_supplement_ul_1_3 } a 1–3 anni, { $mg_supplement_ul_4_8 } a 4–8, { $mg_supplement_upper_limit } dai 9 anni (e quando l'età non è nota). Una dose in mg di un sale è il peso del sale, convertito con la sua frazione di magnesio; una compressa di orotato conta { $orotate_tablet_elemental_mg }.
interaction-mg-spacing-trigger = Il magnesio orale è assunto o raccomandato insieme a una tetraciclina, un fluorochinolone, un bisfosfonato, ferro, penicillamina, levotiroxina o gabapentin, di cui riduce l'assorbimento.
drug-ppi-mg-trigger = Un inibitore di pompa protonica (ATC A02BC) assunto da { $ppi_mg_min_duration } o più, o da un tempo non noto; con magnesio basso chiede se sia ancora necessario.
drug-diuretic-mg-trigger = È assunto un diuretico dell'ansa (C03C) o tiazidico (C03A).
drug-metformin-b12-trigger = È assunta metformina (A10BA02); si riporta l'ultimo valore di vitamina B12 o di olotranscobalamina, oppure se ne propone la misurazione se non ce n'è uno entro { $b12_freshness }.
drug-ppi-b12-trigger = Un inibitore di pompa protonica assunto da { $ppi_b12_min_duration } o più (una data di inizio non nota non basta: a differenza del reperto sul magnesio, questo non compare con una durata non nota); si riporta l'ultimo valore di vitamina B12 o di olotranscobalamina, oppure se ne propone la misurazione se non ce n'è uno entro { $b12_freshness }.
data-stale-trigger = Una decisione ha usato un valore di magnesio sierico più vecchio del suo limite di validità ({ $mg_freshness_acute_stroke } dopo un ictus ischemico acuto, altrimenti { $mg_freshness }), oppure un reperto sulla B12 si basa su un valore più vecchio di { $b12_freshness }.
b12-deficient-trigger = Vitamina B12 totale inferiore a { $b12_deficient_below } (confrontata senza arrotondare, dopo la conversione di unità) o al limite inferiore del laboratorio.
b12-indeterminate-trigger = Vitamina B12 totale da { $b12_deficient_below } fino a { $b12_indeterminate_max } incluso.
b12-metabolic-deficiency-trigger = Vitamina B12 carente o indeterminata e acido metilmalonico superiore a { $mma_high_above } o omocisteina superiore a { $homocysteine_high_above }; l'insufficienza renale, che aumenta entrambi, è segnalata con eGFR inferiore a { $egfr_renal_impairment_below }.
holotc-low-trigger = Olotranscobalamina inferiore a { $holotc_deficient_below } (carente) o da { $holotc_deficient_below } fino a { $holotc_indeterminate_max } incluso (indeterminata).
b12-treat-neuro-trigger = Carenza di vitamina B12 (B12 totale inferiore a { $b12_deficient_below }, olotranscobalamina inferiore a { $holotc_deficient_below } o metabolica) con un interessamento neurologico causato dalla carenza di B12 (G32.0, G60–G64, G95.8/9, H46, H47.0, F01–F03, G30–G31, R41.8, R20.2, R26, R27.0); non l'ictus, l'ischemia cerebrale cronica o lo spasmo emifacciale. Soppresso da B12.ON_TREATMENT.
hfs-b12-not-measured-trigger = Spasmo emifacciale e nessun valore di vitamina B12 o di olotranscobalamina entro { $b12_freshness } (un valore più vecchio conta come non misurato).
hfs-b12-below-study-controls-trigger = Spasmo emifacciale e un valore di vitamina B12 entro { $b12_freshness } inferiore a { $hfs_b12_below_study_controls }, la media dei controlli dello studio di partenza meno 2 DS.
hfs-severity-model-trigger = Spasmo emifacciale con vitamina B12, cortisolo, dopamina e BDI: l'associazione pubblicata dallo studio di partenza, z = −{ $hfs_model_weight_b12 }·zB12 + { $hfs_model_weight_cortisol }·zCortisolo − { $hfs_model_weight_dopamine }·zDopamina + { $hfs_model_weight_bdi }·zBDI, ogni z rispetto a media e DS del gruppo di studio (B12 { $hfs_model_b12_mean } ± { $hfs_model_b12_sd }, cortisolo { $hfs_model_cortisol_mean } ± { $hfs_model_cortisol_sd }, dopamina { $hfs_model_dopamine_mean } ± { $hfs_model_dopamine_sd }, BDI { $hfs_model_bdi_mean } ± { $hfs_model_bdi_sd }); frequenza prevista { $hfs_model_intercept } + { $hfs_model_slope } × z. Non calcolato se un valore supera { $hfs_model_z_limit } DS. Solo per la ricerca.
hfs-cobalamin-option-trigger = Spasmo emifacciale con un valore di vitamina B12 entro { $b12_freshness } carente o indeterminato; soppresso da B12.ON_TREATMENT.
cortisol-high-trigger = Cortisolo prelevato al mattino (dalle { $cortisol_morning_from } alle { $cortisol_morning_until } ora locale) superiore al limite superiore di riferimento: quello del laboratorio, altrimenti { $cortisol_upper_ref }.
bdi-severity-trigger = Un punteggio totale BDI: BDI-II minima fino a { $bdi2_minimal_max }, lieve fino a { $bdi2_mild_max }, moderata fino a { $bdi2_moderate_max }, grave oltre (Beck 1996); BDI originale minima fino a { $bdi1_minimal_max }, da lieve a moderata fino a { $bdi1_mild_max }, da moderata a grave fino a { $bdi1_moderate_max }, grave oltre (Beck 1988).
bdi-refer-trigger = Depressione moderata, da moderata a grave o grave secondo le fasce del BDI (BDI.SEVERITY): chiedere dei pensieri suicidari (item 9 del BDI-II) e seguire il percorso locale per il rischio suicidario.
data-dopamine-implausible-trigger = Dopamina plasmatica superiore a { $dopamine_implausible_above }.
stroke-time-since-onset-trigger = Un ictus ischemico esordito da non più di { $acute_stroke_window }: le ore dall'esordio (un esordio con sola data dà la data, senza ore) e se è registrato uno screening della deglutizione; la finestra di { $stroke_window_seed } del solfato di magnesio della revisione di partenza è indicata come sua affermazione contraddetta (K3).
stroke-mg-neuroprotection-trigger = Scheda di evidenza: un ictus ischemico entro { $stroke_window_seed } da un esordio con ora: il protocollo preospedaliero di solfato di magnesio della revisione di partenza, con gli studi che non hanno trovato benefici (affermazione K3). Soppressa in gravidanza.
poststroke-mg-orotate-schedule-trigger = Scheda di evidenza: un ictus ischemico attivo entro { $poststroke_schedule_window }: gli schemi di orotato di magnesio della revisione di partenza e della scheda tecnica in giorni ({ $orotate_tablet_elemental_mg } di magnesio elementare per compressa), datati solo dall'inizio di un orotato in corso, con il totale giornaliero rispetto al limite massimo (affermazione K4). Soppressa da SAFETY.MG_RENAL, SAFETY.MG_OROTATE_CONTRA, SAFETY.PREGNANCY e dal magnesio alto; un eGFR inferiore a { $egfr_renal_impairment_below } è indicato.
tbi-mg-claim-trigger = Trauma cranico esordito da non più di { $tbi_claim_window } (o attivo senza esordio): l'affermazione della revisione di partenza che il magnesio lo migliora dal primo giorno, con lo studio che non ha trovato benefici e ha mostrato un possibile danno (affermazione K8).
aspirin-mg-claim-trigger = È assunto acido acetilsalicilico (B01AC06): l'affermazione non verificata della revisione di partenza che il magnesio consente di ridurne la dose (affermazione K5).
pain-mg-adjunct-trigger = Fibromialgia, sciatica o dolore neuropatico: il magnesio come terapia aggiuntiva, con evidenze incerte (affermazione K11). Soppressa da SAFETY.MG_RENAL e SAFETY.PREGNANCY (riporta una dose orale).

## Revision 2

mg-severe-escalate-trigger = Magnesio sierico inferiore a { $mg_severe } e la via endovenosa controindicata o da usare con cautela (SAFETY.MG_IV_CONTRA, SAFETY.MG_IV_CAUTION), oppure il valore più vecchio del suo limite di validità, oppure un ictus ischemico acuto prima dello screening della deglutizione.
safety-mg-iv-caution-trigger = Miastenia gravis (G70.0): magnesio endovenoso solo con il monitoraggio di uno specialista; da solo non blocca nulla.
safety-pregnancy-trigger = Gravidanza: una condizione attiva O00–O99, Z33, Z34 o Z3A, o uno stato di gravidanza (LOINC 82810-3) "in gravidanza".
obstetric-mg-therapy-trigger = Gravidanza con preeclampsia o eclampsia (O11, O14, O15) e solfato di magnesio endovenoso in corso: il livello rispetto a { $mg_obstetric_range_low }–{ $mg_obstetric_range_high } (informazione), sopra { $mg_obstetric_range_high } un avvertimento, a { $mg_obstetric_critical } o più critico.
interaction-qt-fluoroquinolone-trigger = Un fluorochinolone in corso (J01MA) e magnesio sierico inferiore al limite inferiore di riferimento.
interaction-digoxin-mg-trigger = Digossina in corso (C01AA05) e magnesio sierico inferiore al limite inferiore di riferimento.
b12-treat-trigger = Carenza di vitamina B12 (B12 totale inferiore a { $b12_deficient_below }, olotranscobalamina inferiore a { $holotc_deficient_below } o metabolica) senza interessamento neurologico causato dalla carenza di B12; l'insufficienza renale (eGFR inferiore a { $egfr_renal_impairment_below }) è indicata quando solo i marcatori la mostrano. Soppresso da B12.ON_TREATMENT.
b12-on-treatment-trigger = È assunta vitamina B12 (B03BA) e un valore di B12 è carente o indeterminato: le indicazioni di avvio non vengono ripetute.
cortisol-not-morning-trigger = Cortisolo prelevato fuori dalla fascia dalle { $cortisol_morning_from } alle { $cortisol_morning_until } ora locale, o con la sola data.
stroke-onset-unknown-trigger = Un ictus ischemico attivo senza esordio (e nessuno acuto con esordio).
patient-deceased-trigger = deceasedBoolean true, o deceasedDateTime non successivo all'istante della valutazione: l'unico risultato.
data-implausible-trigger = Una data di nascita anteriore al 1900 o un'età superiore a 120 anni all'istante della valutazione.
data-ignored-trigger = Qualcosa nel bundle è stato letto ma non usato: un tipo di risorsa che il motore non legge, un codice in un sistema sconosciuto, un codice che non corrisponde ad alcuna classe, un risultato in attesa, annullato o senza valore, un riferimento non risolto.
