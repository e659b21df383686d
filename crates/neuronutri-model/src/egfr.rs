//! eGFR by the CKD-EPI 2021 creatinine equation (race-free; Inker et al., NEJM 2021).
//!
//! eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 (female),
//! with Scr in mg/dL, κ = 0.7 (female) or 0.9 (male), α = −0.241 (female) or −0.302 (male).

use crate::record::Sex;
use crate::units::CREATININE_MG_PER_DL_TO_UMOL_PER_L;

/// eGFR in mL/min/1.73 m² from creatinine in µmol/L, age in years and sex; `None` when the
/// sex is neither male nor female (the equation has no other form) or the age is under 18.
pub fn ckd_epi_2021(creatinine_umol_per_l: f64, age_years: u32, sex: Sex) -> Option<f64> {
    let (kappa, alpha, sex_factor) = match sex {
        Sex::Female => (0.7, -0.241, 1.012),
        Sex::Male => (0.9, -0.302, 1.0),
        Sex::Other | Sex::Unknown => return None,
    };
    if age_years < 18 || creatinine_umol_per_l <= 0.0 {
        return None;
    }
    let scr_mg_per_dl = creatinine_umol_per_l / CREATININE_MG_PER_DL_TO_UMOL_PER_L;
    let ratio = scr_mg_per_dl / kappa;
    Some(
        142.0
            * ratio.min(1.0).powf(alpha)
            * ratio.max(1.0).powf(-1.200)
            * 0.9938f64.powi(age_years as i32)
            * sex_factor,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(creatinine_mg_per_dl: f64, age: u32, sex: Sex, want: f64) {
        let got = ckd_epi_2021(creatinine_mg_per_dl * 88.42, age, sex).unwrap();
        assert!(
            (got - want).abs() < 1e-6,
            "{creatinine_mg_per_dl} {age} {sex:?}: {got} vs {want}"
        );
    }

    #[test]
    fn reference_values() {
        // Hand-computed: 142 × (1/0.9)^−1.2 × 0.9938^60
        check(
            1.0,
            60,
            Sex::Male,
            142.0 * (1.0f64 / 0.9).powf(-1.2) * 0.9938f64.powi(60),
        );
        // Hand-computed: 142 × (0.6/0.7)^−0.241 × 0.9938^50 × 1.012
        check(
            0.6,
            50,
            Sex::Female,
            142.0 * (0.6f64 / 0.7).powf(-0.241) * 0.9938f64.powi(50) * 1.012,
        );
        // Published calculator value, NKF CKD-EPI 2021: male 60 y, Scr 1.0 → 86
        assert_eq!(ckd_epi_2021(88.42, 60, Sex::Male).unwrap().round(), 86.0);
        // female 70 y, Scr 2.0 mg/dL → 26
        assert_eq!(ckd_epi_2021(176.84, 70, Sex::Female).unwrap().round(), 26.0);
    }

    #[test]
    fn not_computable() {
        assert_eq!(ckd_epi_2021(88.0, 60, Sex::Unknown), None);
        assert_eq!(ckd_epi_2021(88.0, 12, Sex::Male), None);
    }
}
