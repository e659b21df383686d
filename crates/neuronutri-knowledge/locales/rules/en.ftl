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
mg-acute-stroke-critical-trigger = An ischemic stroke began within { $acute_stroke_window } and serum magnesium is below { $mg_acute_stroke_fraction_of_lower_ref } × the lower reference limit: the source review's unverified "critical deficit" (claim K2).
mg-high-trigger = Serum magnesium is above the upper reference limit: the laboratory's own, else { $mg_upper_ref }.
mg-toxic-trigger = Serum magnesium is at or above { $mg_toxic }.
mg-not-measured-trigger = Something raises the prior for magnesium deficiency (an ischemic stroke at any time or its sequelae, the CVD.MG_RISK factors, a proton pump inhibitor or a diuretic) and there is no serum magnesium result within { $mg_freshness } (after an acute ischemic stroke: within { $mg_freshness_acute_stroke }).
mg-replete-trigger = Serum magnesium is below the lower reference limit. Intravenous when it is below { $mg_severe }, oral otherwise; a route that a SAFETY code blocks moves the item to the suppressed list, and a result older than its freshness limit withholds it (DATA.STALE).
cvd-mg-risk-trigger = Hypertension, chronic cerebral ischaemia, peripheral atherosclerosis, type 2 diabetes, or age { $cvd_risk_age } or over.
athero-mg-low-trigger = Peripheral atherosclerosis and serum magnesium below the lower reference limit.
diet-mg-intake-trigger = Serum magnesium below { $mg_optimal } (or below the lower reference limit, if that is higher), or a raised prior for deficiency (CVD.MG_RISK), and magnesium not above the reference interval; suppressed by SAFETY.MG_RENAL. The recommended dietary allowance by sex and age: men 19–30 { $rda_men_19_30 }, men 31 and over { $rda_men_31_plus }, women 19–30 { $rda_women_19_30 }, women 31 and over { $rda_women_31_plus }.
mg-gi-effects-trigger = Oral magnesium is taken or recommended.
safety-mg-renal-trigger = eGFR below { $egfr_oral_mg_contraindicated_below } (reported, or computed with CKD-EPI 2021 from creatinine) or chronic kidney disease stage 4–5. Suppresses oral magnesium recommendations.
safety-mg-iv-contra-trigger = Second- or third-degree AV block, myasthenia gravis or myocardial damage (acute myocardial infarction). Suppresses intravenous magnesium recommendations.
safety-mg-orotate-contra-trigger = Magnesium orotate is taken or would be recommended, with urolithiasis, cirrhosis with ascites or age under 18 (its label's contraindications; renal impairment is SAFETY.MG_RENAL).
safety-mg-above-ul-trigger = Supplemental elemental magnesium from the active medications adds up to more than { $mg_supplement_upper_limit }.
interaction-mg-spacing-trigger = Oral magnesium is taken or recommended together with a tetracycline, a fluoroquinolone, a bisphosphonate, iron, penicillamine, levothyroxine or gabapentin, whose absorption magnesium reduces.
drug-ppi-mg-trigger = A proton pump inhibitor (ATC A02BC) is taken.
drug-diuretic-mg-trigger = A loop (C03C) or thiazide (C03A) diuretic is taken.
drug-metformin-b12-trigger = Metformin (A10BA02) is taken; the latest vitamin B12 is quoted, or measuring it is suggested when there is none within { $b12_freshness }.
drug-ppi-b12-trigger = A proton pump inhibitor is taken; the latest vitamin B12 is quoted, or measuring it is suggested when there is none within { $b12_freshness }.
data-stale-trigger = A decision used a serum magnesium result older than its freshness limit: { $mg_freshness_acute_stroke } after an acute ischemic stroke, else { $mg_freshness }.
b12-deficient-trigger = Total vitamin B12 is below { $b12_deficient_below } (compared unrounded, after unit conversion), or below the laboratory's own lower limit.
b12-indeterminate-trigger = Total vitamin B12 is from { $b12_deficient_below } up to { $b12_indeterminate_max } inclusive.
b12-metabolic-deficiency-trigger = Vitamin B12 is deficient or indeterminate and methylmalonic acid is above { $mma_high_above } or homocysteine above { $homocysteine_high_above }; renal impairment, which raises both, is named when eGFR is below { $egfr_renal_impairment_below }.
holotc-low-trigger = Holotranscobalamin below { $holotc_deficient_below } (deficient), or from { $holotc_deficient_below } up to { $holotc_indeterminate_max } inclusive (indeterminate).
b12-treat-neuro-trigger = Vitamin B12 deficiency (by total B12, metabolic markers or holotranscobalamin) with neurological involvement that B12 deficiency causes.
hfs-b12-not-measured-trigger = Hemifacial spasm and no vitamin B12 result within { $b12_freshness }.
hfs-b12-below-study-controls-trigger = Hemifacial spasm and vitamin B12 below { $hfs_b12_below_study_controls }, the seed study's control mean minus 2 SD.
hfs-severity-model-trigger = Hemifacial spasm with vitamin B12, cortisol, dopamine and BDI results: the seed study's published association, z = −{ $hfs_model_weight_b12 }·zB12 + { $hfs_model_weight_cortisol }·zCortisol − { $hfs_model_weight_dopamine }·zDopamine + { $hfs_model_weight_bdi }·zBDI, each z against the study group's mean and SD (B12 { $hfs_model_b12_mean } ± { $hfs_model_b12_sd }, cortisol { $hfs_model_cortisol_mean } ± { $hfs_model_cortisol_sd }, dopamine { $hfs_model_dopamine_mean } ± { $hfs_model_dopamine_sd }, BDI { $hfs_model_bdi_mean } ± { $hfs_model_bdi_sd }); predicted frequency { $hfs_model_intercept } + { $hfs_model_slope } × z. Not computed when an input lies beyond { $hfs_model_z_limit } SD. Research only.
hfs-cobalamin-option-trigger = Hemifacial spasm with vitamin B12 deficient or indeterminate.
cortisol-high-trigger = Morning cortisol above the upper reference limit: the laboratory's own, else { $cortisol_upper_ref }.
bdi-severity-trigger = A BDI total score: BDI-II minimal up to { $bdi2_minimal_max }, mild up to { $bdi2_mild_max }, moderate up to { $bdi2_moderate_max }, severe above; original BDI minimal up to { $bdi1_minimal_max }, mild up to { $bdi1_mild_max }, moderate up to { $bdi1_moderate_max }, severe above.
bdi-refer-trigger = Moderate or severe depression by the BDI bands (BDI.SEVERITY).
data-dopamine-implausible-trigger = Plasma dopamine above { $dopamine_implausible_above }.
stroke-time-since-onset-trigger = An ischemic stroke whose onset lies within { $acute_stroke_window }: the time since onset at the assessment instant.
stroke-mg-neuroprotection-trigger = An ischemic stroke within { $stroke_window_seed } of onset: the source review's prehospital magnesium sulfate protocol, shown with the trials that found no benefit (claim K3).
poststroke-mg-orotate-schedule-trigger = An ischemic stroke within { $poststroke_schedule_window }: the source review's and the label's magnesium orotate regimens dated from onset ({ $orotate_tablet_elemental_mg } elemental magnesium a tablet), with the daily total against { $mg_supplement_upper_limit } (claim K4).
tbi-mg-claim-trigger = Traumatic brain injury: the source review's claim that magnesium improves it from day 1, with the trial that found no benefit (claim K8).
aspirin-mg-claim-trigger = Aspirin (B01AC06) is taken: the source review's unverified claim that magnesium allows a lower aspirin dose (claim K5).
pain-mg-adjunct-trigger = Fibromyalgia, sciatica or neuropathic pain: magnesium as an adjunct, with equivocal evidence (claim K11).
