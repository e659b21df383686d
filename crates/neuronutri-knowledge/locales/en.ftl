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
claim-k1-why = Association studies exist (Amighi 2004); the 0.76 mmol/L figure is the lower reference limit Schimatschek and Rempis (2001) proposed for a German population, not a stroke or infarction risk threshold.
claim-k2 = In acute ischemic stroke the blood magnesium deficit reaches critical values, below 70–60 % of normal.
claim-k2-why = No primary source was found.
claim-k3 = 4 g of magnesium sulfate IV (20 mL of a 20 % solution) within 12 hours of stroke onset is justified and effective (FAST-MAG).
claim-k3-why = The pilot (n=20) showed feasibility only; FAST-MAG 2015 (n=1700), IMAGES 2004 (n=2589) and a 2019 meta-analysis of 7 trials found no benefit.
claim-k4 = Magnesium orotate 2 tablets 3 times a day in the first 6–8 weeks after stroke, 1 tablet 3 times a day after 2–4 weeks if haemodynamics are corrected.
claim-k4-why = No outcome trial; longer at full dose than the product label.
claim-k5 = Magnesium potentiates the antiplatelet effect of aspirin, allowing a lower aspirin dose.
claim-k5-why = Cited to a textbook only. It is no reason to lower an aspirin dose.
claim-k6 = A magnesium-rich diet lowers the risk of diabetes (RR 0.69 [0.52; 0.91]); about 30 % of diabetics are magnesium deficient.
claim-k6-why = The direction is supported (Dong 2011, RR 0.78); the quoted 0.69 [0.52; 0.91] is He 2006's figure for the metabolic syndrome, not for diabetes; the 30 % was not found.
claim-k7 = The daily magnesium requirement is 300–400 mg.
claim-k7-why = IOM 1997 recommended dietary allowances are 310–420 mg a day.
claim-k8 = Magnesium-containing drugs improve traumatic brain injury from day 1.
claim-k8-why = A randomised trial of magnesium sulfate for 5 days after moderate or severe traumatic brain injury (Temkin 2007, n=499) found no benefit and a possible harm: the lower-dose arm did worse than placebo, and mortality was higher in the higher-dose arm.
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
factor-ppi = proton pump inhibitor use for 90 days or more
factor-diuretic = diuretic use
condition-av-block = AV block grade 2–3 ({ $code })
condition-myasthenia = myasthenia gravis ({ $code })
condition-myocardial-infarction = myocardial infarction within 28 days ({ $code })
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
mg-acute-stroke-critical-title = The source review's "critical deficit" in acute stroke (unverified)
mg-acute-stroke-critical = Acute ischemic stroke with serum magnesium { $value } mmol/L, below 70 % of the lower reference limit ({ $limit } mmol/L). The source review calls a deficit below 70–60 % of normal critical in acute stroke; this threshold is the review's unverified claim. The clinical severity is that of the low (and severe) magnesium findings.
mg-high-title = High serum magnesium
mg-high = Serum magnesium { $value } mmol/L ({ $date }) is above the upper reference limit of { $upper } mmol/L.{ $taking ->
        [yes] { " " }Magnesium-containing products are active ({ $products }): consider stopping or reducing them.
       *[no] { "" }
    }
mg-toxic-title = Toxic magnesium level: consider stopping all magnesium
mg-toxic = Serum magnesium { $value } mmol/L is at or above { $threshold } mmol/L: consider stopping all magnesium. Per the magnesium sulfate label, reflexes weaken above 2 mmol/L and may be absent at 5 mmol/L, where respiratory paralysis is a hazard: consider checking the patellar reflex, respiration (at least 16/min), urine output and an ECG; an injectable calcium salt should be immediately available.
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
        [oral-after-screen] Consider correcting it with oral magnesium only after a passed swallow screen (AHA/ASA 2019); until then, intravenous magnesium if the patient is symptomatic.
       *[oral] Consider correcting it with oral magnesium; intravenous magnesium if the patient is symptomatic.
    }
cvd-mg-risk-title = Raised prior for magnesium deficiency
cvd-mg-risk = { $factors } raise the prior for magnesium deficiency (source review; associations: Amighi 2004 for atherosclerosis, Dong 2011 for diabetes).
athero-mg-low-title = Low magnesium with peripheral atherosclerosis
athero-mg-low = Peripheral atherosclerosis with serum magnesium { $value } mmol/L below the lower reference limit: in advanced atherosclerosis low serum magnesium predicted neurological events (Amighi 2004).
diet-mg-intake-title = Dietary magnesium
diet-mg-intake = { $group ->
        [pregnancy-14-18] The recommended dietary allowance in pregnancy at age 14–18 is { $rda } mg of magnesium a day (IOM 1997).
        [pregnancy-19-30] The recommended dietary allowance in pregnancy at age 19–30 is { $rda } mg of magnesium a day (IOM 1997).
        [pregnancy-31-50] The recommended dietary allowance in pregnancy at age 31–50 is { $rda } mg of magnesium a day (IOM 1997).
        [pregnancy] The recommended dietary allowance in pregnancy is 350–400 mg of magnesium a day depending on age (IOM 1997).
        [children-1-3] The recommended dietary allowance for children aged 1–3 is { $rda } mg of magnesium a day (IOM 1997).
        [children-4-8] The recommended dietary allowance for children aged 4–8 is { $rda } mg of magnesium a day (IOM 1997).
        [children-9-13] The recommended dietary allowance for children aged 9–13 is { $rda } mg of magnesium a day (IOM 1997).
        [boys-14-18] The recommended dietary allowance for boys aged 14–18 is { $rda } mg of magnesium a day (IOM 1997).
        [girls-14-18] The recommended dietary allowance for girls aged 14–18 is { $rda } mg of magnesium a day (IOM 1997).
        [adolescents] The recommended dietary allowance at age 14–18 is 410 mg of magnesium a day for boys and 360 mg for girls (IOM 1997).
        [men-19-30] The recommended dietary allowance for men aged 19–30 is { $rda } mg of magnesium a day (IOM 1997).
        [men-31] The recommended dietary allowance for men aged 31 and over is { $rda } mg of magnesium a day (IOM 1997).
        [women-19-30] The recommended dietary allowance for women aged 19–30 is { $rda } mg of magnesium a day (IOM 1997).
        [women-31] The recommended dietary allowance for women aged 31 and over is { $rda } mg of magnesium a day (IOM 1997).
       *[adults] The recommended dietary allowance for adults is { $men_low }–{ $men_high } mg of magnesium a day for men and { $women_low }–{ $women_high } mg for women (IOM 1997).
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
safety-mg-iv-contra = { $conditions }: intravenous magnesium sulfate is contraindicated (label: heart block, myocardial damage).
safety-mg-orotate-contra-title = Magnesium orotate contraindicated
safety-mg-orotate-contra = { $conditions }: magnesium orotate is contraindicated by its label (renal dysfunction, urolithiasis, cirrhosis with ascites, age under 18).
safety-mg-above-ul-title = Supplemental magnesium above the upper limit
safety-mg-above-ul = Supplemental elemental magnesium from current medications is { $total } mg a day ({ $drugs }), above the tolerable upper intake level of { $ul } mg a day from supplements { $known ->
        [yes] at age { $age } (IOM 1997).
       *[no] (IOM 1997; age unknown, the limit from age 9 is used).
    } Consider reducing the dose.
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
drug-ppi-mg = { $drug }: proton pump inhibitor use can cause hypomagnesaemia, reported after 3 months and mostly after a year of use (FDA 2011){ $known ->
        [yes] ; taken for { $days } { $days ->
            [one] day
           *[other] days
        }.
       *[no] ; the duration of use is unknown.
    } { $magnesium ->
        [low] With serum magnesium { $value } mmol/L below the lower reference limit, consider whether the proton pump inhibitor is still needed: in about a quarter of the FDA's cases hypomagnesaemia resolved only after it was stopped.
        [measured] Serum magnesium was measured within the last year ({ $value } mmol/L).
       *[absent] Consider measuring serum magnesium.
    }
drug-diuretic-mg-title = Diuretic: hypomagnesaemia risk
drug-diuretic-mg = { $drug } ({ $class ->
        [loop] loop diuretic
       *[thiazide] thiazide diuretic
    }): urinary magnesium loss, risk of hypomagnesaemia (product labels).{ $measured ->
        [yes] { "" }
       *[no] { " " }Consider measuring serum magnesium.
    }
drug-metformin-b12-title = Metformin: vitamin B12 malabsorption
drug-metformin-b12 = { $drug }: metformin can reduce vitamin B12 absorption. { $measured ->
        [yes] Latest { $analyte ->
            [holotc] holotranscobalamin
           *[b12] vitamin B12
        }: { $b12 } pmol/L ({ $date }).
       *[no] No vitamin B12 or holotranscobalamin result within 365 days: consider measuring vitamin B12.
    }
drug-ppi-b12-title = Proton pump inhibitor: vitamin B12 malabsorption
drug-ppi-b12 = { $drug }: proton pump inhibitor use for 2 years or more is associated with vitamin B12 deficiency (Lam 2013){ $known ->
        [yes] ; taken for { $days } { $days ->
            [one] day
           *[other] days
        }.
       *[no] ; the duration of use is unknown.
    } { $measured ->
        [yes] Latest { $analyte ->
            [holotc] holotranscobalamin
           *[b12] vitamin B12
        }: { $b12 } pmol/L ({ $date }).
       *[no] No vitamin B12 or holotranscobalamin result within 365 days: consider measuring vitamin B12.
    }
data-stale-title = Result older than its freshness limit
data-stale = { $analyte ->
        [b12] The vitamin B12 result ({ $date }) is { $age } { $age ->
            [one] day
           *[other] days
        } old, beyond the { $limit }-day limit; the B12 findings rest on an old result: consider repeating it.
       *[magnesium] { $acute ->
            [yes] The serum magnesium result used ({ $date }) is { $age } { $age ->
                [one] hour
               *[other] hours
            } old, beyond the { $limit }-hour limit for decisions in acute stroke; consider repeating it.
           *[no] The serum magnesium result used ({ $date }) is { $age } { $age ->
                [one] day
               *[other] days
            } old, beyond the { $limit }-day limit; consider repeating it.
        }
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
b12-treat-neuro-title = Vitamin B12 deficiency with neurological involvement: consider urgent treatment
b12-treat-neuro = Vitamin B12 deficiency ({ $basis }) with neurological involvement that B12 deficiency causes ({ $conditions }). Consider urgent treatment: hydroxocobalamin 1 mg IM on alternate days until there is no further improvement, then 1 mg every 2 months (BNF), and specialist advice; consider withholding folic acid alone until B12 is replete (BSH 2014). Oral B12 is not offered here: its evidence is serum levels only (Cochrane 2018).{ $renal ->
        [yes] { " " }The metabolic markers alone rise in renal impairment, which may explain them.
       *[no] { "" }
    }
b12-basis-total = total B12 { $value } pmol/L
b12-basis-metabolic = metabolic markers
b12-basis-holotc = holotranscobalamin { $value } pmol/L

## Hemifacial spasm (research grade)

hfs-b12-not-measured-title = Hemifacial spasm: vitamin B12 not measured
hfs-b12-not-measured = Hemifacial spasm ({ $code }) and no vitamin B12 result within 365 days{ $old ->
        [yes] { " " }(the latest, { $date }, is older and counts as not measured).
       *[no] .
    } One cross-sectional study reported lower vitamin B12 in hemifacial spasm (unverified); consider measuring vitamin B12.
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
        [mild-moderate] mild to moderate
        [moderate] moderate
        [moderate-severe] moderate to severe
       *[severe] severe
    } depression ({ $version ->
        [original] Beck 1988
       *[bdi2] Beck 1996
    }).
bdi-refer-title = Consider an assessment for depression
bdi-refer = { $band ->
        [moderate] Moderate
        [moderate-severe] Moderate to severe
       *[severe] Severe
    } depression by the BDI (total { $score }): consider a clinical assessment, asking about suicidal thoughts (BDI-II item 9) and the local suicide-risk pathway.
data-dopamine-implausible-title = Implausible plasma dopamine
data-dopamine-implausible = Plasma dopamine { $value } pg/mL (given as { $original }) is physiologically implausible: normal plasma dopamine is below 30 pg/mL. Consider checking the unit; the seed study's dopamine values have the same problem.

## Stroke

stroke-time-since-onset-title = Time since stroke onset
stroke-time-since-onset = { $dateonly ->
        [yes] Ischemic stroke onset on { $onset } (a date without a time: { $days } { $days ->
            [one] day
           *[other] days
        } ago; hours are not computed).
        [minutes] Ischemic stroke onset { $onset }: { $minutes } min before this assessment.
       *[no] Ischemic stroke onset { $onset }: { $hours } { $hours ->
            [one] hour
           *[other] hours
        } before this assessment.
    } { $before ->
        [yes] { $screen ->
            [failed] The latest swallow screen failed: consider no food, fluids or oral medication by mouth; no oral product is suggested (AHA/ASA 2019).
           *[none] No passed swallow screen is recorded: no oral product is suggested before one (AHA/ASA 2019; this product assumes the first { $screenhours } hours).
        }
       *[no] { $screen ->
            [passed] A passed swallow screen is recorded.
           *[none] No swallow screen is recorded; the first { $screenhours } hours after onset have passed.
        }
    } The source review's claim that 4 g of magnesium sulfate IV within { $seedhours } hours of onset is effective is contradicted by randomised trials.
stroke-mg-neuroprotection-title = Magnesium sulfate as neuroprotection: not recommended
stroke-mg-neuroprotection = { $under ->
        [yes] { $minutes } min after onset.
       *[no] { $hours } { $hours ->
            [one] hour
           *[other] hours
        } after onset.
    } The source review proposes 4 g of magnesium sulfate IV (20 mL of a 20 % solution) within 12 hours, prehospital. Randomised trials found no benefit (FAST-MAG 2015, n=1700, within 2 hours; IMAGES 2004, n=2589, within 12 hours; a 2019 meta-analysis of 7 trials): magnesium sulfate is not recommended as neuroprotection outside a trial. Correcting a measured magnesium deficiency is a separate matter (MG.REPLETE).
poststroke-mg-orotate-schedule-title = Magnesium orotate after stroke: the source review's and the label's regimens (evidence card)
poststroke-mg-orotate-schedule = Ischemic stroke within the last 8 weeks. Two regimens of magnesium orotate 500 mg tablets (32.8 mg elemental magnesium each), side by side: the source review's (unverified: no outcome trial, longer at full dose than the label) and the product label's. This is evidence, not a prescription. At most { $max } mg elemental magnesium a day, { $above ->
        [yes] above
       *[no] below
    } the supplemental upper limit of { $ul } mg.{ $renal ->
        [yes] { " " }eGFR is 30–59: the label contraindicates magnesium orotate in "renal dysfunction" without a threshold.
       *[no] { "" }
    }{ $beyond ->
        [yes] { " " }Magnesium orotate is taken (since { $start }) at 2 tablets 3 times a day beyond the label's { $loading }-day loading phase: consider the label's maintenance dose.
       *[no] { "" }
    }
schedule-regimen-seed = Source review (unverified)
schedule-regimen-label = Product label
schedule-phase = { $regimen }, { $dated ->
        [yes] from { $start } until { $end }
       *[no] days { $start } to { $end } of the regimen
    }: { $tablets } { $tablets ->
        [one] tablet
       *[other] tablets
    } { $doses } times a day = { $mg } mg elemental magnesium a day{ $condition ->
        [haemodynamics-corrected] , once haemodynamics are corrected
       *[none] { "" }
    }
schedule-range = { $from }…{ $to }
schedule-open = open-ended, at least { $days } days

## Evidence cards

tbi-mg-claim-title = Magnesium in traumatic brain injury: contradicted claim
tbi-mg-claim = Traumatic brain injury ({ $code }). The source review holds that magnesium-containing drugs improve the condition from day 1; a randomised trial of magnesium sulfate after traumatic brain injury found no benefit and a possible harm (Temkin 2007: the lower-dose arm did worse than placebo). This is not advice.
aspirin-mg-claim-title = Magnesium and aspirin: unverified claim
aspirin-mg-claim = { $drug } is taken. The source review claims that magnesium potentiates the antiplatelet effect of aspirin and allows a lower aspirin dose; it cites a textbook only. The claim is no reason to change the aspirin dose.
pain-mg-adjunct-title = Magnesium for nerve pain: equivocal evidence
pain-mg-adjunct = { $conditions }: the source article suggests magnesium as an adjunct. The evidence is equivocal: one small open-label trial in fibromyalgia (Bagis 2013), a systematic review with 3 small trials in neuropathic pain (Park 2020), and animal data only for sciatica. The only trial dose is magnesium citrate 300 mg a day, with or without amitriptyline 10 mg; if it is considered, its uncertain benefit is worth discussing with the patient.
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
input-deceased = deceased
input-birth-date = birth date
input-pregnancy-status = pregnancy status
route-iv = intravenous
route-oral = oral
cli-error-tz = --tz: '{ $value }' is not an IANA time zone name such as Asia/Tashkent or Europe/Rome
report-ndjson-line = { $file }, line { $line }

## Revision 2

factor-digoxin = digoxin
mg-dose-line = { $drug }: { $mg } mg { $reading ->
        [salt] (salt weight × its elemental fraction)
        [orotate] (32.8 mg per orotate tablet, product label)
        [ingredient] (the product's stated magnesium content)
        [mmol] (from mmol × 24.3 mg)
       *[elemental] (a magnesium product dosed as elemental magnesium)
    }
escalate-iv-contra = intravenous magnesium is contraindicated
escalate-iv-caution = intravenous magnesium needs specialist monitoring (myasthenia gravis)
escalate-stale = the result ({ $date }) is older than its freshness limit
escalate-swallow = it is acute stroke before a swallow screen
mg-severe-escalate-title = Severe hypomagnesaemia: escalate
mg-severe-escalate = Serum magnesium { $value } mmol/L is below { $threshold } mmol/L and { $reasons }. Consider repeating the level now, an ECG, checking potassium and calcium (Agus 1999) and seeking specialist advice; oral magnesium alone is not enough.
safety-mg-iv-caution-title = Intravenous magnesium: caution in myasthenia gravis
safety-mg-iv-caution = Myasthenia gravis ({ $code }): intravenous magnesium may precipitate a myasthenic crisis; consider it only with specialist monitoring (magnesium sulfate label). This is a caution, not a contraindication.
safety-pregnancy-title = Pregnancy
safety-pregnancy = The patient is pregnant: the magnesium orotate, pain-dose and magnesium sulfate neuroprotection cards are not shown; dietary intakes are those of pregnancy.{ $obstetric ->
        [yes] { " " }Magnesium sulfate is given for its obstetric indication: the obstetric protocol governs it.
       *[no] { "" }
    }
obstetric-mg-therapy-title = Obstetric magnesium sulfate therapy
obstetric-mg-therapy = Pregnancy with pre-eclampsia or eclampsia on intravenous magnesium sulfate: the obstetric protocol governs magnesium. { $band ->
        [within] Serum magnesium { $value } mmol/L ({ $date }) is within the label's anticonvulsant range of { $low }–{ $high } mmol/L.
        [below] Serum magnesium { $value } mmol/L ({ $date }) is below the label's anticonvulsant range of { $low }–{ $high } mmol/L.
        [above] Serum magnesium { $value } mmol/L ({ $date }) is above the label's anticonvulsant range of { $low }–{ $high } mmol/L: reflexes weaken above { $reflexes } mmol/L; consider reviewing the infusion with the obstetric team.
        [critical] Serum magnesium { $value } mmol/L ({ $date }) is at or above { $critical } mmol/L: reflexes may be absent and respiratory paralysis is a hazard; consider stopping the infusion and giving an injectable calcium salt, per the obstetric protocol.
       *[none] No serum magnesium result is recorded; the label's anticonvulsant range is { $low }–{ $high } mmol/L.
    } The label asks for monitoring of the patellar reflex, respiration (at least 16/min) and urine output (at least 100 mL in 4 hours), with an injectable calcium salt immediately available.
interaction-qt-fluoroquinolone-title = Fluoroquinolone with low magnesium: QT risk
interaction-qt-fluoroquinolone = { $drug } is taken and serum magnesium { $value } mmol/L is below the lower reference limit of { $lower } mmol/L: fluoroquinolones prolong the QT interval, with caution in uncorrected hypomagnesaemia (product information). Consider correcting electrolytes and an ECG.
interaction-digoxin-mg-title = Digoxin with low magnesium
interaction-digoxin-mg = { $drug } is taken and serum magnesium { $value } mmol/L is below the lower reference limit of { $lower } mmol/L: hypomagnesaemia predisposes to digoxin toxicity (digoxin label). Consider correcting magnesium and checking potassium.
b12-treat-title = Consider treating vitamin B12 deficiency
b12-treat = Vitamin B12 deficiency ({ $basis }) without neurological involvement. Consider hydroxocobalamin 1 mg IM 3 times a week for 2 weeks, then every 2–3 months (BNF), or oral cyanocobalamin 1000–2000 µg a day (similar serum B12 in a Cochrane review, low certainty). Consider looking for the cause.{ $renal ->
        [yes] { " " }The metabolic markers alone rise in renal impairment, which may explain them.
       *[no] { "" }
    }
b12-on-treatment-title = Already on vitamin B12
b12-on-treatment = Vitamin B12 is already taken ({ $drug }): treatment advice is not repeated. Consider reviewing the response clinically.
cortisol-not-morning-title = Cortisol not sampled in the morning
cortisol-not-morning = Cortisol { $value } nmol/L ({ $date }) { $known ->
        [yes] was sampled at { $time } local time, outside { $from }–{ $until }
       *[no] has no time of day
    }: it is not compared with the morning reference range.
stroke-onset-unknown-title = Stroke onset unknown
stroke-onset-unknown = Ischemic stroke ({ $code }) without a recorded onset: the time since onset is unknown, so the acute-stroke rules are not applied. { $screen ->
        [passed] A passed swallow screen is recorded.
       *[none] No passed swallow screen is recorded: oral products are suggested only after one (AHA/ASA 2019).
    }
patient-deceased-title = Patient deceased
patient-deceased = The record says the patient is deceased{ $known ->
        [yes] { " " }({ $date })
       *[no] { "" }
    }: no recommendations are made.
data-implausible-title = Implausible birth date
data-implausible = The birth date { $birth } is before 1900 or gives an age over 120: the age is treated as unknown, and no rule uses it.
data-ignored-title = Data read but not used
data-ignored = Read but not used: { $parts }.
ignored-part = { $count } { $reason ->
        [unknown_resource_type] { $count ->
            [one] resource of a type
           *[other] resources of types
        } not read ({ $types })
        [unknown_code_system] { $count ->
            [one] code
           *[other] codes
        } in an unknown system ({ $types })
        [unmapped_code] { $count ->
            [one] code
           *[other] codes
        } that { $count ->
            [one] maps
           *[other] map
        } to no class used ({ $types })
        [pending_or_valueless] { $count ->
            [one] result
           *[other] results
        } pending, cancelled or without a value ({ $types })
       *[unresolved_reference] unresolved { $count ->
            [one] reference
           *[other] references
        } ({ $types })
    }
result-old = This result ({ $date }) is older than { $limit } days.

## CDS Hooks cards (labels of the card detail, suggestions, override reasons, links)

cds-detail-certainty = Certainty (GRADE)
cds-detail-sources = Sources
cds-detail-inputs = Inputs used
cds-detail-suppressed = Not recommended because of this
cds-detail-claim = Claim { $id } (verdict: { $verdict })
cds-draft-order = Draft order
cds-remove-draft-order = Remove the draft order { $order }
cds-evidence-link = Evidence for { $code }
cds-override-already-addressed = Already addressed
cds-override-record-incorrect = The data in the record is incorrect
cds-override-clinical-judgement = Clinical judgement: benefit outweighs the risk
cds-override-not-applicable = Does not apply to this patient
