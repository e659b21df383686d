//! The code systems neuronutri reads: LOINC and local codes for observations, ICD-10 (WHO
//! and -CM, matched by prefix) for conditions, ATC (or a drug name) for medications.

use crate::units::Analyte;
use serde::Serialize;

/// The LOINC system URI.
pub const LOINC: &str = "http://loinc.org";
/// The UCUM system URI.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// The WHO ICD-10 system URI.
pub const ICD10: &str = "http://hl7.org/fhir/sid/icd-10";
/// The ICD-10-CM system URI.
pub const ICD10_CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
/// The WHO ATC system URI.
pub const ATC: &str = "http://www.whocc.no/atc";
/// The system of neuronutri's local observation codes (for analytes without a verified LOINC).
pub const LOCAL: &str = "urn:neuronutri:local";

/// Which Beck Depression Inventory a BDI total score belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BdiVersion {
    /// BDI-II (the default).
    BdiII,
    /// The original BDI.
    Original,
}

/// What an observation code means: the analyte, and for the BDI its version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ObservationKind {
    /// The analyte measured.
    pub analyte: Analyte,
    /// For a BDI score, which inventory.
    pub bdi: Option<BdiVersion>,
}

/// Maps a LOINC code to the analyte it measures.
pub fn analyte_for_loinc(code: &str) -> Option<Analyte> {
    Some(match code {
        "19123-9" | "2601-3" => Analyte::SerumMagnesium,
        "2600-5" => Analyte::IonizedMagnesium,
        "2132-9" | "14685-2" => Analyte::VitaminB12,
        "72160-5" => Analyte::Holotranscobalamin,
        "13964-2" => Analyte::MethylmalonicAcid,
        "13965-9" => Analyte::Homocysteine,
        "2143-6" | "9813-7" | "14679-5" => Analyte::Cortisol,
        "2160-0" | "14682-9" => Analyte::Creatinine,
        "98979-8" => Analyte::Egfr,
        "4548-4" => Analyte::Hba1c,
        _ => return None,
    })
}

/// Maps a local code (system [`LOCAL`]) to what it measures.
pub fn kind_for_local(code: &str) -> Option<ObservationKind> {
    let plain = |analyte| ObservationKind { analyte, bdi: None };
    Some(match code {
        "dopamine-plasma" => plain(Analyte::Dopamine),
        "bdi-ii-total" => ObservationKind {
            analyte: Analyte::BdiTotal,
            bdi: Some(BdiVersion::BdiII),
        },
        "bdi-total" => ObservationKind {
            analyte: Analyte::BdiTotal,
            bdi: Some(BdiVersion::Original),
        },
        "spasm-frequency" => plain(Analyte::SpasmFrequency),
        "vas-intensity" => plain(Analyte::VasIntensity),
        _ => return None,
    })
}

/// The condition classes the rules distinguish, with their ICD-10 prefixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionClass {
    /// I63 cerebral infarction.
    IschemicStroke,
    /// I61 intracerebral haemorrhage.
    IntracerebralHaemorrhage,
    /// G45 transient ischaemic attack.
    Tia,
    /// I67.8 / I67.9 chronic cerebral ischaemia, cerebrovascular disease.
    ChronicCerebralIschaemia,
    /// I69.3 sequelae of cerebral infarction.
    StrokeSequelae,
    /// G51.3 hemifacial spasm.
    HemifacialSpasm,
    /// M79.7 fibromyalgia.
    Fibromyalgia,
    /// M54.3 / M54.4 sciatica.
    Sciatica,
    /// M79.2 neuralgia and neuritis, unspecified (neuropathic pain).
    NeuropathicPain,
    /// E11 type 2 diabetes.
    Type2Diabetes,
    /// I10 essential hypertension.
    Hypertension,
    /// I70.2 atherosclerosis of the arteries of the extremities.
    PeripheralAtherosclerosis,
    /// I21 acute myocardial infarction.
    MyocardialInfarction,
    /// S06 intracranial injury.
    TraumaticBrainInjury,
    /// N18.4 / N18.5 chronic kidney disease stage 4–5.
    Ckd4To5,
    /// G70.0 myasthenia gravis.
    MyastheniaGravis,
    /// I44.1 / I44.2 second and third degree AV block.
    AvBlock,
    /// F32 / F33 depression.
    Depression,
    /// E83.4 disorders of magnesium metabolism.
    MagnesiumDisorder,
    /// E53.8 / D51 vitamin B12 deficiency.
    B12Deficiency,
    /// N20 urolithiasis.
    Urolithiasis,
    /// K74 fibrosis and cirrhosis of liver.
    Cirrhosis,
    /// R18 ascites.
    Ascites,
}

const CONDITION_PREFIXES: &[(&str, ConditionClass)] = &[
    ("I63", ConditionClass::IschemicStroke),
    ("I61", ConditionClass::IntracerebralHaemorrhage),
    ("G45", ConditionClass::Tia),
    ("I678", ConditionClass::ChronicCerebralIschaemia),
    ("I679", ConditionClass::ChronicCerebralIschaemia),
    ("I693", ConditionClass::StrokeSequelae),
    ("G513", ConditionClass::HemifacialSpasm),
    ("M797", ConditionClass::Fibromyalgia),
    ("M543", ConditionClass::Sciatica),
    ("M544", ConditionClass::Sciatica),
    ("M792", ConditionClass::NeuropathicPain),
    ("E11", ConditionClass::Type2Diabetes),
    ("I10", ConditionClass::Hypertension),
    ("I702", ConditionClass::PeripheralAtherosclerosis),
    ("I21", ConditionClass::MyocardialInfarction),
    ("S06", ConditionClass::TraumaticBrainInjury),
    ("N184", ConditionClass::Ckd4To5),
    ("N185", ConditionClass::Ckd4To5),
    ("G700", ConditionClass::MyastheniaGravis),
    ("I441", ConditionClass::AvBlock),
    ("I442", ConditionClass::AvBlock),
    ("F32", ConditionClass::Depression),
    ("F33", ConditionClass::Depression),
    ("E834", ConditionClass::MagnesiumDisorder),
    ("E538", ConditionClass::B12Deficiency),
    ("D51", ConditionClass::B12Deficiency),
    ("N20", ConditionClass::Urolithiasis),
    ("K74", ConditionClass::Cirrhosis),
    ("R18", ConditionClass::Ascites),
];

/// Classifies an ICD-10 (WHO or CM) code by prefix; dots and case are ignored.
pub fn condition_class(icd10: &str) -> Option<ConditionClass> {
    let code: String = icd10
        .chars()
        .filter(|c| *c != '.')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    CONDITION_PREFIXES
        .iter()
        .filter(|(prefix, _)| code.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, class)| *class)
}

/// Drug classes the rules distinguish, each an ATC prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DrugClass {
    /// B01AC06 acetylsalicylic acid.
    Aspirin,
    /// N06AA09 amitriptyline.
    Amitriptyline,
    /// J01AA tetracyclines.
    Tetracycline,
    /// J01MA fluoroquinolones.
    Fluoroquinolone,
    /// M05BA bisphosphonates.
    Bisphosphonate,
    /// H03AA01 levothyroxine.
    Levothyroxine,
    /// N03AX12 gabapentin.
    Gabapentin,
    /// B03A iron preparations.
    Iron,
    /// M01CC01 penicillamine.
    Penicillamine,
    /// A02BC proton pump inhibitors.
    ProtonPumpInhibitor,
    /// C03C high-ceiling (loop) diuretics.
    LoopDiuretic,
    /// C03A low-ceiling diuretics, thiazides.
    Thiazide,
    /// A10BA02 metformin.
    Metformin,
    /// A12CC magnesium products (oral).
    Magnesium,
    /// A12CC09 magnesium orotate.
    MagnesiumOrotate,
    /// B05XA05 magnesium sulfate for infusion.
    MagnesiumSulfateInfusion,
    /// B03BA vitamin B12.
    VitaminB12,
}

impl DrugClass {
    /// The ATC prefix of the class.
    pub fn atc_prefix(self) -> &'static str {
        match self {
            DrugClass::Aspirin => "B01AC06",
            DrugClass::Amitriptyline => "N06AA09",
            DrugClass::Tetracycline => "J01AA",
            DrugClass::Fluoroquinolone => "J01MA",
            DrugClass::Bisphosphonate => "M05BA",
            DrugClass::Levothyroxine => "H03AA01",
            DrugClass::Gabapentin => "N03AX12",
            DrugClass::Iron => "B03A",
            DrugClass::Penicillamine => "M01CC01",
            DrugClass::ProtonPumpInhibitor => "A02BC",
            DrugClass::LoopDiuretic => "C03C",
            DrugClass::Thiazide => "C03A",
            DrugClass::Metformin => "A10BA02",
            DrugClass::Magnesium => "A12CC",
            DrugClass::MagnesiumOrotate => "A12CC09",
            DrugClass::MagnesiumSulfateInfusion => "B05XA05",
            DrugClass::VitaminB12 => "B03BA",
        }
    }

    /// Every class.
    pub const ALL: [DrugClass; 17] = [
        DrugClass::Aspirin,
        DrugClass::Amitriptyline,
        DrugClass::Tetracycline,
        DrugClass::Fluoroquinolone,
        DrugClass::Bisphosphonate,
        DrugClass::Levothyroxine,
        DrugClass::Gabapentin,
        DrugClass::Iron,
        DrugClass::Penicillamine,
        DrugClass::ProtonPumpInhibitor,
        DrugClass::LoopDiuretic,
        DrugClass::Thiazide,
        DrugClass::Metformin,
        DrugClass::Magnesium,
        DrugClass::MagnesiumOrotate,
        DrugClass::MagnesiumSulfateInfusion,
        DrugClass::VitaminB12,
    ];
}

/// The classes an ATC code belongs to (a magnesium orotate is both `Magnesium` and
/// `MagnesiumOrotate`).
pub fn drug_classes(atc: &str) -> Vec<DrugClass> {
    DrugClass::ALL
        .into_iter()
        .filter(|class| atc_in_class(atc, *class))
        .collect()
}

/// Whether an ATC code lies under a class's prefix (case-insensitive, no allocation).
pub fn atc_in_class(atc: &str, class: DrugClass) -> bool {
    let (atc, prefix) = (atc.trim().as_bytes(), class.atc_prefix().as_bytes());
    atc.len() >= prefix.len() && atc[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// International non-proprietary names (English, lower case) and common brand names that map
/// to an ATC code, for medication statements that carry only a name. Codes from the WHO ATC
/// index.
const DRUG_NAMES: &[(&str, &str)] = &[
    ("acetylsalicylic acid", "B01AC06"),
    ("aspirin", "B01AC06"),
    ("amitriptyline", "N06AA09"),
    ("doxycycline", "J01AA02"),
    ("tetracycline", "J01AA07"),
    ("minocycline", "J01AA08"),
    ("ofloxacin", "J01MA01"),
    ("ciprofloxacin", "J01MA02"),
    ("levofloxacin", "J01MA12"),
    ("moxifloxacin", "J01MA14"),
    ("alendronic acid", "M05BA04"),
    ("alendronate", "M05BA04"),
    ("ibandronic acid", "M05BA06"),
    ("risedronic acid", "M05BA07"),
    ("risedronate", "M05BA07"),
    ("zoledronic acid", "M05BA08"),
    ("levothyroxine", "H03AA01"),
    ("gabapentin", "N03AX12"),
    ("ferrous sulfate", "B03AA07"),
    ("penicillamine", "M01CC01"),
    ("omeprazole", "A02BC01"),
    ("pantoprazole", "A02BC02"),
    ("lansoprazole", "A02BC03"),
    ("rabeprazole", "A02BC04"),
    ("esomeprazole", "A02BC05"),
    ("furosemide", "C03CA01"),
    ("bumetanide", "C03CA02"),
    ("torasemide", "C03CA04"),
    ("hydrochlorothiazide", "C03AA03"),
    ("metformin", "A10BA02"),
    ("magnesium orotate", "A12CC09"),
    ("magnerot", "A12CC09"),
    ("magnesium sulfate", "A12CC02"),
    ("magnesium citrate", "A12CC04"),
    ("magnesium aspartate", "A12CC05"),
    ("magnesium lactate", "A12CC06"),
    ("magnesium oxide", "A12CC10"),
    ("cyanocobalamin", "B03BA01"),
    ("hydroxocobalamin", "B03BA03"),
];

/// Finds the ATC code of a drug named in free text: the longest known name it contains.
pub fn atc_for_name(name: &str) -> Option<&'static str> {
    let name = name.to_lowercase();
    DRUG_NAMES
        .iter()
        .filter(|(known, _)| name.contains(known))
        .max_by_key(|(known, _)| known.len())
        .map(|(_, atc)| *atc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icd10_prefixes() {
        let check = |code, class| assert_eq!(condition_class(code), class, "{code}");
        check("I63.9", Some(ConditionClass::IschemicStroke));
        check("I63", Some(ConditionClass::IschemicStroke));
        check("i63.512", Some(ConditionClass::IschemicStroke));
        check("I67.8", Some(ConditionClass::ChronicCerebralIschaemia));
        check("I67.81", Some(ConditionClass::ChronicCerebralIschaemia));
        check("I67.2", None);
        check("I69.30", Some(ConditionClass::StrokeSequelae));
        check("I69.1", None);
        check("N18.4", Some(ConditionClass::Ckd4To5));
        check("N18.3", None);
        check("I44.1", Some(ConditionClass::AvBlock));
        check("I44.0", None);
        check("G70.00", Some(ConditionClass::MyastheniaGravis));
        check("E11.65", Some(ConditionClass::Type2Diabetes));
        check("I10", Some(ConditionClass::Hypertension));
        check("I70.21", Some(ConditionClass::PeripheralAtherosclerosis));
        check("G51.3", Some(ConditionClass::HemifacialSpasm));
        check("Z00.0", None);
    }

    #[test]
    fn atc_classes() {
        assert_eq!(
            drug_classes("A12CC09"),
            vec![DrugClass::Magnesium, DrugClass::MagnesiumOrotate]
        );
        assert_eq!(
            drug_classes("a02bc01"),
            vec![DrugClass::ProtonPumpInhibitor]
        );
        assert_eq!(drug_classes("C03CA01"), vec![DrugClass::LoopDiuretic]);
        assert_eq!(drug_classes("B03AA07"), vec![DrugClass::Iron]);
        assert_eq!(drug_classes("B03BA03"), vec![DrugClass::VitaminB12]);
        assert!(drug_classes("C09AA05").is_empty());
    }

    #[test]
    fn names() {
        assert_eq!(atc_for_name("Omeprazole 20 mg capsule"), Some("A02BC01"));
        assert_eq!(atc_for_name("Magnesium orotate 500 mg"), Some("A12CC09"));
        assert_eq!(atc_for_name("MAGNEROT"), Some("A12CC09"));
        assert_eq!(atc_for_name("Aspirin Cardio 100"), Some("B01AC06"));
        assert_eq!(atc_for_name("ramipril"), None);
    }
}
