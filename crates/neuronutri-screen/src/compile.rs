//! The knowledge compiled to SQL: the unit conversions of the model's analyte table, its
//! plausibility limits and the thresholds of the knowledge base become SQL expressions, so the
//! query engine applies exactly the rules the assessment engine applies (same threshold
//! values, same unrounded comparison with the same 1e-9 relative tolerance) and there is no
//! second copy of any rule.

use neuronutri_knowledge::{Threshold, Thresholds};
use neuronutri_model::units::Analyte;
use serde::Serialize;

/// An analyte the screen reports on.
#[derive(Clone, Debug)]
pub struct Screened {
    /// The analyte.
    pub analyte: Analyte,
    /// The short key used in SQL and output (`mg`, `b12`, `holotc`).
    pub key: &'static str,
    /// Its classes.
    pub classes: Vec<Class>,
}

/// One prevalence class, with its SQL over the picked result (`v`, `lo`, `hi`: the value and
/// the result's own reference limits, canonical unit).
#[derive(Clone, Debug, Serialize)]
pub struct Class {
    /// Stable id in the output (`low`, `severe`, ...).
    pub id: &'static str,
    /// The output code of the assessment engine this class corresponds to.
    pub code: &'static str,
    /// In words, with the values in force.
    pub definition: String,
    /// The knowledge's thresholds it uses, by name.
    pub thresholds: Vec<&'static str>,
    /// The SQL boolean expression.
    #[serde(skip)]
    pub sql: String,
}

/// A float as an SQL literal that every engine reads as a double and that round-trips to the
/// same bits (`7.5e-1`, `1.3284e2`).
pub fn float(x: f64) -> String {
    format!("{x:e}")
}

/// A string as an SQL literal.
pub fn string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A column name as an SQL identifier.
pub fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `value < threshold` as `neuronutri_model::units::compare` decides it (values within a
/// relative 1e-9 are equal), for a non-negative threshold: the same floating-point operations.
pub fn lt(value: &str, threshold: &str) -> String {
    format!("(({threshold}) - ({value}) > 1e-9 * ({threshold}))")
}

/// `value > threshold` as `compare` decides it, for non-negative values.
pub fn gt(value: &str, threshold: &str) -> String {
    format!("(({value}) - ({threshold}) > 1e-9 * ({value}))")
}

/// The knowledge in force did not fit the screen (a threshold in another unit than the
/// analyte's canonical one): a defect of the build, reported rather than guessed around.
#[derive(Debug, thiserror::Error)]
#[error("threshold {name} is in {unit}, but {analyte} is compared in {canonical}")]
pub struct UnitMismatch {
    name: &'static str,
    unit: String,
    analyte: &'static str,
    canonical: &'static str,
}

fn checked(
    name: &'static str,
    t: &Threshold,
    analyte: Analyte,
) -> Result<(String, &'static str), UnitMismatch> {
    if t.unit != analyte.canonical_unit() {
        return Err(UnitMismatch {
            name,
            unit: t.unit.clone(),
            analyte: analyte.name(),
            canonical: analyte.canonical_unit(),
        });
    }
    Ok((float(t.value), name))
}

/// The analytes and classes of the screen, from the thresholds in force.
pub fn screened(t: &Thresholds) -> Result<Vec<Screened>, UnitMismatch> {
    let mg = Analyte::SerumMagnesium;
    let (lower, lower_name) = checked("mg_lower_ref", &t.mg_lower_ref, mg)?;
    let (upper, upper_name) = checked("mg_upper_ref", &t.mg_upper_ref, mg)?;
    let (optimal, optimal_name) = checked("mg_optimal", &t.mg_optimal, mg)?;
    let (severe, severe_name) = checked("mg_severe", &t.mg_severe, mg)?;
    let mg_lower = format!("COALESCE(lo, {lower})");
    let mg_upper = format!("COALESCE(hi, {upper})");
    let u = mg.canonical_unit();
    let magnesium = Screened {
        analyte: mg,
        key: "mg",
        classes: vec![
            Class {
                id: "low",
                code: "MG.LOW",
                definition: format!(
                    "Mg below the lower reference limit (the result's own, else {} {u})",
                    t.mg_lower_ref.value
                ),
                thresholds: vec![lower_name],
                sql: lt("v", &mg_lower),
            },
            Class {
                id: "severe",
                code: "MG.SEVERE",
                definition: format!("Mg below {} {u}", t.mg_severe.value),
                thresholds: vec![severe_name],
                sql: lt("v", &severe),
            },
            Class {
                id: "below_optimal",
                code: "MG.BELOW_OPTIMAL",
                definition: format!(
                    "Mg at or above the lower reference limit and below {} {u}",
                    t.mg_optimal.value
                ),
                thresholds: vec![lower_name, optimal_name],
                sql: format!("(NOT {} AND {})", lt("v", &mg_lower), lt("v", &optimal)),
            },
            Class {
                id: "high",
                code: "MG.HIGH",
                definition: format!(
                    "Mg above the upper reference limit (the result's own, else {} {u})",
                    t.mg_upper_ref.value
                ),
                thresholds: vec![upper_name],
                sql: gt("v", &mg_upper),
            },
        ],
    };
    let b12 = Analyte::VitaminB12;
    let (deficient, deficient_name) = checked("b12_deficient_below", &t.b12_deficient_below, b12)?;
    let (indeterminate, indeterminate_name) =
        checked("b12_indeterminate_max", &t.b12_indeterminate_max, b12)?;
    let b12_lower = format!("COALESCE(lo, {deficient})");
    let u = b12.canonical_unit();
    let vitamin_b12 = Screened {
        analyte: b12,
        key: "b12",
        classes: vec![
            Class {
                id: "deficient",
                code: "B12.DEFICIENT",
                definition: format!(
                    "B12 below the result's own lower limit, else below {} {u} (180 ng/L)",
                    t.b12_deficient_below.value
                ),
                thresholds: vec![deficient_name],
                sql: lt("v", &b12_lower),
            },
            Class {
                id: "indeterminate",
                code: "B12.INDETERMINATE",
                definition: format!(
                    "B12 not deficient and at or below {} {u} (350 ng/L)",
                    t.b12_indeterminate_max.value
                ),
                thresholds: vec![deficient_name, indeterminate_name],
                sql: format!(
                    "(NOT {} AND NOT {})",
                    lt("v", &b12_lower),
                    gt("v", &indeterminate)
                ),
            },
        ],
    };
    let holotc = Analyte::Holotranscobalamin;
    let (deficient, deficient_name) =
        checked("holotc_deficient_below", &t.holotc_deficient_below, holotc)?;
    let (indeterminate, indeterminate_name) = checked(
        "holotc_indeterminate_max",
        &t.holotc_indeterminate_max,
        holotc,
    )?;
    let u = holotc.canonical_unit();
    let holotranscobalamin = Screened {
        analyte: holotc,
        key: "holotc",
        classes: vec![
            Class {
                id: "deficient",
                code: "HOLOTC.LOW",
                definition: format!(
                    "holotranscobalamin below {} {u}",
                    t.holotc_deficient_below.value
                ),
                thresholds: vec![deficient_name],
                sql: lt("v", &deficient),
            },
            Class {
                id: "indeterminate",
                code: "HOLOTC.LOW",
                definition: format!(
                    "holotranscobalamin from {} to {} {u}, both inclusive",
                    t.holotc_deficient_below.value, t.holotc_indeterminate_max.value
                ),
                thresholds: vec![deficient_name, indeterminate_name],
                sql: format!(
                    "(NOT {} AND NOT {})",
                    lt("v", &deficient),
                    gt("v", &indeterminate)
                ),
            },
        ],
    };
    Ok(vec![magnesium, vitamin_b12, holotranscobalamin])
}

/// The factor that converts `unit` into the analyte's canonical unit, when the model accepts
/// the unit and the conversion is a factor (canonical = value × factor, exactly as the model
/// computes it).
pub fn unit_factor(analyte: Analyte, unit: &str) -> Option<f64> {
    let factor = analyte.to_canonical(1.0, unit).ok()?;
    // Only proportional conversions are expressible as `value * factor`; check that the
    // model's conversion is one (HbA1c's is affine, and not screened).
    let zero = analyte.to_canonical(0.0, unit).ok()?;
    let probe = 1234.5;
    let scaled = analyte.to_canonical(probe, unit).ok()?;
    (zero == 0.0 && scaled == probe * factor && factor.is_finite() && factor > 0.0)
        .then_some(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_are_the_model_s() {
        assert_eq!(unit_factor(Analyte::SerumMagnesium, "mmol/L"), Some(1.0));
        assert_eq!(
            unit_factor(Analyte::SerumMagnesium, "mg/dL"),
            Some(10.0 / 24.305)
        );
        assert_eq!(unit_factor(Analyte::SerumMagnesium, "mEq/L"), Some(0.5));
        assert_eq!(unit_factor(Analyte::VitaminB12, "pg/mL"), Some(0.738));
        assert_eq!(unit_factor(Analyte::VitaminB12, "ng/L"), Some(0.738));
        assert_eq!(unit_factor(Analyte::Holotranscobalamin, "pg/mL"), None);
        assert_eq!(unit_factor(Analyte::SerumMagnesium, "g/L"), None);
        assert_eq!(unit_factor(Analyte::Hba1c, "mmol/mol"), None);
    }

    #[test]
    fn literals_round_trip() {
        for x in [
            0.75,
            132.84,
            258.3,
            10.0 / 24.305,
            0.738,
            1.0,
            50_000.0,
            1e-9,
        ] {
            assert_eq!(float(x).parse::<f64>().unwrap(), x, "{}", float(x));
        }
        assert_eq!(string("O'Brien"), "'O''Brien'");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn classes_come_from_the_thresholds_in_force() {
        let mut k = neuronutri_knowledge::Knowledge::builtin().unwrap();
        let s = screened(&k.thresholds).unwrap();
        assert_eq!(s[0].classes[0].sql, lt("v", "COALESCE(lo, 7.5e-1)"));
        k.apply_config("site.toml", "[thresholds]\nmg_lower_ref = 0.70\n")
            .unwrap();
        let s = screened(&k.thresholds).unwrap();
        assert_eq!(s[0].classes[0].sql, lt("v", "COALESCE(lo, 7e-1)"));
        assert!(s[0].classes[0].definition.contains("0.7 mmol/L"));
    }
}
