//! The engine's thresholds: defaults from `data/thresholds.toml`, overridable by a
//! deployment's configuration file.

use crate::KnowledgeError;
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// One threshold with its unit and where it comes from.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// The value in force.
    pub value: f64,
    /// Its UCUM unit.
    pub unit: String,
    /// The catalogue source, when there is one.
    #[serde(default)]
    pub source: Option<String>,
    /// Provenance when there is no primary source.
    #[serde(default)]
    pub note: Option<String>,
    /// Whether the deployment's configuration changed the default.
    #[serde(default)]
    pub overridden: bool,
}

macro_rules! thresholds {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Every threshold the rules use, by name.
        #[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct Thresholds {
            $($(#[$doc])* pub $name: Threshold,)*
        }

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Overrides {
            $($name: Option<Spanned<f64>>,)*
        }

        impl Thresholds {
            /// Applies the `[thresholds]` table of a configuration file.
            pub(crate) fn apply_overrides(&mut self, file: &str, text: &str) -> Result<(), KnowledgeError> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Config {
                    thresholds: Option<Overrides>,
                    /// Read by [`crate::Knowledge::apply_config`].
                    #[allow(dead_code)]
                    site: Option<toml::Value>,
                    /// CDS Hooks settings, read by the server crate (`CdsConfig::from_site_file`).
                    #[allow(dead_code)]
                    cds: Option<toml::Value>,
                }
                let config: Config = toml::from_str(text).map_err(|e| KnowledgeError::from_toml(file, text, &e))?;
                let Some(overrides) = config.thresholds else { return Ok(()) };
                $(
                    if let Some(v) = overrides.$name {
                        let value = *v.get_ref();
                        if !value.is_finite() || value < 0.0 {
                            return Err(KnowledgeError::at(file, text, v.span().start, format!("threshold {} = {value} must be a finite, non-negative number", stringify!($name))));
                        }
                        self.$name.value = value;
                        self.$name.overridden = true;
                    }
                )*
                Ok(())
            }

            /// Every threshold with its name.
            pub fn all(&self) -> Vec<(&'static str, &Threshold)> {
                vec![$((stringify!($name), &self.$name),)*]
            }
        }
    };
}

thresholds! {
    /// Lower reference limit of serum magnesium, mmol/L.
    mg_lower_ref,
    /// Upper reference limit of serum magnesium, mmol/L.
    mg_upper_ref,
    /// Proposed optimal serum magnesium, mmol/L.
    mg_optimal,
    /// The seed's stroke/MI risk threshold, mmol/L (K1).
    mg_seed_risk,
    /// Severe hypomagnesaemia, mmol/L.
    mg_severe,
    /// Fraction of the lower reference limit that is the seed's critical deficit in acute stroke.
    mg_acute_stroke_fraction_of_lower_ref,
    /// Toxic serum magnesium, mmol/L.
    mg_toxic,
    /// Freshness limit of a magnesium result, days.
    mg_freshness,
    /// Freshness limit of a magnesium result in acute stroke, hours.
    mg_freshness_acute_stroke,
    /// How long after onset an ischemic stroke counts as acute, days.
    acute_stroke_window,
    /// eGFR below which oral magnesium is contraindicated.
    egfr_oral_mg_contraindicated_below,
    /// Tolerable upper intake of supplemental magnesium, age 9 and over, mg/day.
    mg_supplement_upper_limit,
    /// Age from which the prior for magnesium deficiency is raised, years.
    cvd_risk_age,
    /// Magnesium RDA, men 19–30, mg/day.
    rda_men_19_30,
    /// Magnesium RDA, men 31 and over, mg/day.
    rda_men_31_plus,
    /// Magnesium RDA, women 19–30, mg/day.
    rda_women_19_30,
    /// Magnesium RDA, women 31 and over, mg/day.
    rda_women_31_plus,
    /// B12 below this is deficient, pmol/L.
    b12_deficient_below,
    /// B12 at or below this (and not deficient) is indeterminate, pmol/L.
    b12_indeterminate_max,
    /// Methylmalonic acid above this supports metabolic B12 deficiency, µmol/L.
    mma_high_above,
    /// Homocysteine above this supports metabolic B12 deficiency, µmol/L.
    homocysteine_high_above,
    /// eGFR below which MMA and homocysteine are confounded by renal impairment.
    egfr_renal_impairment_below,
    /// Holotranscobalamin below this is deficient, pmol/L.
    holotc_deficient_below,
    /// Holotranscobalamin at or below this (and not deficient) is indeterminate, pmol/L.
    holotc_indeterminate_max,
    /// Freshness limit of a B12 result, days.
    b12_freshness,
    /// The HFS study's control mean minus 2 SD of B12, pg/mL.
    hfs_b12_below_study_controls,
    /// HFS severity model: B12 mean of the HFS group, pg/mL.
    hfs_model_b12_mean,
    /// HFS severity model: B12 SD, pg/mL.
    hfs_model_b12_sd,
    /// HFS severity model: cortisol mean, nmol/L.
    hfs_model_cortisol_mean,
    /// HFS severity model: cortisol SD, nmol/L.
    hfs_model_cortisol_sd,
    /// HFS severity model: dopamine mean in the study's unit (ng/mL as printed).
    hfs_model_dopamine_mean,
    /// HFS severity model: dopamine SD in the study's unit.
    hfs_model_dopamine_sd,
    /// HFS severity model: BDI mean.
    hfs_model_bdi_mean,
    /// HFS severity model: BDI SD.
    hfs_model_bdi_sd,
    /// HFS severity model: weight of zB12 (negative sign).
    hfs_model_weight_b12,
    /// HFS severity model: weight of zCortisol.
    hfs_model_weight_cortisol,
    /// HFS severity model: weight of zDopamine (negative sign).
    hfs_model_weight_dopamine,
    /// HFS severity model: weight of zBDI.
    hfs_model_weight_bdi,
    /// HFS severity model: predicted frequency at z = 0, episodes/day.
    hfs_model_intercept,
    /// HFS severity model: episodes/day per unit of z.
    hfs_model_slope,
    /// HFS severity model: inputs beyond mean ± this many SD are not used.
    hfs_model_z_limit,
    /// Upper reference limit of morning cortisol, nmol/L.
    cortisol_upper_ref,
    /// Plasma dopamine above this is physiologically implausible, pg/mL.
    dopamine_implausible_above,
    /// BDI-II: upper bound of "minimal".
    bdi2_minimal_max,
    /// BDI-II: upper bound of "mild".
    bdi2_mild_max,
    /// BDI-II: upper bound of "moderate".
    bdi2_moderate_max,
    /// Original BDI: upper bound of "minimal".
    bdi1_minimal_max,
    /// Original BDI: upper bound of "mild".
    bdi1_mild_max,
    /// Original BDI: upper bound of "moderate".
    bdi1_moderate_max,
    /// The seed's window for IV magnesium after stroke onset, hours.
    stroke_window_seed,
    /// Hours after stroke onset during which no oral product is suggested unless a passed
    /// swallow screen is recorded.
    swallow_screen_default,
    /// Days after onset an acute myocardial infarction counts as myocardial damage.
    mi_recent,
    /// Lower bound of the anticonvulsant serum magnesium range in obstetric MgSO4 therapy.
    mg_obstetric_range_low,
    /// Upper bound of the anticonvulsant range; above it the level is a warning.
    mg_obstetric_range_high,
    /// Obstetric serum magnesium at or above this is critical (reflexes may be absent,
    /// respiratory paralysis).
    mg_obstetric_critical,
    /// Days of PPI use from which hypomagnesaemia is reported.
    ppi_mg_min_duration,
    /// Days of PPI use from which B12 deficiency is associated.
    ppi_b12_min_duration,
    /// Days after a traumatic brain injury during which the seed's claim is shown.
    tbi_claim_window,
    /// Tolerable upper intake of supplemental magnesium, ages 1–3, mg/day.
    mg_supplement_ul_1_3,
    /// Tolerable upper intake of supplemental magnesium, ages 4–8, mg/day.
    mg_supplement_ul_4_8,
    /// Magnesium RDA, ages 1–3, mg/day.
    rda_1_3,
    /// Magnesium RDA, ages 4–8, mg/day.
    rda_4_8,
    /// Magnesium RDA, ages 9–13, mg/day.
    rda_9_13,
    /// Magnesium RDA, boys 14–18, mg/day.
    rda_boys_14_18,
    /// Magnesium RDA, girls 14–18, mg/day.
    rda_girls_14_18,
    /// Magnesium RDA in pregnancy, 14–18, mg/day.
    rda_pregnancy_14_18,
    /// Magnesium RDA in pregnancy, 19–30, mg/day.
    rda_pregnancy_19_30,
    /// Magnesium RDA in pregnancy, 31–50, mg/day.
    rda_pregnancy_31_50,
    /// Start of the morning sampling window of cortisol, local hour.
    cortisol_morning_from,
    /// End of the morning sampling window of cortisol, local hour (inclusive to the minute).
    cortisol_morning_until,
    /// How long after onset the post-stroke orotate schedule is shown, days.
    poststroke_schedule_window,
    /// Elemental magnesium in one magnesium orotate tablet, mg.
    orotate_tablet_elemental_mg,
}

impl Thresholds {
    pub(crate) fn parse(
        file: &str,
        text: &str,
        known_sources: &[&str],
    ) -> Result<Thresholds, KnowledgeError> {
        let thresholds: Thresholds =
            toml::from_str(text).map_err(|e| KnowledgeError::from_toml(file, text, &e))?;
        for (name, threshold) in thresholds.all() {
            let offset = text.find(&format!("[{name}]")).unwrap_or(0);
            match &threshold.source {
                Some(source) if !known_sources.contains(&source.as_str()) => {
                    return Err(KnowledgeError::at(
                        file,
                        text,
                        offset,
                        format!("threshold {name} cites unknown source '{source}'"),
                    ));
                }
                None if threshold.note.is_none() => {
                    return Err(KnowledgeError::at(
                        file,
                        text,
                        offset,
                        format!(
                            "threshold {name} has neither a source nor a note on its provenance"
                        ),
                    ));
                }
                _ => {}
            }
        }
        Ok(thresholds)
    }
}

#[cfg(test)]
mod cds_table_tests {
    use crate::Knowledge;

    #[test]
    fn a_cds_table_is_left_to_the_server_and_unknown_tables_are_still_refused() {
        let mut knowledge = Knowledge::builtin().unwrap();
        knowledge
            .apply_config(
                "site.toml",
                "[cds]\npublic_base_url = \"https://cds.example.org\"\n\n[[cds.issuer]]\niss = \"x\"\n",
            )
            .unwrap();
        let error = knowledge
            .apply_config("site.toml", "[cdx]\npublic_base_url = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("cdx"), "{error}");
    }
}
