//! Elemental magnesium in magnesium salts (KNOWLEDGE.md, MG-SALTS): the fraction of a salt's
//! weight that is magnesium, computed from standard atomic weights, so that a dose written as
//! salt weight (400 mg of magnesium oxide) can be compared with an upper limit stated as
//! elemental magnesium (about 241 mg).
//!
//! The atomic weights are chemistry constants (IUPAC conventional/abridged standard atomic
//! weights), not clinical thresholds; for magnesium orotate the product information's own
//! figure (32.8 mg per 500 mg tablet, MAGNEROT-SMPC) wins over the computed one.

use serde::Serialize;

/// Standard atomic weight of magnesium, g/mol.
pub const MG: f64 = 24.305;
/// Standard atomic weight of hydrogen, g/mol.
pub const H: f64 = 1.008;
/// Standard atomic weight of carbon, g/mol.
pub const C: f64 = 12.011;
/// Standard atomic weight of nitrogen, g/mol.
pub const N: f64 = 14.007;
/// Standard atomic weight of oxygen, g/mol.
pub const O: f64 = 15.999;
/// Standard atomic weight of sulfur, g/mol.
pub const S: f64 = 32.06;
/// Standard atomic weight of chlorine, g/mol.
pub const CL: f64 = 35.45;
/// Molar mass of water, g/mol.
const WATER: f64 = 2.0 * H + O;

/// Elemental magnesium in one 500 mg magnesium orotate dihydrate tablet (MAGNEROT-SMPC).
pub const MAGNESIUM_OROTATE_TABLET_ELEMENTAL_MG: f64 = 32.8;

/// A magnesium salt whose elemental fraction is known (MG-SALTS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MagnesiumSalt {
    /// MgO.
    Oxide,
    /// Mg(OH)2.
    Hydroxide,
    /// MgCO3.
    Carbonate,
    /// Mg3(C6H5O7)2 (trimagnesium dicitrate, anhydrous).
    Citrate,
    /// MgCl2·6H2O.
    ChlorideHexahydrate,
    /// MgSO4·7H2O (the salt of the intravenous product and of Epsom salt).
    SulfateHeptahydrate,
    /// Mg(C3H5O3)2·2H2O.
    LactateDihydrate,
    /// Mg(C6H11O7)2.
    Gluconate,
    /// Mg(C2H4NO2)2.
    Bisglycinate,
    /// Mg(C5H6NO3)2.
    Pidolate,
    /// Mg(C5H3N2O4)2·2H2O.
    OrotateDihydrate,
}

impl MagnesiumSalt {
    /// Every salt.
    pub const ALL: [MagnesiumSalt; 11] = [
        MagnesiumSalt::Oxide,
        MagnesiumSalt::Hydroxide,
        MagnesiumSalt::Carbonate,
        MagnesiumSalt::Citrate,
        MagnesiumSalt::ChlorideHexahydrate,
        MagnesiumSalt::SulfateHeptahydrate,
        MagnesiumSalt::LactateDihydrate,
        MagnesiumSalt::Gluconate,
        MagnesiumSalt::Bisglycinate,
        MagnesiumSalt::Pidolate,
        MagnesiumSalt::OrotateDihydrate,
    ];

    /// Magnesium atoms and formula weight (g/mol) of the salt.
    pub fn formula(self) -> (f64, f64) {
        match self {
            MagnesiumSalt::Oxide => (1.0, MG + O),
            MagnesiumSalt::Hydroxide => (1.0, MG + 2.0 * (O + H)),
            MagnesiumSalt::Carbonate => (1.0, MG + C + 3.0 * O),
            MagnesiumSalt::Citrate => (3.0, 3.0 * MG + 2.0 * (6.0 * C + 5.0 * H + 7.0 * O)),
            MagnesiumSalt::ChlorideHexahydrate => (1.0, MG + 2.0 * CL + 6.0 * WATER),
            MagnesiumSalt::SulfateHeptahydrate => (1.0, MG + S + 4.0 * O + 7.0 * WATER),
            MagnesiumSalt::LactateDihydrate => {
                (1.0, MG + 2.0 * (3.0 * C + 5.0 * H + 3.0 * O) + 2.0 * WATER)
            }
            MagnesiumSalt::Gluconate => (1.0, MG + 2.0 * (6.0 * C + 11.0 * H + 7.0 * O)),
            MagnesiumSalt::Bisglycinate => (1.0, MG + 2.0 * (2.0 * C + 4.0 * H + N + 2.0 * O)),
            MagnesiumSalt::Pidolate => (1.0, MG + 2.0 * (5.0 * C + 6.0 * H + N + 3.0 * O)),
            MagnesiumSalt::OrotateDihydrate => (
                1.0,
                MG + 2.0 * (5.0 * C + 3.0 * H + 2.0 * N + 4.0 * O) + 2.0 * WATER,
            ),
        }
    }

    /// The fraction of the salt's weight that is elemental magnesium:
    /// 24.305 × (Mg atoms) / formula weight.
    pub fn elemental_fraction(self) -> f64 {
        let (atoms, weight) = self.formula();
        MG * atoms / weight
    }

    /// A stable snake_case id, as in JSON.
    pub fn id(self) -> &'static str {
        match self {
            MagnesiumSalt::Oxide => "oxide",
            MagnesiumSalt::Hydroxide => "hydroxide",
            MagnesiumSalt::Carbonate => "carbonate",
            MagnesiumSalt::Citrate => "citrate",
            MagnesiumSalt::ChlorideHexahydrate => "chloride_hexahydrate",
            MagnesiumSalt::SulfateHeptahydrate => "sulfate_heptahydrate",
            MagnesiumSalt::LactateDihydrate => "lactate_dihydrate",
            MagnesiumSalt::Gluconate => "gluconate",
            MagnesiumSalt::Bisglycinate => "bisglycinate",
            MagnesiumSalt::Pidolate => "pidolate",
            MagnesiumSalt::OrotateDihydrate => "orotate_dihydrate",
        }
    }
}

/// The salt of a WHO-ATC code that names a single magnesium salt.
pub fn salt_for_atc(atc: &str) -> Option<MagnesiumSalt> {
    Some(match atc.trim().to_ascii_uppercase().as_str() {
        "A02AA01" | "A06AD01" => MagnesiumSalt::Carbonate,
        "A02AA02" | "A06AD02" | "A12CC10" => MagnesiumSalt::Oxide,
        "A02AA04" => MagnesiumSalt::Hydroxide,
        "A06AD04" | "A12CC02" | "B05XA05" => MagnesiumSalt::SulfateHeptahydrate,
        "A06AD19" | "A12CC04" => MagnesiumSalt::Citrate,
        "A12CC06" => MagnesiumSalt::LactateDihydrate,
        "A12CC09" => MagnesiumSalt::OrotateDihydrate,
        _ => return None,
    })
}

/// The salt named in a medication's text, in English, Russian, Italian, Uzbek or German
/// spelling ("magnesium oxide", "оксид магния", "ossido di magnesio", "Magnesiumoxid").
pub fn salt_for_name(name: &str) -> Option<MagnesiumSalt> {
    let name = name.to_lowercase();
    const WORDS: &[(&str, MagnesiumSalt)] = &[
        ("oxid", MagnesiumSalt::Oxide),
        ("оксид", MagnesiumSalt::Oxide),
        ("ossido", MagnesiumSalt::Oxide),
        ("hydroxid", MagnesiumSalt::Hydroxide),
        ("гидроксид", MagnesiumSalt::Hydroxide),
        ("idrossido", MagnesiumSalt::Hydroxide),
        ("milk of magnesia", MagnesiumSalt::Hydroxide),
        ("carbonat", MagnesiumSalt::Carbonate),
        ("карбонат", MagnesiumSalt::Carbonate),
        ("carbonato", MagnesiumSalt::Carbonate),
        ("citrat", MagnesiumSalt::Citrate),
        ("цитрат", MagnesiumSalt::Citrate),
        ("citrato", MagnesiumSalt::Citrate),
        ("chlorid", MagnesiumSalt::ChlorideHexahydrate),
        ("хлорид", MagnesiumSalt::ChlorideHexahydrate),
        ("cloruro", MagnesiumSalt::ChlorideHexahydrate),
        ("sulfat", MagnesiumSalt::SulfateHeptahydrate),
        ("sulphat", MagnesiumSalt::SulfateHeptahydrate),
        ("сульфат", MagnesiumSalt::SulfateHeptahydrate),
        ("solfato", MagnesiumSalt::SulfateHeptahydrate),
        ("lactat", MagnesiumSalt::LactateDihydrate),
        ("лактат", MagnesiumSalt::LactateDihydrate),
        ("lattato", MagnesiumSalt::LactateDihydrate),
        ("gluconat", MagnesiumSalt::Gluconate),
        ("глюконат", MagnesiumSalt::Gluconate),
        ("gluconato", MagnesiumSalt::Gluconate),
        ("glycinat", MagnesiumSalt::Bisglycinate),
        ("глицинат", MagnesiumSalt::Bisglycinate),
        ("glicinato", MagnesiumSalt::Bisglycinate),
        ("pidolat", MagnesiumSalt::Pidolate),
        ("пидолат", MagnesiumSalt::Pidolate),
        ("pidolato", MagnesiumSalt::Pidolate),
        ("orotat", MagnesiumSalt::OrotateDihydrate),
        ("оротат", MagnesiumSalt::OrotateDihydrate),
        ("orotato", MagnesiumSalt::OrotateDihydrate),
        ("magnerot", MagnesiumSalt::OrotateDihydrate),
    ];
    let mut found = WORDS.iter().filter(|(word, _)| name.contains(word));
    let first = found.next()?.1;
    // A name with two different salts (a combination) has no single fraction.
    found.all(|(_, salt)| *salt == first).then_some(first)
}

/// Whether a medication name names magnesium itself (any of the four languages or German).
pub fn names_magnesium(name: &str) -> bool {
    let name = name.to_lowercase();
    [
        "magnesium",
        "magnesio",
        "магни",
        "magniy",
        "magnij",
        "magnesia",
    ]
    .iter()
    .any(|word| name.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fractions checked by hand from the formulae and the atomic weights above.
    #[test]
    fn elemental_fractions() {
        let check = |salt: MagnesiumSalt, weight: f64, fraction: f64| {
            let (atoms, w) = salt.formula();
            assert!(
                (w - weight).abs() < 1e-9,
                "{salt:?}: weight {w}, want {weight}"
            );
            let f = salt.elemental_fraction();
            assert!(
                (f - fraction).abs() < 5e-5,
                "{salt:?}: fraction {f}, want {fraction}"
            );
            assert!(atoms >= 1.0);
        };
        check(MagnesiumSalt::Oxide, 40.304, 0.6030);
        check(MagnesiumSalt::Hydroxide, 58.319, 0.4168);
        check(MagnesiumSalt::Carbonate, 84.313, 0.2883);
        check(MagnesiumSalt::Citrate, 451.113, 0.1616);
        check(MagnesiumSalt::ChlorideHexahydrate, 203.295, 0.1196);
        check(MagnesiumSalt::SulfateHeptahydrate, 246.466, 0.0986);
        check(MagnesiumSalt::LactateDihydrate, 238.475, 0.1019);
        check(MagnesiumSalt::Gluconate, 414.599, 0.0586);
        check(MagnesiumSalt::Bisglycinate, 172.423, 0.1410);
        check(MagnesiumSalt::Pidolate, 280.519, 0.0866);
        check(MagnesiumSalt::OrotateDihydrate, 370.513, 0.0656);
    }

    #[test]
    fn magnesium_oxide_400_mg_is_about_241_mg_elemental() {
        let mg = 400.0 * MagnesiumSalt::Oxide.elemental_fraction();
        assert!((mg - 241.22).abs() < 0.01, "{mg}");
    }

    #[test]
    fn computed_orotate_agrees_with_the_label() {
        // 500 mg × 24.305 / 370.513 = 32.80 mg: the label's 32.8 mg
        let mg = 500.0 * MagnesiumSalt::OrotateDihydrate.elemental_fraction();
        assert!(
            (mg - MAGNESIUM_OROTATE_TABLET_ELEMENTAL_MG).abs() < 0.05,
            "{mg}"
        );
    }

    #[test]
    fn salts_by_code_and_name() {
        assert_eq!(salt_for_atc("A06AD02"), Some(MagnesiumSalt::Oxide));
        assert_eq!(salt_for_atc("a02aa04"), Some(MagnesiumSalt::Hydroxide));
        assert_eq!(salt_for_atc("A12CC"), None);
        assert_eq!(
            salt_for_name("Magnesium oxide 400 mg"),
            Some(MagnesiumSalt::Oxide)
        );
        assert_eq!(salt_for_name("Магния цитрат"), Some(MagnesiumSalt::Citrate));
        assert_eq!(salt_for_name("Magnesiumoxid"), Some(MagnesiumSalt::Oxide));
        assert_eq!(salt_for_name("Magnesium 250"), None);
        assert_eq!(salt_for_name("magnesium oxide + citrate"), None);
        assert!(names_magnesium("Магний B6"));
        assert!(!names_magnesium("omeprazole"));
    }
}
