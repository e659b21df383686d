# English message catalogue of neuronutri. Message ids are stable; every id here must exist
# in every other catalogue (ru, uz, it). Values arrive pre-formatted; counts are numbers.

## Kinds, severities, certainty, verdicts

kind-finding = finding
kind-recommendation = recommendation
kind-alert = alert
kind-note = note
kind-evidence = evidence card
severity-info = info
severity-warning = warning
severity-critical = critical
certainty-high = high certainty
certainty-moderate = moderate certainty
certainty-low = low certainty
certainty-very_low = very low certainty
verdict-supported = supported
verdict-conflicting = conflicting
verdict-unverified = unverified
verdict-contradicted = contradicted
verdict-supported_unverified = partly supported, partly unverified

## Seed claims

claim-k1 = Plasma magnesium below 0.76 mmol/L is a significant risk factor for stroke and myocardial infarction.
claim-k1-why = Association studies exist (Amighi 2004), but the 0.76 mmol/L cut-off itself was not found in a primary source.
claim-k2 = In acute ischemic stroke the blood magnesium deficit reaches critical values, below 70–60 % of normal.
claim-k2-why = No primary source was found.
claim-k3 = 4 g of magnesium sulfate IV (20 mL of a 20 % solution) within 12 hours of stroke onset is justified and effective (FAST-MAG).
claim-k3-why = The pilot (n=20) showed feasibility only; FAST-MAG 2015 (n=1700), IMAGES 2004 (n=2589) and a 2019 meta-analysis of 7 trials found no benefit.
claim-k4 = Magnesium orotate 2 tablets 3 times a day in the first 6–8 weeks after stroke, 1 tablet 3 times a day after 2–4 weeks if haemodynamics are corrected.
claim-k4-why = No outcome trial; longer at full dose than the product label.
claim-k5 = Magnesium potentiates the antiplatelet effect of aspirin, allowing a lower aspirin dose.
claim-k5-why = Cited to a textbook only. It is no reason to lower an aspirin dose.
claim-k6 = A magnesium-rich diet lowers the risk of diabetes (RR 0.69 [0.52; 0.91]); about 30 % of diabetics are magnesium deficient.
claim-k6-why = The direction is supported (Dong 2011, RR 0.78); the quoted numbers were not found.
claim-k7 = The daily magnesium requirement is 300–400 mg.
claim-k7-why = IOM 1997 recommended dietary allowances are 310–420 mg a day.
claim-k8 = Magnesium-containing drugs improve traumatic brain injury from day 1.
claim-k8-why = A randomised trial of magnesium sulfate after traumatic brain injury found no benefit (Temkin 2007).
claim-k9 = Hemifacial spasm patients have lower B12 (317±54 vs 458±62 pg/mL), higher cortisol and lower dopamine; B12 correlates with spasm frequency (r = −0.52).
claim-k9-why = A single cross-sectional study; both group means are above the BSH deficiency cut-off; dopamine values in ng/mL are physiologically impossible (normal plasma dopamine is below 30 pg/mL).
claim-k10 = Cobalamin is a rational add-on therapy in hemifacial spasm.
claim-k10-why = No trial; a hypothesis only.
claim-k11 = Magnesium helps fibromyalgia together with amitriptyline, and helps sciatica (animal data).
claim-k11-why = One small open-label trial (Bagis 2013); a systematic review is equivocal (Park 2020); sciatica data are from animals only.
claim-k12 = Diarrhoea is a common side effect of magnesium; extended-release forms reduce it.
claim-k12-why = Diarrhoea is supported by the product information; the benefit of extended-release forms is unverified.

## Names used inside texts

factor-ischemic-stroke = ischemic stroke
factor-hypertension = hypertension
factor-chronic-cerebral-ischaemia = chronic cerebral ischaemia
factor-peripheral-atherosclerosis = peripheral atherosclerosis
factor-type2-diabetes = type 2 diabetes
factor-age = age { $age }
factor-ppi = proton pump inhibitor use
factor-diuretic = diuretic use
condition-av-block = AV block grade 2–3 ({ $code })
condition-myasthenia = myasthenia gravis ({ $code })
condition-myocardial-infarction = myocardial infarction ({ $code })
condition-urolithiasis = urolithiasis ({ $code })
condition-cirrhosis-ascites = cirrhosis with ascites ({ $code })
condition-under-18 = age under 18 ({ $age })
list-and = { $first } and { $last }

## Magnesium

mg-low-title = Low serum magnesium
mg-low = Serum magnesium { $value } mmol/L ({ $date }) is below the lower reference limit of { $lower } mmol/L.
mg-below-optimal-title = Serum magnesium below the proposed optimum
mg-below-optimal = Serum magnesium { $value } mmol/L is within the reference interval but below { $optimal } mmol/L, the level Costello et al. (2016) propose as adequate.
mg-seed-risk-threshold-title = Below the source review's stroke risk threshold
mg-seed-risk-threshold = Serum magnesium { $value } mmol/L is below { $threshold } mmol/L, which the source review calls a significant risk factor for stroke and myocardial infarction. This cut-off is the review's claim and is unverified.
mg-severe-title = Severe hypomagnesaemia
mg-severe = Serum magnesium { $value } mmol/L is below { $threshold } mmol/L: severe hypomagnesaemia.
mg-acute-stroke-critical-title = Critical magnesium deficit in acute stroke (unverified threshold)
mg-acute-stroke-critical = Acute ischemic stroke { $hours } h ago with serum magnesium { $value } mmol/L, below 70 % of the lower reference limit ({ $limit } mmol/L). The source review calls a deficit below 70–60 % of normal critical in acute stroke; this threshold is the review's unverified claim.
mg-high-title = High serum magnesium
mg-high = Serum magnesium { $value } mmol/L ({ $date }) is above the upper reference limit of { $upper } mmol/L.
mg-toxic-title = Toxic magnesium level: consider stopping magnesium
mg-toxic = Serum magnesium { $value } mmol/L is at or above { $threshold } mmol/L: consider stopping magnesium. Per the magnesium sulfate label, reflexes weaken above 2 mmol/L and are absent near 5 mmol/L; consider checking the patellar reflex, respiration (at least 16/min) and urine output.
mg-not-measured-title = Consider measuring serum magnesium
mg-not-measured = { $reasons } raise the prior for magnesium deficiency, and there is no serum magnesium result within { $acute ->
        [yes] the last { $limit } { $limit ->
            [one] hour
           *[other] hours
        } (acute stroke)
       *[no] the last { $limit } { $limit ->
            [one] day
           *[other] days
        }
    }. Consider measuring serum magnesium.
mg-replete-title = Consider correcting the magnesium deficiency
mg-replete = Serum magnesium { $value } mmol/L is below the lower reference limit. { $route ->
        [iv] Consider correcting it with intravenous magnesium, as the level is severe (below { $severe } mmol/L).
        [oral-iv-blocked] Consider correcting it with oral magnesium: intravenous magnesium is contraindicated here (see the suppressed items).
       *[oral] Consider correcting it with oral magnesium; intravenous magnesium if the patient is symptomatic.
    }
cvd-mg-risk-title = Raised prior for magnesium deficiency
cvd-mg-risk = { $factors } raise the prior for magnesium deficiency (source review; associations: Amighi 2004 for atherosclerosis, Dong 2011 for diabetes).
athero-mg-low-title = Low magnesium with peripheral atherosclerosis
athero-mg-low = Peripheral atherosclerosis with serum magnesium { $value } mmol/L below the lower reference limit: in advanced atherosclerosis low serum magnesium predicted neurological events (Amighi 2004).
diet-mg-intake-title = Dietary magnesium
diet-mg-intake = { $group ->
        [men-19-30] The recommended dietary allowance for men aged 19–30 is { $rda } mg of magnesium a day (IOM 1997).
        [men-31] The recommended dietary allowance for men aged 31 and over is { $rda } mg of magnesium a day (IOM 1997).
        [women-19-30] The recommended dietary allowance for women aged 19–30 is { $rda } mg of magnesium a day (IOM 1997).
        [women-31] The recommended dietary allowance for women aged 31 and over is { $rda } mg of magnesium a day (IOM 1997).
       *[adults] The recommended dietary allowance for adults is 400–420 mg of magnesium a day for men and 310–320 mg for women (IOM 1997); for under-19s see the IOM tables.
    } Food sources: fresh vegetables and fruit, greens (parsley, dill, green onion) and nuts; drying and preserving lower magnesium's bioavailability. Magnesium-rich mineral waters named in the source review: Batalinskaya, Donat, Pyatigorsk, the Lysogorsk well, Kuka resort well No. 27, Crimean and Kislovodsk narzans.
mg-gi-effects-title = Gastrointestinal effects of oral magnesium
mg-gi-effects = { $context ->
        [taking] Oral magnesium is being taken ({ $drug }):
       *[recommended] Oral magnesium is recommended:
    } diarrhoea is its most common side effect; nausea and stomach upset also occur. The source article's advice that extended-release forms reduce diarrhoea is unverified.

## Safety and interactions

safety-mg-renal-title = Oral magnesium contraindicated: renal function
safety-mg-renal = { $basis ->
        [ckd] Chronic kidney disease stage 4–5 ({ $code })
        [egfr-computed] eGFR { $egfr } mL/min/1.73 m² (CKD-EPI 2021 from creatinine { $creatinine } µmol/L, { $date })
       *[egfr] eGFR { $egfr } mL/min/1.73 m² ({ $date })
    }: oral magnesium is contraindicated below a GFR of { $limit } mL/min. Intravenous magnesium only with caution: no more than 20 g in 48 hours, with serum level monitoring.
safety-mg-iv-contra-title = Intravenous magnesium contraindicated
safety-mg-iv-contra = { $conditions }: intravenous magnesium sulfate is contraindicated (label: heart block, myocardial damage, myasthenia gravis).
safety-mg-orotate-contra-title = Magnesium orotate contraindicated
safety-mg-orotate-contra = { $conditions }: magnesium orotate is contraindicated by its label (renal dysfunction, urolithiasis, cirrhosis with ascites, age under 18).
safety-mg-above-ul-title = Supplemental magnesium above the upper limit
safety-mg-above-ul = Supplemental elemental magnesium from current medications is { $total } mg a day ({ $drugs }), above the tolerable upper intake level of { $ul } mg a day from supplements (IOM 1997).
interaction-mg-spacing-title = Consider spacing magnesium and { $drug }
interaction-mg-spacing = { $context ->
        [taking] Magnesium ({ $magnesium }) is taken with { $drug }:
       *[recommended] Magnesium is recommended and { $drug } is taken:
    } { $class ->
        [tetracycline] magnesium reduces the absorption of tetracyclines; consider advising the patient to take them 2–3 hours apart.
        [fluoroquinolone] magnesium reduces the absorption of quinolones; consider advising the patient to take the quinolone at least 2 hours before or 4–6 hours after magnesium.
        [bisphosphonate] magnesium reduces the absorption of bisphosphonates; consider advising the patient to take them 3–4 hours apart.
        [iron] magnesium reduces the absorption of iron; consider advising the patient to take them 3–4 hours apart.
        [penicillamine] magnesium reduces the absorption of penicillamine; consider advising the patient to take them 3–4 hours apart.
        [levothyroxine] magnesium reduces the absorption of levothyroxine; consider advising the patient to take them 4 hours apart.
       *[gabapentin] magnesium may reduce the absorption of gabapentin; consider advising the patient to take gabapentin at least 2 hours after magnesium.
    }
drug-ppi-mg-title = Proton pump inhibitor: hypomagnesaemia risk
drug-ppi-mg = { $drug }: long-term proton pump inhibitor use can cause hypomagnesaemia (FDA 2011){ $known ->
        [yes] ; taken for { $days } { $days ->
            [one] day
           *[other] days
        }.
       *[no] ; the start date is not recorded.
    }
drug-diuretic-mg-title = Diuretic: hypomagnesaemia risk
drug-diuretic-mg = { $drug } ({ $class ->
        [loop] loop diuretic
       *[thiazide] thiazide diuretic
    }): risk of hypomagnesaemia.
drug-metformin-b12-title = Metformin: vitamin B12 malabsorption
drug-metformin-b12 = { $drug }: metformin can reduce vitamin B12 absorption. { $measured ->
        [yes] Latest vitamin B12: { $b12 } pmol/L ({ $date }).
       *[no] No vitamin B12 result within 365 days: consider measuring vitamin B12.
    }
drug-ppi-b12-title = Proton pump inhibitor: vitamin B12 malabsorption
drug-ppi-b12 = { $drug }: long-term proton pump inhibitor use is associated with vitamin B12 deficiency (Lam 2013). { $measured ->
        [yes] Latest vitamin B12: { $b12 } pmol/L ({ $date }).
       *[no] No vitamin B12 result within 365 days: consider measuring vitamin B12.
    }
data-stale-title = Result older than its freshness limit
data-stale = { $acute ->
        [yes] The serum magnesium result used ({ $date }) is { $age } { $age ->
            [one] hour
           *[other] hours
        } old, beyond the { $limit }-hour limit for decisions in acute stroke; consider repeating it.
       *[no] The serum magnesium result used ({ $date }) is { $age } { $age ->
            [one] day
           *[other] days
        } old, beyond the { $limit }-day limit; consider repeating it.
    }

## Text output of the CLI

report-header = Assessment of patient { $patient } at { $at }
report-patient-unknown = (no id)
section-alerts = Alerts
section-findings = Findings
section-recommendations = Recommendations
section-suppressed = Suppressed by safety rules
section-empty = none
label-certainty = certainty
label-sources = sources
label-inputs = inputs
label-suppressed-by = suppressed by
label-claim = seed claim { $id }, verdict: { $verdict }
label-route = route

## Vitamin B12

b12-deficient-title = Vitamin B12 deficiency
b12-deficient = Total vitamin B12 { $value } pmol/L ({ $date }) is below { $threshold } pmol/L (180 ng/L), the deficiency cut-off of NICE NG239 (the older BSH 2014 cut-off was 200 ng/L); local reference ranges apply.
b12-indeterminate-title = Vitamin B12 indeterminate
b12-indeterminate = Total vitamin B12 { $value } pmol/L ({ $date }) is in the indeterminate range { $low }–{ $high } pmol/L (180–350 ng/L, NICE NG239). Consider measuring methylmalonic acid or holotranscobalamin.
b12-metabolic-deficiency-title = Metabolic evidence of vitamin B12 deficiency
b12-metabolic-deficiency = Vitamin B12 { $value } pmol/L with { $markers }: supports a functional vitamin B12 deficiency.{ $renal ->
        [yes] { " " }Caution: eGFR { $egfr } mL/min/1.73 m² is below 60, and both methylmalonic acid and homocysteine rise in renal impairment.
       *[no] { "" }
    }
marker-mma = methylmalonic acid { $value } µmol/L (above { $limit })
marker-homocysteine = homocysteine { $value } µmol/L (above { $limit })
holotc-low-title = Low holotranscobalamin
holotc-low = { $band ->
        [deficient] Holotranscobalamin (active B12) { $value } pmol/L is below { $deficient } pmol/L: deficient (NICE NG239).
       *[indeterminate] Holotranscobalamin (active B12) { $value } pmol/L is indeterminate ({ $deficient }–{ $indeterminate } pmol/L, NICE NG239).
    }
b12-treat-neuro-title = Consider treating vitamin B12 deficiency with neurological involvement
b12-treat-neuro = Vitamin B12 deficiency ({ $basis }) with a neurological condition ({ $conditions }). Consider hydroxocobalamin 1 mg IM on alternate days until there is no further improvement, then 1 mg every 2 months (BNF, neurological involvement). Oral cyanocobalamin 1000–2000 µg a day gave serum B12 similar to IM in a Cochrane review (low certainty) and is an alternative.
b12-basis-total = total B12 { $value } pmol/L
b12-basis-metabolic = metabolic markers
b12-basis-holotc = holotranscobalamin { $value } pmol/L

## Hemifacial spasm (research grade)

hfs-b12-not-measured-title = Hemifacial spasm: vitamin B12 not measured
hfs-b12-not-measured = Hemifacial spasm ({ $code }) and no vitamin B12 result within 365 days. One cross-sectional study reported lower vitamin B12 in hemifacial spasm (unverified); consider measuring vitamin B12.
hfs-b12-below-study-controls-title = Vitamin B12 below the HFS study's control range
hfs-b12-below-study-controls = Hemifacial spasm with vitamin B12 { $value } pg/mL, below { $threshold } pg/mL (the seed study's control mean minus 2 SD). A research comparison from one cross-sectional study, not a diagnostic cut-off.
hfs-severity-model-title = Hemifacial spasm severity model (research only)
hfs-severity-model = Published association, not validated for individual prediction. { $computed ->
        [yes] Index z = { $z }; predicted spasm frequency { $predicted } episodes a day{ $observed ->
            [none] .
           *[other] ; observed { $observed } episodes a day.
        }
       *[no] Not computed: { $reason }.
    }
hfs-model-outside = { $input } { $value } { $unit } lies outside the study group's mean ± 4 SD ({ $low } to { $high } { $unit })
hfs-input-b12 = vitamin B12
hfs-input-cortisol = cortisol
hfs-input-dopamine = dopamine in the study's unit
hfs-input-bdi = BDI score
hfs-model-line = { $input }: { $value } { $unit }, z = { $z }
hfs-cobalamin-option-title = Cobalamin may be considered in hemifacial spasm
hfs-cobalamin-option = Hemifacial spasm with vitamin B12 { $value } pmol/L ({ $band ->
        [deficient] deficient
       *[indeterminate] indeterminate
    }): cobalamin may be considered. Its benefit in hemifacial spasm is a hypothesis without a trial.
cortisol-high-title = High morning cortisol
cortisol-high = Morning cortisol { $value } nmol/L ({ $date }) is above the upper reference limit of { $upper } nmol/L.
bdi-severity-title = Depression severity (BDI)
bdi-severity = { $version ->
        [original] Original BDI
       *[bdi2] BDI-II
    } total { $score }: { $band ->
        [minimal] minimal
        [mild] mild
        [moderate] moderate
       *[severe] severe
    } depression (Beck 1996).
bdi-refer-title = Consider an assessment for depression
bdi-refer = { $band ->
        [moderate] Moderate
       *[severe] Severe
    } depression by the BDI (total { $score }): consider a clinical assessment and care for depression.
data-dopamine-implausible-title = Implausible plasma dopamine
data-dopamine-implausible = Plasma dopamine { $value } pg/mL (given as { $original }) is physiologically implausible: normal plasma dopamine is below 30 pg/mL. Consider checking the unit; the seed study's dopamine values have the same problem.

## Stroke

stroke-time-since-onset-title = Time since stroke onset
stroke-time-since-onset = Ischemic stroke onset { $onset }: { $hours } { $hours ->
        [one] hour
       *[other] hours
    } before this assessment. { $seed ->
        [open] The seed's 12-hour window is open
       *[closed] The seed's 12-hour window has closed
    }; { $fastmag ->
        [open] the FAST-MAG 2-hour window is open.
       *[closed] the FAST-MAG 2-hour window has closed.
    }
stroke-mg-neuroprotection-title = Magnesium sulfate as neuroprotection: not recommended
stroke-mg-neuroprotection = { $hours } { $hours ->
        [one] hour
       *[other] hours
    } after onset. The source review proposes 4 g of magnesium sulfate IV (20 mL of a 20 % solution) within 12 hours, prehospital. Randomised trials found no benefit (FAST-MAG 2015, n=1700, within 2 hours; IMAGES 2004, n=2589, within 12 hours; a 2019 meta-analysis of 7 trials): magnesium sulfate is not recommended as neuroprotection outside a trial. Correcting a measured magnesium deficiency is a separate matter (MG.REPLETE).
poststroke-mg-orotate-schedule-title = Magnesium orotate after stroke: seed and label regimens
poststroke-mg-orotate-schedule = Ischemic stroke on { $onset }, { $days } { $days ->
        [one] day
       *[other] days
    } ago. Two regimens of magnesium orotate 500 mg tablets (32.8 mg elemental magnesium each) dated from the onset, side by side: the source review's (unverified: no outcome trial, longer at full dose than the label) and the product label's. At most { $max } mg elemental magnesium a day, { $above ->
        [yes] above
       *[no] below
    } the supplemental upper limit of { $ul } mg.
schedule-regimen-seed = Source review (unverified)
schedule-regimen-label = Product label
schedule-phase = { $regimen }, from { $start } until { $end }: { $tablets } { $tablets ->
        [one] tablet
       *[other] tablets
    } { $doses } times a day = { $mg } mg elemental magnesium a day{ $condition ->
        [haemodynamics-corrected] , once haemodynamics are corrected
       *[none] { "" }
    } ({ $status ->
        [past] over
        [current] current
       *[future] ahead
    })
schedule-range = { $from }…{ $to }
schedule-open = open-ended, at least { $days } days

## Evidence cards

tbi-mg-claim-title = Magnesium in traumatic brain injury: contradicted claim
tbi-mg-claim = Traumatic brain injury ({ $code }). The source review holds that magnesium-containing drugs improve the condition from day 1; a randomised trial of magnesium sulfate after traumatic brain injury found no benefit (Temkin 2007). This is not advice.
aspirin-mg-claim-title = Magnesium and aspirin: unverified claim
aspirin-mg-claim = { $drug } is taken. The source review claims that magnesium potentiates the antiplatelet effect of aspirin and allows a lower aspirin dose; it cites a textbook only. The claim is no reason to change the aspirin dose.
pain-mg-adjunct-title = Magnesium for nerve pain: equivocal evidence
pain-mg-adjunct = { $conditions }: the source article suggests magnesium as an adjunct. The evidence is equivocal: one small open-label trial in fibromyalgia (Bagis 2013), a systematic review in neuropathic pain (Park 2020), and animal data only for sciatica. The only trial dose is magnesium citrate 300 mg a day, with or without amitriptyline 10 mg; if it is considered, its uncertain benefit is worth discussing with the patient.
condition-fibromyalgia = fibromyalgia ({ $code })
condition-sciatica = sciatica ({ $code })
condition-neuropathic-pain = neuropathic pain ({ $code })

## Evidence map

evidence-heading = Evidence map: the source documents' claims and what stronger evidence says
evidence-claim = Claim
evidence-verdict = Verdict
evidence-sources = Sources
evidence-codes = Shown with
evidence-none = no source found

## Errors of the command line (the detail after "field ...:" comes from the FHIR reader)

cli-error-at = --at: '{ $value }' is not an RFC 3339 instant such as 2025-03-10T11:00:00Z ({ $reason })
cli-error-cannot-read = { $file }: cannot read: { $reason }
cli-error-not-utf8 = not UTF-8 text: invalid byte at offset { $offset }
cli-error-entry = entry { $entry } ({ $resource }), field { $field }: { $message }
cli-error-document = field { $field }: { $message }
cli-error-line = { $file }: line { $line }: { $message }
cli-error-ndjson = { $file }: { $failed } of { $total } { $total ->
        [one] line was
       *[other] lines were
    } bad input (see the error objects in the output; first: { $first })

## Input descriptions in the text output

label-given = given
label-entry = entry
derived-egfr = CKD-EPI 2021 (race-free) from creatinine, age and sex
derived-elemental-mg = elemental magnesium a day from the dosage

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
unit-ml-min-1-73-m2 = mL/min/1.73 m²
unit-ml-min = mL/min
unit-percent = %
unit-score = points
unit-d = days
unit-h = hours
unit-a = years
unit-1 = (fraction)
unit-mg = mg
unit-mg-d = mg/day
unit-per-d = per day
input-serum-magnesium = serum magnesium
input-ionized-magnesium = ionised magnesium
input-vitamin-b12 = vitamin B12
input-holotranscobalamin = holotranscobalamin
input-methylmalonic-acid = methylmalonic acid
input-homocysteine = homocysteine
input-cortisol = cortisol
input-dopamine = plasma dopamine
input-creatinine = creatinine
input-egfr = eGFR
input-hba1c = HbA1c
input-bdi-total = BDI total score
input-spasm-frequency = spasm frequency
input-vas-intensity = pain intensity (VAS)
input-condition = diagnosis
input-medication = medication
input-age = age
route-iv = intravenous
route-oral = oral
cli-error-tz = --tz: '{ $value }' is not an IANA time zone name such as Asia/Tashkent or Europe/Rome
report-ndjson-line = { $file }, line { $line }
