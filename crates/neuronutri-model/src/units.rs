//! Analytes, their canonical units and the UCUM units we convert from.
//!
//! The table is the "Inputs the engine understands" table of `KNOWLEDGE.md`. Conversions use
//! the molecular weights stated there. Converted values are kept unrounded: thresholds compare
//! the unrounded value (KNOWLEDGE.md, principle 9), and rounding is for display only, with as
//! many decimals as it takes for the shown value not to contradict its classification
//! ([`display_decimals`]).

use serde::Serialize;
use std::fmt;

/// Molecular weight of magnesium, g/mol (KNOWLEDGE.md).
pub const MAGNESIUM_MOLAR_MASS: f64 = 24.305;
/// pg/mL of vitamin B12 to pmol/L (KNOWLEDGE.md: MW 1355.4, factor 0.738).
pub const B12_PG_PER_ML_TO_PMOL_PER_L: f64 = 0.738;
/// µg/dL of cortisol to nmol/L (KNOWLEDGE.md).
pub const CORTISOL_UG_PER_DL_TO_NMOL_PER_L: f64 = 27.59;
/// pg/mL of dopamine to pmol/L (KNOWLEDGE.md: MW 153.18).
pub const DOPAMINE_PG_PER_ML_TO_PMOL_PER_L: f64 = 6.53;
/// mg/dL of creatinine to µmol/L (KNOWLEDGE.md).
pub const CREATININE_MG_PER_DL_TO_UMOL_PER_L: f64 = 88.42;
/// HbA1c: IFCC (mmol/mol) = (NGSP (%) − 2.15) × 10.929.
pub const HBA1C_IFCC_SLOPE: f64 = 10.929;
/// HbA1c: the NGSP offset of the IFCC master equation.
pub const HBA1C_NGSP_OFFSET: f64 = 2.15;

/// A measured quantity the engine understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Analyte {
    /// Total magnesium in serum or plasma.
    SerumMagnesium,
    /// Ionized magnesium.
    IonizedMagnesium,
    /// Total vitamin B12 (cobalamin).
    VitaminB12,
    /// Holotranscobalamin ("active B12").
    Holotranscobalamin,
    /// Methylmalonic acid.
    MethylmalonicAcid,
    /// Total homocysteine.
    Homocysteine,
    /// Morning cortisol.
    Cortisol,
    /// Plasma dopamine.
    Dopamine,
    /// Creatinine in serum or plasma.
    Creatinine,
    /// Estimated glomerular filtration rate (CKD-EPI 2021).
    Egfr,
    /// Haemoglobin A1c.
    Hba1c,
    /// Beck Depression Inventory total score (BDI-II or original BDI).
    BdiTotal,
    /// Hemifacial spasm episodes per day.
    SpasmFrequency,
    /// Visual analogue scale of pain or spasm intensity, 0–10.
    VasIntensity,
}

/// How a unit converts into the canonical unit.
#[derive(Clone, Copy, Debug)]
enum Conversion {
    /// canonical = value × factor
    Factor(f64),
    /// HbA1c mmol/mol (IFCC) to % (NGSP).
    IfccToNgsp,
}

impl Conversion {
    fn to_canonical(self, value: f64) -> f64 {
        match self {
            Conversion::Factor(factor) => value * factor,
            Conversion::IfccToNgsp => value / HBA1C_IFCC_SLOPE + HBA1C_NGSP_OFFSET,
        }
    }

    fn canonical_to_unit(self, value: f64) -> f64 {
        match self {
            Conversion::Factor(factor) => value / factor,
            Conversion::IfccToNgsp => (value - HBA1C_NGSP_OFFSET) * HBA1C_IFCC_SLOPE,
        }
    }
}

/// A unit that cannot be used for an analyte.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("unit '{unit}' is not accepted for {analyte}; accepted: {accepted}")]
pub struct UnitError {
    /// The unit as given.
    pub unit: String,
    /// The analyte's name.
    pub analyte: &'static str,
    /// The accepted units, comma separated.
    pub accepted: String,
}

impl Analyte {
    /// Every analyte, in table order.
    pub const ALL: [Analyte; 14] = [
        Analyte::SerumMagnesium,
        Analyte::IonizedMagnesium,
        Analyte::VitaminB12,
        Analyte::Holotranscobalamin,
        Analyte::MethylmalonicAcid,
        Analyte::Homocysteine,
        Analyte::Cortisol,
        Analyte::Dopamine,
        Analyte::Creatinine,
        Analyte::Egfr,
        Analyte::Hba1c,
        Analyte::BdiTotal,
        Analyte::SpasmFrequency,
        Analyte::VasIntensity,
    ];

    /// A stable snake_case id, as used in output `inputs`.
    pub fn id(self) -> &'static str {
        match self {
            Analyte::SerumMagnesium => "serum_magnesium",
            Analyte::IonizedMagnesium => "ionized_magnesium",
            Analyte::VitaminB12 => "vitamin_b12",
            Analyte::Holotranscobalamin => "holotranscobalamin",
            Analyte::MethylmalonicAcid => "methylmalonic_acid",
            Analyte::Homocysteine => "homocysteine",
            Analyte::Cortisol => "cortisol",
            Analyte::Dopamine => "dopamine",
            Analyte::Creatinine => "creatinine",
            Analyte::Egfr => "egfr",
            Analyte::Hba1c => "hba1c",
            Analyte::BdiTotal => "bdi_total",
            Analyte::SpasmFrequency => "spasm_frequency",
            Analyte::VasIntensity => "vas_intensity",
        }
    }

    /// A readable English name, used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Analyte::SerumMagnesium => "serum magnesium",
            Analyte::IonizedMagnesium => "ionized magnesium",
            Analyte::VitaminB12 => "vitamin B12",
            Analyte::Holotranscobalamin => "holotranscobalamin",
            Analyte::MethylmalonicAcid => "methylmalonic acid",
            Analyte::Homocysteine => "homocysteine",
            Analyte::Cortisol => "cortisol",
            Analyte::Dopamine => "plasma dopamine",
            Analyte::Creatinine => "creatinine",
            Analyte::Egfr => "eGFR",
            Analyte::Hba1c => "HbA1c",
            Analyte::BdiTotal => "BDI total score",
            Analyte::SpasmFrequency => "spasm frequency",
            Analyte::VasIntensity => "VAS intensity",
        }
    }

    /// The canonical UCUM unit values are stored and compared in.
    pub fn canonical_unit(self) -> &'static str {
        self.units()[0].0
    }

    /// Accepted units with their conversion; the first is canonical.
    fn units(self) -> &'static [(&'static str, Conversion)] {
        use Conversion::Factor;
        const MG_MMOL: &[(&str, Conversion)] = &[
            ("mmol/L", Factor(1.0)),
            ("mg/dL", Factor(10.0 / MAGNESIUM_MOLAR_MASS)),
            ("meq/L", Factor(0.5)),
            ("mg/L", Factor(1.0 / MAGNESIUM_MOLAR_MASS)),
        ];
        match self {
            Analyte::SerumMagnesium => MG_MMOL,
            Analyte::IonizedMagnesium => &[("mmol/L", Factor(1.0))],
            Analyte::VitaminB12 => &[
                ("pmol/L", Factor(1.0)),
                ("pg/mL", Factor(B12_PG_PER_ML_TO_PMOL_PER_L)),
                ("ng/L", Factor(B12_PG_PER_ML_TO_PMOL_PER_L)),
            ],
            Analyte::Holotranscobalamin => &[("pmol/L", Factor(1.0))],
            Analyte::MethylmalonicAcid => &[("umol/L", Factor(1.0)), ("nmol/L", Factor(0.001))],
            Analyte::Homocysteine => &[("umol/L", Factor(1.0))],
            Analyte::Cortisol => &[
                ("nmol/L", Factor(1.0)),
                ("ug/dL", Factor(CORTISOL_UG_PER_DL_TO_NMOL_PER_L)),
            ],
            Analyte::Dopamine => &[
                ("pg/mL", Factor(1.0)),
                ("ng/mL", Factor(1000.0)),
                ("pmol/L", Factor(1.0 / DOPAMINE_PG_PER_ML_TO_PMOL_PER_L)),
                ("nmol/L", Factor(1000.0 / DOPAMINE_PG_PER_ML_TO_PMOL_PER_L)),
            ],
            Analyte::Creatinine => &[
                ("umol/L", Factor(1.0)),
                ("mg/dL", Factor(CREATININE_MG_PER_DL_TO_UMOL_PER_L)),
                ("mmol/L", Factor(1000.0)),
            ],
            // An eGFR in mL/min (not normalised to 1.73 m2) is used as given; its original
            // unit stays with the result, so the output can say so (KNOWLEDGE.md rev. 2).
            Analyte::Egfr => &[("mL/min/{1.73_m2}", Factor(1.0)), ("mL/min", Factor(1.0))],
            Analyte::Hba1c => &[("%", Factor(1.0)), ("mmol/mol", Conversion::IfccToNgsp)],
            Analyte::BdiTotal => &[("{score}", Factor(1.0))],
            Analyte::SpasmFrequency => &[("/d", Factor(1.0))],
            Analyte::VasIntensity => &[("{score}", Factor(1.0))],
        }
    }

    /// The accepted units, comma separated, for messages.
    pub fn accepted_units(self) -> String {
        self.units()
            .iter()
            .map(|(u, _)| *u)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn lookup(self, unit: &str) -> Result<Conversion, UnitError> {
        let wanted = normalize_unit(unit);
        self.units()
            .iter()
            .find(|(u, _)| u.eq_ignore_ascii_case(&wanted))
            .map(|(_, conversion)| *conversion)
            .ok_or_else(|| UnitError {
                unit: unit.to_string(),
                analyte: self.name(),
                accepted: self.accepted_units(),
            })
    }

    /// Converts `value` in `unit` into the canonical unit, without rounding.
    pub fn to_canonical(self, value: f64, unit: &str) -> Result<f64, UnitError> {
        Ok(self.lookup(unit)?.to_canonical(value))
    }

    /// Converts a canonical `value` into `unit`, without rounding.
    pub fn from_canonical(self, value: f64, unit: &str) -> Result<f64, UnitError> {
        Ok(self.lookup(unit)?.canonical_to_unit(value))
    }

    /// Decimal places a laboratory reports in the canonical unit.
    pub fn reporting_decimals(self) -> i32 {
        match self {
            Analyte::SerumMagnesium | Analyte::IonizedMagnesium => 2,
            Analyte::MethylmalonicAcid => 2,
            Analyte::Homocysteine | Analyte::Hba1c | Analyte::Dopamine => 1,
            Analyte::SpasmFrequency | Analyte::VasIntensity => 1,
            _ => 0,
        }
    }

    /// The largest value accepted as a real measurement in the canonical unit; above it the
    /// input is an error, not a finding. These are plausibility limits of data entry, not
    /// clinical thresholds.
    pub fn plausible_max(self) -> f64 {
        match self {
            Analyte::SerumMagnesium | Analyte::IonizedMagnesium => 10.0,
            Analyte::VitaminB12 => 50_000.0,
            Analyte::Holotranscobalamin => 50_000.0,
            Analyte::MethylmalonicAcid => 1_000.0,
            Analyte::Homocysteine => 1_000.0,
            Analyte::Cortisol => 20_000.0,
            Analyte::Dopamine => f64::INFINITY,
            Analyte::Creatinine => 10_000.0,
            Analyte::Egfr => 300.0,
            Analyte::Hba1c => 25.0,
            Analyte::BdiTotal => 63.0,
            Analyte::SpasmFrequency => 100_000.0,
            Analyte::VasIntensity => 10.0,
        }
    }
}

/// Compares a value with a threshold, treating values within a relative 1e-9 of each other
/// as equal, so that a unit conversion's last bit (180 ng/L × 0.738 against 132.84 pmol/L)
/// never decides a classification. Far finer than any laboratory's precision.
pub fn compare(value: f64, threshold: f64) -> std::cmp::Ordering {
    let tolerance = 1e-9 * value.abs().max(threshold.abs()).max(1e-300);
    if (value - threshold).abs() <= tolerance {
        std::cmp::Ordering::Equal
    } else if value < threshold {
        std::cmp::Ordering::Less
    } else {
        std::cmp::Ordering::Greater
    }
}

/// Rounds `value` to `decimals` places (half away from zero).
pub fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// The decimals to display `value` with: `base` (the laboratory's precision), or more when
/// rounding to `base` would put the shown value on another side of one of `thresholds` than
/// the value itself (eGFR 29.6 shown as 30 beside "below 30"; Mg 0.7488 shown as 0.75 beside
/// "below 0.75"). At most 6 decimals.
pub fn display_decimals(value: f64, base: i32, thresholds: &[f64]) -> i32 {
    let mut decimals = base.max(0);
    while decimals < 6 {
        let shown = round_to(value, decimals);
        if thresholds
            .iter()
            .all(|t| compare(shown, *t) == compare(value, *t))
        {
            break;
        }
        decimals += 1;
    }
    decimals
}

/// `value` rounded for display (see [`display_decimals`]).
pub fn display_value(value: f64, base: i32, thresholds: &[f64]) -> f64 {
    round_to(value, display_decimals(value, base, thresholds))
}

/// Maps common non-UCUM spellings onto the UCUM unit they mean.
fn normalize_unit(unit: &str) -> String {
    let unit = unit.trim().replace(['µ', 'μ'], "u");
    match unit.as_str() {
        "mEq/L" | "meq/l" | "mEq/l" => "meq/L".into(),
        "mL/min/1.73m2" | "mL/min/1.73 m2" | "ml/min/1.73m2" | "mL/min/1.73m^2"
        | "mL/min/{1.73m2}" => "mL/min/{1.73_m2}".into(),
        "score" | "points" | "{points}" | "1" => "{score}".into(),
        "/day" | "1/d" | "{episodes}/d" | "/24h" => "/d".into(),
        _ => unit,
    }
}

impl fmt::Display for Analyte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Converts both ways and checks against a hand-computed canonical value.
    fn check(analyte: Analyte, value: f64, unit: &str, canonical: f64) {
        let got = analyte.to_canonical(value, unit).unwrap();
        assert!(
            (got - canonical).abs() <= 1e-9 * canonical.abs().max(1.0),
            "{analyte} {value} {unit}: got {got}, want {canonical}"
        );
        let back = analyte.from_canonical(canonical, unit).unwrap();
        assert!(
            (back - value).abs() <= 1e-9 * value.abs().max(1.0),
            "{analyte} back to {unit}: got {back}, want {value}"
        );
    }

    #[test]
    fn magnesium() {
        check(Analyte::SerumMagnesium, 0.8, "mmol/L", 0.8);
        // 2.0 mg/dL × 10 / 24.305 = 0.822875951450319
        check(Analyte::SerumMagnesium, 2.0, "mg/dL", 0.822875951450319);
        check(Analyte::SerumMagnesium, 1.5, "meq/L", 0.75);
        check(Analyte::SerumMagnesium, 1.5, "mEq/L", 0.75);
        // 18.2 mg/L / 24.305 = 0.748817115819790
        check(Analyte::SerumMagnesium, 18.2, "mg/L", 0.748817115819790);
        check(Analyte::IonizedMagnesium, 0.55, "mmol/L", 0.55);
    }

    #[test]
    fn b12() {
        check(Analyte::VitaminB12, 300.0, "pmol/L", 300.0);
        check(Analyte::VitaminB12, 200.0, "pg/mL", 147.6);
        check(Analyte::VitaminB12, 350.0, "ng/L", 258.3);
        check(Analyte::Holotranscobalamin, 40.0, "pmol/L", 40.0);
    }

    #[test]
    fn metabolites_and_hormones() {
        check(Analyte::MethylmalonicAcid, 450.0, "nmol/L", 0.45);
        check(Analyte::MethylmalonicAcid, 0.3, "umol/L", 0.3);
        check(Analyte::MethylmalonicAcid, 0.3, "µmol/L", 0.3);
        check(Analyte::Homocysteine, 15.0, "umol/L", 15.0);
        check(Analyte::Cortisol, 10.0, "ug/dL", 275.9);
        check(Analyte::Cortisol, 500.0, "nmol/L", 500.0);
        check(Analyte::Dopamine, 82.0, "ng/mL", 82_000.0);
        check(Analyte::Dopamine, 65.3, "pmol/L", 10.0);
        // 1 nmol/L = 1000 pmol/L = 1000 / 6.53 pg/mL = 153.139356814701
        check(Analyte::Dopamine, 1.0, "nmol/L", 153.139356814701);
        check(Analyte::Dopamine, 25.0, "pg/mL", 25.0);
    }

    #[test]
    fn kidney_and_glycaemia() {
        check(Analyte::Creatinine, 1.0, "mg/dL", 88.42);
        check(Analyte::Creatinine, 2.5, "mg/dL", 221.05);
        check(Analyte::Creatinine, 90.0, "umol/L", 90.0);
        check(Analyte::Egfr, 45.0, "mL/min/{1.73_m2}", 45.0);
        check(Analyte::Egfr, 45.0, "mL/min/1.73m2", 45.0);
        // 53 mmol/mol / 10.929 + 2.15 = 7.0 % (to 4 digits: 7.0994...)
        check(Analyte::Hba1c, 53.0, "mmol/mol", 53.0 / 10.929 + 2.15);
        check(Analyte::Hba1c, 48.0, "mmol/mol", 6.541984628053802);
        check(Analyte::Hba1c, 7.0, "%", 7.0);
    }

    #[test]
    fn scores() {
        check(Analyte::BdiTotal, 18.0, "{score}", 18.0);
        check(Analyte::VasIntensity, 6.0, "{score}", 6.0);
        check(Analyte::SpasmFrequency, 27.0, "/d", 27.0);
    }

    #[test]
    fn display_never_contradicts_the_class() {
        // eGFR 29.6 beside "below 30": shown with its decimal, not as 30.
        assert_eq!(display_value(29.6, 0, &[30.0]), 29.6);
        assert_eq!(display_value(29.4, 0, &[30.0]), 29.0);
        // 1.82 mg/dL = 0.74882 mmol/L is below 0.75: shown as 0.749.
        let mg = Analyte::SerumMagnesium.to_canonical(1.82, "mg/dL").unwrap();
        assert_eq!(display_value(mg, 2, &[0.75, 0.85]), 0.749);
        // 350 ng/L = 258.3 pmol/L is the last indeterminate value: shown as 258.3, not 258.
        let b12 = Analyte::VitaminB12.to_canonical(350.0, "ng/L").unwrap();
        assert_eq!(display_value(b12, 0, &[132.84, 258.3]), 258.3);
        // 133 pmol/L is above 132.84: the integer is enough.
        assert_eq!(display_value(133.0, 0, &[132.84, 258.3]), 133.0);
        // 180 ng/L is exactly the threshold, not below it.
        let b12 = Analyte::VitaminB12.to_canonical(180.0, "ng/L").unwrap();
        assert_eq!(compare(b12, 132.84), std::cmp::Ordering::Equal);
        assert_eq!(display_value(b12, 0, &[132.84, 258.3]), 132.84);
    }

    #[test]
    fn refused_units() {
        let err = Analyte::Holotranscobalamin
            .to_canonical(40.0, "pg/mL")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unit 'pg/mL' is not accepted for holotranscobalamin; accepted: pmol/L"
        );
        assert!(Analyte::IonizedMagnesium
            .to_canonical(1.0, "mg/dL")
            .is_err());
        assert!(Analyte::SerumMagnesium.to_canonical(1.0, "g/L").is_err());
        assert!(Analyte::Homocysteine.to_canonical(1.0, "mg/L").is_err());
    }
}
