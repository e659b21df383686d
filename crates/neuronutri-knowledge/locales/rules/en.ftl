# The rule catalogue in words (English), printed by `neuronutri rules` and committed as
# docs/rules.md. `<message id>-trigger` says when a code is emitted; its variables are the
# thresholds of data/thresholds.toml by key, passed as the value in force with its unit, so
# a site's --config override shows here. Every id here must exist in the other rules/*.ftl.

## Labels of `neuronutri rules`

rules-heading = Rule catalogue: every output code, when it is emitted, and the thresholds in force
rules-intro = Generated from the knowledge data (data/rules.toml, data/thresholds.toml and the message catalogues) by `neuronutri rules`; do not edit by hand. Thresholds are the values in force: the defaults, or a site's `--config` overrides, which are marked.
rules-label-kind = kind
rules-label-severity = severity
rules-label-certainty = certainty of the evidence (GRADE)
rules-label-sources = sources
rules-label-claim = seed claim
rules-label-trigger = emitted when
rules-label-thresholds = thresholds in force
rules-none = none
rules-threshold-overridden = set by the site configuration; default { $default }
rules-threshold-no-source = no primary source
rules-unused-heading = Thresholds that no trigger names
rules-sources-heading = Sources cited

## When each code is emitted (thresholds as variables)

mg-low-trigger = Serum magnesium is below the lower reference limit: the laboratory's own (Observation.referenceRange), else { $mg_lower_ref }.
mg-below-optimal-trigger = Serum magnesium is within the reference interval but below { $mg_optimal }, the level Costello et al. (2016) propose as adequate.
mg-seed-risk-threshold-trigger = Serum magnesium is below { $mg_seed_risk }, the source review's stroke and myocardial infarction risk threshold; shown beside its verdict (claim K1).
mg-severe-trigger = Serum magnesium is below { $mg_severe }.
mg-acute-stroke-critical-trigger = Evidence card: an ischemic stroke began within { $acute_stroke_window } and serum magnesium is below { $mg_acute_stroke_fraction_of_lower_ref } × the lower reference limit: the source review's unverified "critical deficit" (claim K2). Not a severity of its own: MG.LOW and MG.SEVERE carry it.
mg-high-trigger = Serum magnesium is above the upper reference limit: the laboratory's own, else { $mg_upper_ref }; active magnesium products, laxatives and antacids are named. Not during obstetric magnesium sulfate therapy (OBSTETRIC.MG_THERAPY).
mg-toxic-trigger = Serum magnesium is at or above { $mg_toxic }. Replaced by OBSTETRIC.MG_THERAPY during obstetric magnesium sulfate therapy.
mg-not-measured-trigger = Something raises the prior for magnesium deficiency (an ischemic stroke at any time or its sequelae, the CVD.MG_RISK factors, a proton pump inhibitor for { $ppi_mg_min_duration } or more, a loop or thiazide diuretic, digoxin) and there is no serum magnesium result within { $mg_freshness } (after an acute ischemic stroke: within { $mg_freshness_acute_stroke }). Not shown when MG.SEVERE_ESCALATE already asks to repeat the level.
mg-replete-trigger = Serum magnesium is below the lower reference limit. Intravenous when it is below { $mg_severe }, oral otherwise; after an ischemic stroke the oral route is named only "after a passed swallow screen" until one is recorded (the first { $swallow_screen_default } by default); a route that a SAFETY code blocks moves the item to the suppressed list, and a result older than its freshness limit withholds it (DATA.STALE).
cvd-mg-risk-trigger = Hypertension, chronic cerebral ischaemia, peripheral atherosclerosis, type 2 diabetes, or age { $cvd_risk_age } or over; not when a fresh magnesium result is at or above the lower reference limit, nor during obstetric magnesium sulfate therapy.
athero-mg-low-trigger = Peripheral atherosclerosis and serum magnesium below the lower reference limit.
diet-mg-intake-trigger = Serum magnesium below { $mg_optimal } (or below the lower reference limit, if that is higher), or a raised prior for deficiency (CVD.MG_RISK); not with magnesium above the reference interval, under 1 year of age or during obstetric magnesium sulfate therapy; suppressed by SAFETY.MG_RENAL and before a swallow screen after stroke. RDA: 1–3 years { $rda_1_3 }, 4–8 { $rda_4_8 }, 9–13 { $rda_9_13 }, boys 14–18 { $rda_boys_14_18 }, girls 14–18 { $rda_girls_14_18 }, men 19–30 { $rda_men_19_30 }, men 31 and over { $rda_men_31_plus }, women 19–30 { $rda_women_19_30 }, women 31 and over { $rda_women_31_plus }; in pregnancy 14–18 { $rda_pregnancy_14_18 }, 19–30 { $rda_pregnancy_19_30 }, 31–50 { $rda_pregnancy_31_50 }.
mg-gi-effects-trigger = An oral magnesium-containing product is taken (supplement, laxative or antacid), or MG.REPLETE suggests oral magnesium. An evidence card alone does not raise it.
safety-mg-renal-trigger = eGFR below { $egfr_oral_mg_contraindicated_below } (reported, or computed with CKD-EPI 2021 from creatinine) or chronic kidney disease stage 4–5. Suppresses oral magnesium recommendations.
safety-mg-iv-contra-trigger = Second- or third-degree AV block, or myocardial damage (an acute myocardial infarction, I21/I22, within { $mi_recent } of onset or without an onset). Suppresses intravenous magnesium recommendations.
safety-mg-orotate-contra-trigger = Magnesium orotate is taken or would be recommended, with urolithiasis, cirrhosis with ascites or age under 18 (its label's contraindications; renal impairment is SAFETY.MG_RENAL).
safety-mg-above-ul-trigger = Supplemental elemental magnesium from the active non-intravenous medications adds up to more than the upper limit for age: { $mg_supplement_ul_1_3 } at 1–3 years, { $mg_supplement_ul_4_8 } at 4–8, { $mg_supplement_upper_limit } from 9 years (and when the age is unknown). A dose in mg of a salt is salt weight, converted by the salt's elemental fraction; orotate tablets count { $orotate_tablet_elemental_mg } each.
interaction-mg-spacing-trigger = Oral magnesium is taken or recommended together with a tetracycline, a fluoroquinolone, a bisphosphonate, iron, penicillamine, levothyroxine or gabapentin, whose absorption magnesium reduces.
drug-ppi-mg-trigger = A proton pump inhibitor (ATC A02BC) taken for { $ppi_mg_min_duration } or more, or for an unknown time; with low magnesium it asks whether the PPI is still needed.
drug-diuretic-mg-trigger = A loop (C03C) or thiazide (C03A) diuretic is taken.
drug-metformin-b12-trigger = Metformin (A10BA02) is taken; the latest vitamin B12 or holotranscobalamin is quoted, or measuring it is suggested when there is none within { $b12_freshness }.
drug-ppi-b12-trigger = A proton pump inhibitor taken for { $ppi_b12_min_duration } or more (an unknown start date does not meet this: unlike the magnesium finding, this one is not shown with an unknown duration); the latest vitamin B12 or holotranscobalamin is quoted, or measuring it is suggested when there is none within { $b12_freshness }.
data-stale-trigger = A decision used a serum magnesium result older than its freshness limit ({ $mg_freshness_acute_stroke } after an acute ischemic stroke, else { $mg_freshness }), or a B12 finding rests on a result older than { $b12_freshness }.
b12-deficient-trigger = Total vitamin B12 is below { $b12_deficient_below } (compared unrounded, after unit conversion), or below the laboratory's own lower limit.
b12-indeterminate-trigger = Total vitamin B12 is from { $b12_deficient_below } up to { $b12_indeterminate_max } inclusive.
b12-metabolic-deficiency-trigger = Vitamin B12 is deficient or indeterminate and methylmalonic acid is above { $mma_high_above } or homocysteine above { $homocysteine_high_above }; renal impairment, which raises both, is named when eGFR is below { $egfr_renal_impairment_below }.
holotc-low-trigger = Holotranscobalamin below { $holotc_deficient_below } (deficient), or from { $holotc_deficient_below } up to { $holotc_indeterminate_max } inclusive (indeterminate).
b12-treat-neuro-trigger = Vitamin B12 deficiency (total B12 below { $b12_deficient_below }, holotranscobalamin below { $holotc_deficient_below }, or metabolic) with neurological involvement that B12 deficiency causes (G32.0, G60–G64, G95.8/9, H46, H47.0, F01–F03, G30–G31, R41.8, R20.2, R26, R27.0); not stroke, chronic cerebral ischaemia or hemifacial spasm. Suppressed by B12.ON_TREATMENT.
hfs-b12-not-measured-trigger = Hemifacial spasm and no vitamin B12 or holotranscobalamin result within { $b12_freshness } (an older result counts as not measured).
hfs-b12-below-study-controls-trigger = Hemifacial spasm and a vitamin B12 result within { $b12_freshness } below { $hfs_b12_below_study_controls }, the seed study's control mean minus 2 SD.
hfs-severity-model-trigger = Hemifacial spasm with vitamin B12, cortisol, dopamine and BDI results: the seed study's published association, z = −{ $hfs_model_weight_b12 }·zB12 + { $hfs_model_weight_cortisol }·zCortisol − { $hfs_model_weight_dopamine }·zDopamine + { $hfs_model_weight_bdi }·zBDI, each z against the study group's mean and SD (B12 { $hfs_model_b12_mean } ± { $hfs_model_b12_sd }, cortisol { $hfs_model_cortisol_mean } ± { $hfs_model_cortisol_sd }, dopamine { $hfs_model_dopamine_mean } ± { $hfs_model_dopamine_sd }, BDI { $hfs_model_bdi_mean } ± { $hfs_model_bdi_sd }); predicted frequency { $hfs_model_intercept } + { $hfs_model_slope } × z. Not computed when an input lies beyond { $hfs_model_z_limit } SD. Research only.
hfs-cobalamin-option-trigger = Hemifacial spasm with a vitamin B12 result within { $b12_freshness } that is deficient or indeterminate; suppressed by B12.ON_TREATMENT.
cortisol-high-trigger = Cortisol sampled in the morning ({ $cortisol_morning_from } to { $cortisol_morning_until } local time) above the upper reference limit: the laboratory's own, else { $cortisol_upper_ref }.
bdi-severity-trigger = A BDI total score: BDI-II minimal up to { $bdi2_minimal_max }, mild up to { $bdi2_mild_max }, moderate up to { $bdi2_moderate_max }, severe above (Beck 1996); original BDI minimal up to { $bdi1_minimal_max }, mild to moderate up to { $bdi1_mild_max }, moderate to severe up to { $bdi1_moderate_max }, severe above (Beck 1988).
bdi-refer-trigger = Moderate, moderate to severe or severe depression by the BDI bands (BDI.SEVERITY): ask about suicidal thoughts (BDI-II item 9) and follow the local suicide-risk pathway.
data-dopamine-implausible-trigger = Plasma dopamine above { $dopamine_implausible_above }.
stroke-time-since-onset-trigger = An ischemic stroke with an onset within { $acute_stroke_window }: the hours since onset (a date-only onset gives the date, no hours) and whether a swallow screen is recorded; the source review's { $stroke_window_seed } magnesium sulfate window is named as its contradicted claim (K3).
stroke-mg-neuroprotection-trigger = Evidence card: an ischemic stroke within { $stroke_window_seed } of a timed onset: the source review's prehospital magnesium sulfate protocol, shown with the trials that found no benefit (claim K3). Suppressed in pregnancy.
poststroke-mg-orotate-schedule-trigger = Evidence card: an active ischemic stroke within { $poststroke_schedule_window }: the source review's and the label's magnesium orotate regimens in days ({ $orotate_tablet_elemental_mg } elemental magnesium a tablet), dated only from the start of an active orotate, with the daily total against the upper limit (claim K4). Suppressed by SAFETY.MG_RENAL, SAFETY.MG_OROTATE_CONTRA, SAFETY.PREGNANCY and high magnesium; eGFR below { $egfr_renal_impairment_below } is named.
tbi-mg-claim-trigger = Traumatic brain injury with an onset within { $tbi_claim_window } (or active without an onset): the source review's claim that magnesium improves it from day 1, with the trial that found no benefit and possible harm (claim K8).
aspirin-mg-claim-trigger = Aspirin (B01AC06) is taken: the source review's unverified claim that magnesium allows a lower aspirin dose (claim K5).
pain-mg-adjunct-trigger = Fibromyalgia, sciatica or neuropathic pain: magnesium as an adjunct, with equivocal evidence (claim K11). Suppressed by SAFETY.MG_RENAL and SAFETY.PREGNANCY (it quotes an oral dose).

## Revision 2

mg-severe-escalate-trigger = Serum magnesium below { $mg_severe } and the intravenous route contraindicated or cautioned (SAFETY.MG_IV_CONTRA, SAFETY.MG_IV_CAUTION), or the result older than its freshness limit, or an acute ischemic stroke before a swallow screen.
safety-mg-iv-caution-trigger = Myasthenia gravis (G70.0): intravenous magnesium only with specialist monitoring; blocks nothing by itself.
safety-pregnancy-trigger = Pregnancy: an active condition O00–O99, Z33, Z34 or Z3A, or a pregnancy status (LOINC 82810-3) of "pregnant".
obstetric-mg-therapy-trigger = Pregnancy with pre-eclampsia or eclampsia (O11, O14, O15) and active intravenous magnesium sulfate: the level against { $mg_obstetric_range_low }–{ $mg_obstetric_range_high } (info), above { $mg_obstetric_range_high } a warning, at { $mg_obstetric_critical } or more critical.
interaction-qt-fluoroquinolone-trigger = An active fluoroquinolone (J01MA) and serum magnesium below the lower reference limit.
interaction-digoxin-mg-trigger = Active digoxin (C01AA05) and serum magnesium below the lower reference limit.
b12-treat-trigger = Vitamin B12 deficiency (total B12 below { $b12_deficient_below }, holotranscobalamin below { $holotc_deficient_below }, or metabolic) without neurological involvement that B12 deficiency causes; renal impairment (eGFR below { $egfr_renal_impairment_below }) is named when the markers alone show it. Suppressed by B12.ON_TREATMENT.
b12-on-treatment-trigger = Vitamin B12 (B03BA) is taken and a B12 result is deficient or indeterminate: the start advice is not repeated.
cortisol-not-morning-trigger = Cortisol sampled outside { $cortisol_morning_from } to { $cortisol_morning_until } local time, or with a date only.
stroke-onset-unknown-trigger = An active ischemic stroke without an onset (and no acute one with an onset).
patient-deceased-trigger = deceasedBoolean true, or deceasedDateTime at or before the assessment instant: the only output.
data-implausible-trigger = A birth date before 1900 or an age over 120 at the assessment instant.
data-ignored-trigger = Something in the bundle was read but not used: a resource type the engine does not read, a code in an unknown system, a code that maps to no class, a pending, cancelled or valueless result, an unresolved reference.
