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
        // 38483-4 is creatinine in blood (KNOWLEDGE.md revision 2: as real EHRs send it;
        // Synthea writes it in mg/dL).
        "2160-0" | "14682-9" | "38483-4" => Analyte::Creatinine,
        // eGFR by the codes real EHRs send besides CKD-EPI 2021 (KNOWLEDGE.md revision 2).
        "98979-8" | "33914-3" | "62238-1" | "48642-3" | "48643-1" | "50044-7" | "69405-9" => {
            Analyte::Egfr
        }
        "4548-4" => Analyte::Hba1c,
        _ => return None,
    })
}

/// LOINC codes the reader knows but deliberately does not read, with why: they look like an
/// analyte the rules use and are not it.
pub fn loinc_not_read(code: &str) -> Option<&'static str> {
    match code {
        "2593-2" => Some("magnesium in red blood cells, a different analyte from serum magnesium"),
        _ => None,
    }
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
    /// I21 acute myocardial infarction, I22 subsequent myocardial infarction.
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
    /// Pregnancy: ICD-10 chapter XV (O00–O99, ICD-10-CM O00–O9A), Z33, Z34, Z3A.
    Pregnancy,
    /// O11 / O14 / O15 pre-eclampsia (superimposed or not) and eclampsia; also `Pregnancy`.
    PreEclampsia,
    /// Neurological involvement that B12 deficiency causes (KNOWLEDGE.md, B12.TREAT_NEURO):
    /// G32.0 subacute combined degeneration, G60–G64 polyneuropathy, G95.8 / G95.9
    /// myelopathy, H46 / H47.0 optic neuropathy, F01–F03 / G30–G31 / R41.8 cognitive
    /// impairment or dementia, R20.2 paraesthesia, R26 / R27.0 gait disturbance or ataxia.
    B12NeurologicalInvolvement,
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
    ("I22", ConditionClass::MyocardialInfarction),
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
    // Pregnancy: the whole of chapter XV, and the Z codes of pregnant state / supervision /
    // weeks of gestation.
    ("O", ConditionClass::Pregnancy),
    ("Z33", ConditionClass::Pregnancy),
    ("Z34", ConditionClass::Pregnancy),
    ("Z3A", ConditionClass::Pregnancy),
    ("O11", ConditionClass::PreEclampsia),
    ("O14", ConditionClass::PreEclampsia),
    ("O15", ConditionClass::PreEclampsia),
    ("G320", ConditionClass::B12NeurologicalInvolvement),
    ("G60", ConditionClass::B12NeurologicalInvolvement),
    ("G61", ConditionClass::B12NeurologicalInvolvement),
    ("G62", ConditionClass::B12NeurologicalInvolvement),
    ("G63", ConditionClass::B12NeurologicalInvolvement),
    ("G64", ConditionClass::B12NeurologicalInvolvement),
    ("G958", ConditionClass::B12NeurologicalInvolvement),
    ("G959", ConditionClass::B12NeurologicalInvolvement),
    ("H46", ConditionClass::B12NeurologicalInvolvement),
    ("H470", ConditionClass::B12NeurologicalInvolvement),
    ("F01", ConditionClass::B12NeurologicalInvolvement),
    ("F02", ConditionClass::B12NeurologicalInvolvement),
    ("F03", ConditionClass::B12NeurologicalInvolvement),
    ("G30", ConditionClass::B12NeurologicalInvolvement),
    ("G31", ConditionClass::B12NeurologicalInvolvement),
    ("R418", ConditionClass::B12NeurologicalInvolvement),
    ("R202", ConditionClass::B12NeurologicalInvolvement),
    ("R26", ConditionClass::B12NeurologicalInvolvement),
    ("R270", ConditionClass::B12NeurologicalInvolvement),
];

impl ConditionClass {
    /// Every class.
    pub const ALL: [ConditionClass; 26] = [
        ConditionClass::IschemicStroke,
        ConditionClass::IntracerebralHaemorrhage,
        ConditionClass::Tia,
        ConditionClass::ChronicCerebralIschaemia,
        ConditionClass::StrokeSequelae,
        ConditionClass::HemifacialSpasm,
        ConditionClass::Fibromyalgia,
        ConditionClass::Sciatica,
        ConditionClass::NeuropathicPain,
        ConditionClass::Type2Diabetes,
        ConditionClass::Hypertension,
        ConditionClass::PeripheralAtherosclerosis,
        ConditionClass::MyocardialInfarction,
        ConditionClass::TraumaticBrainInjury,
        ConditionClass::Ckd4To5,
        ConditionClass::MyastheniaGravis,
        ConditionClass::AvBlock,
        ConditionClass::Depression,
        ConditionClass::MagnesiumDisorder,
        ConditionClass::B12Deficiency,
        ConditionClass::Urolithiasis,
        ConditionClass::Cirrhosis,
        ConditionClass::Ascites,
        ConditionClass::Pregnancy,
        ConditionClass::PreEclampsia,
        ConditionClass::B12NeurologicalInvolvement,
    ];

    /// The snake_case name, as JSON and the code map files spell it.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The class a class implies, as the ICD-10 table has it: pre-eclampsia (O14) is also a
    /// pregnancy. Used for concepts of other systems mapped to one class.
    pub fn implied(self) -> Option<ConditionClass> {
        match self {
            ConditionClass::PreEclampsia => Some(ConditionClass::Pregnancy),
            _ => None,
        }
    }

    /// The class of a snake_case name.
    pub fn named(name: &str) -> Option<ConditionClass> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Classifies an ICD-10 (WHO, CM or another national edition) code by prefix; dots, spaces
/// and case are ignored. A code can belong to more than one class: pre-eclampsia (O14) is
/// also a pregnancy. Each class appears once, in table order.
///
/// A coding may hold several codes separated by spaces, with the dagger, asterisk and
/// exclamation marks of ICD-10 multiple coding ("J21.8 B95.6", "E11.40† G63.2*",
/// "S62.32 Z33! O09.1! Z34"; FHIR, Using ICD-[X] with FHIR): each code counts.
pub fn condition_classes(icd10: &str) -> Vec<ConditionClass> {
    let mut classes = Vec::new();
    for part in icd10.split_whitespace() {
        let code: String = part
            .chars()
            .filter(|c| !matches!(c, '.' | '+' | '*' | '!' | '†'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        for (prefix, class) in CONDITION_PREFIXES {
            if code.starts_with(prefix) && !classes.contains(class) {
                classes.push(*class);
            }
        }
    }
    classes
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
    /// C01AA05 digoxin.
    Digoxin,
    /// Antacids that contain magnesium: A02AA (magnesium compounds) and A02AD (combinations
    /// and complexes of aluminium, calcium and magnesium compounds).
    MagnesiumAntacid,
    /// Osmotic laxatives that are magnesium salts: A06AD01 carbonate, A06AD02 oxide,
    /// A06AD03 peroxide, A06AD04 sulfate, A06AD19 citrate.
    MagnesiumLaxative,
}

impl DrugClass {
    /// The ATC prefixes of the class (WHO-ATC; each verified against the WHO index).
    pub fn atc_prefixes(self) -> &'static [&'static str] {
        match self {
            DrugClass::Aspirin => &["B01AC06"],
            DrugClass::Amitriptyline => &["N06AA09"],
            DrugClass::Tetracycline => &["J01AA"],
            DrugClass::Fluoroquinolone => &["J01MA"],
            DrugClass::Bisphosphonate => &["M05BA"],
            DrugClass::Levothyroxine => &["H03AA01"],
            DrugClass::Gabapentin => &["N03AX12"],
            DrugClass::Iron => &["B03A"],
            DrugClass::Penicillamine => &["M01CC01"],
            DrugClass::ProtonPumpInhibitor => &["A02BC"],
            DrugClass::LoopDiuretic => &["C03C"],
            DrugClass::Thiazide => &["C03A"],
            DrugClass::Metformin => &["A10BA02"],
            DrugClass::Magnesium => &["A12CC"],
            DrugClass::MagnesiumOrotate => &["A12CC09"],
            DrugClass::MagnesiumSulfateInfusion => &["B05XA05"],
            DrugClass::VitaminB12 => &["B03BA"],
            DrugClass::Digoxin => &["C01AA05"],
            DrugClass::MagnesiumAntacid => &["A02AA", "A02AD"],
            DrugClass::MagnesiumLaxative => {
                &["A06AD01", "A06AD02", "A06AD03", "A06AD04", "A06AD19"]
            }
        }
    }

    /// Whether products of this class contain magnesium (supplements, infusions, antacids,
    /// laxatives).
    pub fn contains_magnesium(self) -> bool {
        matches!(
            self,
            DrugClass::Magnesium
                | DrugClass::MagnesiumOrotate
                | DrugClass::MagnesiumSulfateInfusion
                | DrugClass::MagnesiumAntacid
                | DrugClass::MagnesiumLaxative
        )
    }

    /// Every class.
    pub const ALL: [DrugClass; 20] = [
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
        DrugClass::Digoxin,
        DrugClass::MagnesiumAntacid,
        DrugClass::MagnesiumLaxative,
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

/// Whether an ATC code lies under one of a class's prefixes (case-insensitive, no
/// allocation).
pub fn atc_in_class(atc: &str, class: DrugClass) -> bool {
    let atc = atc.trim().as_bytes();
    class.atc_prefixes().iter().any(|prefix| {
        let prefix = prefix.as_bytes();
        atc.len() >= prefix.len() && atc[..prefix.len()].eq_ignore_ascii_case(prefix)
    })
}

/// Finds the ATC code of a drug named in free text: the longest name of
/// `data/drug_names.toml` that occurs as a whole word, in any of its languages.
pub fn atc_for_name(name: &str) -> Option<&'static str> {
    crate::codemap::maps().drug_in_text(name).map(|m| m.atc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icd10_prefixes() {
        use ConditionClass::*;
        let check = |code, classes: &[ConditionClass]| {
            assert_eq!(condition_classes(code), classes.to_vec(), "{code}")
        };
        check("I63.9", &[IschemicStroke]);
        check("I63", &[IschemicStroke]);
        check("i63.512", &[IschemicStroke]);
        check("I67.8", &[ChronicCerebralIschaemia]);
        check("I67.81", &[ChronicCerebralIschaemia]);
        check("I67.2", &[]);
        check("I69.30", &[StrokeSequelae]);
        check("I69.1", &[]);
        check("N18.4", &[Ckd4To5]);
        check("N18.3", &[]);
        check("I44.1", &[AvBlock]);
        check("I44.0", &[]);
        check("G70.00", &[MyastheniaGravis]);
        check("E11.65", &[Type2Diabetes]);
        check("I10", &[Hypertension]);
        check("I70.21", &[PeripheralAtherosclerosis]);
        check("G51.3", &[HemifacialSpasm]);
        check("Z00.0", &[]);
        // Pregnancy and pre-eclampsia: one code, two classes.
        check("O14.1", &[Pregnancy, PreEclampsia]);
        check("O15.0", &[Pregnancy, PreEclampsia]);
        check("O11", &[Pregnancy, PreEclampsia]);
        check("O13", &[Pregnancy]);
        check("O9A.1", &[Pregnancy]);
        check("Z34.0", &[Pregnancy]);
        check("Z3A.20", &[Pregnancy]);
        check("Z35", &[]);
        // Neurological involvement that B12 deficiency causes, and what is not.
        for code in [
            "G32.0", "G63.2", "G60.9", "G62.9", "G95.9", "G95.89", "H46", "H47.01", "F03.90",
            "G30.9", "G31.84", "R41.8", "R20.2", "R26.89", "R27.0",
        ] {
            check(code, &[B12NeurologicalInvolvement]);
        }
        for code in [
            "G32.8", "G70.0", "G95.0", "H47.1", "R41.0", "R20.0", "R27.8", "F32.1",
        ] {
            assert!(
                !condition_classes(code).contains(&B12NeurologicalInvolvement),
                "{code}"
            );
        }
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
        assert_eq!(drug_classes("C01AA05"), vec![DrugClass::Digoxin]);
        assert_eq!(drug_classes("A02AA04"), vec![DrugClass::MagnesiumAntacid]);
        assert_eq!(drug_classes("A02AD01"), vec![DrugClass::MagnesiumAntacid]);
        assert_eq!(drug_classes("A06AD02"), vec![DrugClass::MagnesiumLaxative]);
        assert_eq!(drug_classes("A06AD19"), vec![DrugClass::MagnesiumLaxative]);
        // lactulose and macrogol are osmotic laxatives without magnesium
        assert!(drug_classes("A06AD11").is_empty());
        assert!(drug_classes("A06AD15").is_empty());
        assert!(DrugClass::MagnesiumLaxative.contains_magnesium());
        assert!(!DrugClass::Digoxin.contains_magnesium());
    }

    #[test]
    fn names() {
        assert_eq!(atc_for_name("Omeprazole 20 mg capsule"), Some("A02BC01"));
        assert_eq!(atc_for_name("Magnesium orotate 500 mg"), Some("A12CC09"));
        assert_eq!(atc_for_name("MAGNEROT"), Some("A12CC09"));
        assert_eq!(atc_for_name("Aspirin Cardio 100"), Some("B01AC06"));
        assert_eq!(atc_for_name("ramipril"), None);
        assert_eq!(atc_for_name("Digoxin 0.125 mg"), Some("C01AA05"));
        assert_eq!(atc_for_name("Magnesium 250"), Some("A12CC"));
        assert_eq!(
            atc_for_name("Magnesium hydroxide suspension"),
            Some("A02AA04")
        );
    }
}
