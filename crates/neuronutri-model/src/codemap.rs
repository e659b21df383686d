//! Reviewed code maps as data: SNOMED CT concepts to condition classes, RxNorm concepts and
//! US National Drug Codes to ATC codes, drug names (in the product's languages and German) to
//! ATC codes, and the code system URIs the FHIR reader recognises.
//!
//! The maps live in `data/*.toml`, each entry naming where it was verified, so that a
//! clinician or terminologist reviews data, not code. They are embedded at build time and
//! validated when first loaded: a broken file is an error naming the file and the line, and
//! a concept mapped twice, an unknown class or a malformed code fails loudly.

use crate::codes::ConditionClass;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// A code map file that cannot be used: the file, the 1-based line, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapError {
    /// The file, as named in the repository (`data/snomed_conditions.toml`).
    pub file: String,
    /// The 1-based line of the problem.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for MapError {}

/// What kind of code system a system URI names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemKind {
    /// LOINC.
    Loinc,
    /// SNOMED CT.
    Snomed,
    /// RxNorm.
    Rxnorm,
    /// ICD-10 (WHO or a national modification; matched by code prefix).
    Icd10,
    /// ATC (WHO or a national edition).
    Atc,
    /// US National Drug Code (matched by labeler and product).
    Ndc,
}

/// A SNOMED CT concept mapped to a condition class.
#[derive(Clone, Debug, PartialEq)]
pub struct SnomedConcept {
    /// The concept id.
    pub code: String,
    /// The term as the verifying source gives it.
    pub term: String,
    /// The class the rules know it by.
    pub class: ConditionClass,
    /// Where the concept was verified.
    pub verified: String,
    /// Why the mapping is as it is, where that needs saying.
    pub note: Option<String>,
}

/// The RxNorm term type of a mapped concept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermType {
    /// An ingredient (IN).
    Ingredient,
    /// A semantic clinical drug (SCD).
    ClinicalDrug,
    /// A semantic branded drug (SBD).
    BrandedDrug,
}

/// An RxNorm concept mapped to an ATC code.
#[derive(Clone, Debug, PartialEq)]
pub struct RxNormConcept {
    /// The RxCUI.
    pub rxcui: String,
    /// The term as the verifying source gives it.
    pub term: String,
    /// Ingredient, clinical drug or branded drug.
    pub tty: TermType,
    /// The ATC code (or ATC group) of the ingredient the rules care about.
    pub atc: String,
    /// Where the concept was verified.
    pub verified: String,
}

/// A US National Drug Code product mapped to an ATC code.
#[derive(Clone, Debug, PartialEq)]
pub struct NdcProduct {
    /// Labeler and product, normalised to the 5-4 form (`00603-0209`).
    pub product: String,
    /// The product as the verifying source names it.
    pub term: String,
    /// The ATC code of the ingredient the rules care about.
    pub atc: String,
    /// Where the product was verified.
    pub verified: String,
}

/// The labeler-product part of an NDC in the 11-digit 5-4 form, or None when the code cannot
/// be split without doubt: hyphenated 4-4, 5-3 or 5-4 (a package segment may follow), or 11
/// digits without hyphens; a 10-digit code without hyphens is ambiguous.
pub fn ndc_product(code: &str) -> Option<String> {
    let code = code.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (labeler, product) = if code.contains('-') {
        let mut parts = code.split('-');
        let (l, p) = (parts.next()?, parts.next()?);
        if parts.clone().count() > 1 || !parts.all(digits) {
            return None;
        }
        (l, p)
    } else if code.len() == 11 {
        (&code[..5], &code[5..9])
    } else {
        return None;
    };
    let ok = digits(labeler)
        && digits(product)
        && matches!((labeler.len(), product.len()), (4, 4) | (5, 3) | (5, 4));
    ok.then(|| format!("{labeler:0>5}-{product:0>4}"))
}

/// A drug name found in free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameMatch<'a> {
    /// The ATC code the name stands for.
    pub atc: &'a str,
    /// The name as the map spells it.
    pub name: &'a str,
    /// Its language tag (`en`, `ru`, `uz`, `uz-Cyrl`, `it`, `de`).
    pub lang: &'a str,
}

#[derive(Debug)]
struct DrugName {
    lower: String,
    name: String,
    lang: String,
    atc: String,
}

/// The loaded, validated code maps.
#[derive(Debug)]
pub struct CodeMaps {
    snomed: HashMap<String, SnomedConcept>,
    rxnorm: HashMap<String, RxNormConcept>,
    names: Vec<DrugName>,
    systems: HashMap<String, SystemKind>,
    ndc: HashMap<String, NdcProduct>,
}

/// The embedded map files, as (repository path, text).
pub const FILES: [(&str, &str); 5] = [
    (
        "crates/neuronutri-model/data/code_systems.toml",
        include_str!("../data/code_systems.toml"),
    ),
    (
        "crates/neuronutri-model/data/snomed_conditions.toml",
        include_str!("../data/snomed_conditions.toml"),
    ),
    (
        "crates/neuronutri-model/data/rxnorm.toml",
        include_str!("../data/rxnorm.toml"),
    ),
    (
        "crates/neuronutri-model/data/drug_names.toml",
        include_str!("../data/drug_names.toml"),
    ),
    (
        "crates/neuronutri-model/data/ndc.toml",
        include_str!("../data/ndc.toml"),
    ),
];

/// Languages a drug name may be tagged with.
pub const NAME_LANGUAGES: [&str; 6] = ["en", "ru", "uz", "uz-Cyrl", "it", "de"];

static BUILTIN: OnceLock<Result<CodeMaps, MapError>> = OnceLock::new();

/// The maps embedded in this build, loaded and validated once.
///
/// Fails only if an embedded file is broken, which the crate's tests rule out for a released
/// build; the command line checks it at start and reports the file and line.
pub fn builtin() -> Result<&'static CodeMaps, &'static MapError> {
    BUILTIN
        .get_or_init(|| CodeMaps::load(FILES[0], FILES[1], FILES[2], FILES[3])?.with_ndc(FILES[4]))
        .as_ref()
}

/// The embedded maps; a broken embedded file is a defect of the build, reported with its
/// file and line.
pub(crate) fn maps() -> &'static CodeMaps {
    match builtin() {
        Ok(maps) => maps,
        Err(e) => panic!("embedded code map is broken: {e}"),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> MapError {
    MapError {
        file: file.to_string(),
        line: line_of(text, e.span().map(|s| s.start).unwrap_or(0)),
        message: e.message().to_string(),
    }
}

/// The line of the `n`-th occurrence of a `[[table]]` header, for errors about an entry.
fn entry_line(text: &str, header: &str, n: usize) -> usize {
    text.match_indices(header)
        .filter(|(i, _)| *i == 0 || text.as_bytes()[i - 1] == b'\n')
        .nth(n)
        .map(|(i, _)| line_of(text, i))
        .unwrap_or(1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SystemsFile {
    system: Vec<SystemEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SystemEntry {
    uri: String,
    kind: SystemKind,
    verified: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnomedFile {
    concept: Vec<SnomedEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnomedEntry {
    code: String,
    term: String,
    class: String,
    verified: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RxNormFile {
    concept: Vec<RxNormEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RxNormEntry {
    rxcui: String,
    term: String,
    tty: TermType,
    atc: String,
    verified: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NdcFile {
    product: Vec<NdcEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NdcEntry {
    ndc: String,
    term: String,
    atc: String,
    verified: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesFile {
    drug: Vec<NameEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameEntry {
    atc: String,
    names: Vec<String>,
    verified: String,
}

/// Whether `code` has the shape of an ATC code or group: a letter, two digits, then up to
/// two letters and two digits (A, A02, A02B, A02BC, A02BC01).
pub fn is_atc_shape(code: &str) -> bool {
    let b = code.as_bytes();
    let shape: [fn(u8) -> bool; 7] = [
        |c| c.is_ascii_uppercase(),
        |c| c.is_ascii_digit(),
        |c| c.is_ascii_digit(),
        |c| c.is_ascii_uppercase(),
        |c| c.is_ascii_uppercase(),
        |c| c.is_ascii_digit(),
        |c| c.is_ascii_digit(),
    ];
    matches!(b.len(), 1 | 3 | 4 | 5 | 7) && b.iter().zip(shape).all(|(c, ok)| ok(*c))
}

fn all_digits(code: &str) -> bool {
    !code.is_empty() && code.len() <= 18 && code.bytes().all(|b| b.is_ascii_digit())
}

impl CodeMaps {
    /// Loads and validates the four map files, each given as (file name, text).
    pub fn load(
        systems: (&str, &str),
        snomed: (&str, &str),
        rxnorm: (&str, &str),
        names: (&str, &str),
    ) -> Result<CodeMaps, MapError> {
        let err = |file: &str, line, message: String| MapError {
            file: file.to_string(),
            line,
            message,
        };

        let (file, text) = systems;
        let parsed: SystemsFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        let mut system_map = HashMap::new();
        for (i, s) in parsed.system.into_iter().enumerate() {
            let line = entry_line(text, "[[system]]", i);
            if s.verified.trim().is_empty() {
                return Err(err(file, line, format!("'{}' names no source", s.uri)));
            }
            if system_map.insert(s.uri.clone(), s.kind).is_some() {
                return Err(err(file, line, format!("'{}' is listed twice", s.uri)));
            }
        }

        let (file, text) = snomed;
        let parsed: SnomedFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        let mut snomed_map = HashMap::new();
        for (i, c) in parsed.concept.into_iter().enumerate() {
            let line = entry_line(text, "[[concept]]", i);
            if !all_digits(&c.code) {
                return Err(err(
                    file,
                    line,
                    format!("'{}' is not a SNOMED CT concept id", c.code),
                ));
            }
            let class = ConditionClass::named(&c.class).ok_or_else(|| {
                err(
                    file,
                    line,
                    format!("'{}' is not a condition class the rules use", c.class),
                )
            })?;
            if c.verified.trim().is_empty() || c.term.trim().is_empty() {
                return Err(err(
                    file,
                    line,
                    format!("{} needs a term and a source", c.code),
                ));
            }
            let concept = SnomedConcept {
                code: c.code.clone(),
                term: c.term,
                class,
                verified: c.verified,
                note: c.note,
            };
            if let Some(first) = snomed_map.insert(c.code.clone(), concept) {
                return Err(err(
                    file,
                    line,
                    format!(
                        "{} is mapped twice (already to {})",
                        c.code,
                        first.class.name()
                    ),
                ));
            }
        }

        let (file, text) = rxnorm;
        let parsed: RxNormFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        let mut rxnorm_map = HashMap::new();
        for (i, c) in parsed.concept.into_iter().enumerate() {
            let line = entry_line(text, "[[concept]]", i);
            if !all_digits(&c.rxcui) {
                return Err(err(file, line, format!("'{}' is not an RxCUI", c.rxcui)));
            }
            if !is_atc_shape(&c.atc) {
                return Err(err(file, line, format!("'{}' is not an ATC code", c.atc)));
            }
            if c.verified.trim().is_empty() || c.term.trim().is_empty() {
                return Err(err(
                    file,
                    line,
                    format!("{} needs a term and a source", c.rxcui),
                ));
            }
            let _ = c.note;
            let concept = RxNormConcept {
                rxcui: c.rxcui.clone(),
                term: c.term,
                tty: c.tty,
                atc: c.atc,
                verified: c.verified,
            };
            if rxnorm_map.insert(c.rxcui.clone(), concept).is_some() {
                return Err(err(file, line, format!("{} is listed twice", c.rxcui)));
            }
        }

        let (file, text) = names;
        let parsed: NamesFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        let mut name_list: Vec<DrugName> = Vec::new();
        for (i, d) in parsed.drug.into_iter().enumerate() {
            let line = entry_line(text, "[[drug]]", i);
            if !is_atc_shape(&d.atc) {
                return Err(err(file, line, format!("'{}' is not an ATC code", d.atc)));
            }
            if d.verified.trim().is_empty() || d.names.is_empty() {
                return Err(err(
                    file,
                    line,
                    format!("{} needs names and a source", d.atc),
                ));
            }
            for tagged in d.names {
                let Some((lang, name)) = tagged.split_once(':') else {
                    return Err(err(
                        file,
                        line,
                        format!(
                            "'{tagged}' has no language tag (en:, ru:, uz:, uz-Cyrl:, it:, de:)"
                        ),
                    ));
                };
                if !NAME_LANGUAGES.contains(&lang) {
                    return Err(err(
                        file,
                        line,
                        format!("'{lang}' is not one of {}", NAME_LANGUAGES.join(", ")),
                    ));
                }
                let lower = name.trim().to_lowercase();
                if lower.is_empty() {
                    return Err(err(file, line, format!("empty name in '{tagged}'")));
                }
                if let Some(other) = name_list.iter().find(|n| n.lower == lower) {
                    if other.atc != d.atc {
                        return Err(err(
                            file,
                            line,
                            format!(
                                "'{name}' already names {} and cannot also name {}",
                                other.atc, d.atc
                            ),
                        ));
                    }
                    continue;
                }
                name_list.push(DrugName {
                    lower,
                    name: name.trim().to_string(),
                    lang: lang.to_string(),
                    atc: d.atc.clone(),
                });
            }
        }

        Ok(CodeMaps {
            snomed: snomed_map,
            rxnorm: rxnorm_map,
            names: name_list,
            systems: system_map,
            ndc: HashMap::new(),
        })
    }

    /// Adds the NDC product map, given as (file name, text), validated like the others.
    pub fn with_ndc(mut self, ndc: (&str, &str)) -> Result<CodeMaps, MapError> {
        let (file, text) = ndc;
        let parsed: NdcFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        for (i, p) in parsed.product.into_iter().enumerate() {
            let line = entry_line(text, "[[product]]", i);
            let err = |message: String| MapError {
                file: file.to_string(),
                line,
                message,
            };
            let Some(product) = ndc_product(&p.ndc) else {
                return Err(err(format!(
                    "'{}' is not a labeler-product NDC (4-4, 5-3 or 5-4)",
                    p.ndc
                )));
            };
            if !is_atc_shape(&p.atc) {
                return Err(err(format!("'{}' is not an ATC code", p.atc)));
            }
            if p.verified.trim().is_empty() || p.term.trim().is_empty() {
                return Err(err(format!("{} needs a term and a source", p.ndc)));
            }
            let entry = NdcProduct {
                product: product.clone(),
                term: p.term,
                atc: p.atc,
                verified: p.verified,
            };
            if self.ndc.insert(product, entry).is_some() {
                return Err(err(format!("{} is listed twice", p.ndc)));
            }
        }
        Ok(self)
    }

    /// The mapped NDC product of an NDC as sent (any of its written forms), if any.
    pub fn ndc(&self, code: &str) -> Option<&NdcProduct> {
        self.ndc.get(&ndc_product(code)?)
    }

    /// Every mapped NDC product.
    pub fn ndc_products(&self) -> impl Iterator<Item = &NdcProduct> {
        self.ndc.values()
    }

    /// What kind of code system a system URI is, if it is one the reader knows.
    pub fn system(&self, uri: &str) -> Option<SystemKind> {
        self.systems.get(uri).copied()
    }

    /// The mapped SNOMED CT concept, if any.
    pub fn snomed(&self, code: &str) -> Option<&SnomedConcept> {
        self.snomed.get(code)
    }

    /// The mapped RxNorm concept, if any.
    pub fn rxnorm(&self, rxcui: &str) -> Option<&RxNormConcept> {
        self.rxnorm.get(rxcui)
    }

    /// Every mapped SNOMED CT concept.
    pub fn snomed_concepts(&self) -> impl Iterator<Item = &SnomedConcept> {
        self.snomed.values()
    }

    /// Every mapped RxNorm concept.
    pub fn rxnorm_concepts(&self) -> impl Iterator<Item = &RxNormConcept> {
        self.rxnorm.values()
    }

    /// Every known drug name as (ATC, name, language).
    pub fn drug_names(&self) -> impl Iterator<Item = NameMatch<'_>> {
        self.names.iter().map(|n| NameMatch {
            atc: &n.atc,
            name: &n.name,
            lang: &n.lang,
        })
    }

    /// The drug named in free text: the longest known name that occurs as a whole word
    /// (case-insensitive, any script), e.g. "Omeprazol-ratiopharm 20 mg" or "омепразол".
    pub fn drug_in_text(&self, text: &str) -> Option<NameMatch<'_>> {
        let lower = text.to_lowercase();
        self.names
            .iter()
            .filter(|n| contains_word(&lower, &n.lower))
            .max_by_key(|n| n.lower.chars().count())
            .map(|n| NameMatch {
                atc: &n.atc,
                name: &n.name,
                lang: &n.lang,
            })
    }
}

/// Whether `needle` occurs in `haystack` with no letter or digit on either side.
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, m)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{drug_classes, DrugClass};

    fn maps() -> &'static CodeMaps {
        builtin().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn builtin_maps_load() {
        let maps = maps();
        assert!(maps.snomed_concepts().count() > 10);
        assert!(maps.rxnorm_concepts().count() > 10);
        assert_eq!(
            maps.system("http://fhir.de/CodeSystem/bfarm/icd-10-gm"),
            Some(SystemKind::Icd10)
        );
    }

    #[test]
    fn every_entry_names_a_source() {
        for (file, text) in FILES {
            let entries = text.matches("\n[[").count();
            let sourced = text.matches("\nverified = \"").count();
            assert_eq!(entries, sourced, "{file}: an entry without `verified`");
        }
    }

    /// No SNOMED concept in two classes and no RxCUI twice is enforced by the loader; here:
    /// every RxNorm concept and every drug name lands in a drug class the rules use, and every
    /// drug class is reachable by name.
    #[test]
    fn drug_maps_reach_every_class() {
        let maps = maps();
        for p in maps.ndc_products() {
            assert!(
                !drug_classes(&p.atc).is_empty(),
                "NDC {} ({}) maps to {}, which is in no drug class",
                p.product,
                p.term,
                p.atc
            );
        }
        for c in maps.rxnorm_concepts() {
            assert!(
                !drug_classes(&c.atc).is_empty(),
                "RxNorm {} ({}) maps to {}, which is in no drug class",
                c.rxcui,
                c.term,
                c.atc
            );
        }
        for class in DrugClass::ALL {
            // Magnesium sulfate for infusion (B05XA05) and the magnesium salts used as
            // laxatives (A06AD) share their names with the supplements (A12CC): a name
            // cannot tell them apart, their ATC code (or route) can.
            if matches!(
                class,
                DrugClass::MagnesiumSulfateInfusion | DrugClass::MagnesiumLaxative
            ) {
                continue;
            }
            assert!(
                maps.drug_names()
                    .any(|n| drug_classes(n.atc).contains(&class)),
                "no drug name reaches {class:?}"
            );
        }
    }

    /// Every condition class the rules use is reachable from SNOMED CT, not only from ICD-10.
    #[test]
    fn every_condition_class_has_a_snomed_concept() {
        let maps = maps();
        for class in ConditionClass::ALL {
            assert!(
                maps.snomed_concepts().any(|c| c.class == class),
                "no SNOMED CT concept maps to {}",
                class.name()
            );
        }
    }

    #[test]
    fn names_match_whole_words_in_any_script() {
        let maps = maps();
        let atc = |text| maps.drug_in_text(text).map(|m| m.atc);
        assert_eq!(atc("Omeprazole 20 mg capsule"), Some("A02BC01"));
        assert_eq!(atc("Omeprazol-ratiopharm 20 mg"), Some("A02BC01"));
        assert_eq!(atc("ОМЕПРАЗОЛ капсулы 20 мг"), Some("A02BC01"));
        assert_eq!(atc("Omeprazolo Teva 20 mg"), Some("A02BC01"));
        assert_eq!(atc("Furosemid-ratiopharm 40 mg"), Some("C03CA01"));
        assert_eq!(atc("LASIX 25 mg compresse"), Some("C03CA01"));
        assert_eq!(atc("Idroclorotiazide 12,5 mg"), Some("C03AA03"));
        assert_eq!(atc("метформин гидрохлориди 500 мг"), Some("A10BA02"));
        assert_eq!(atc("Magnesium orotate 500 mg"), Some("A12CC09"));
        assert_eq!(atc("MAGNEROT"), Some("A12CC09"));
        assert_eq!(atc("Aspirin Cardio 100"), Some("B01AC06"));
        // Spellings added from leaflets, SmPCs and registry pages (drug_names.toml).
        assert_eq!(
            atc("Asetilsalitsil kislotasi Kardio 100 mg"),
            Some("B01AC06")
        );
        assert_eq!(atc("Acido acetilsalicilico 100 mg"), Some("B01AC06"));
        assert_eq!(atc("ASS-AbZ 100 mg, Acetylsalicylsäure"), Some("B01AC06"));
        assert_eq!(atc("Пантопразол 40 мг"), Some("A02BC02"));
        assert_eq!(atc("Esomeprazolo 20 mg"), Some("A02BC05"));
        assert_eq!(atc("Alendronsäure-ratiopharm 70 mg"), Some("M05BA04"));
        assert_eq!(atc("L-Thyroxin Henning 50"), Some("H03AA01"));
        assert_eq!(atc("Левотироксин натрия 50 мкг"), Some("H03AA01"));
        assert_eq!(atc("Tsiprofloksatsin 500 mg"), Some("J01MA02"));
        assert_eq!(atc("Torasemid HEXAL 10 mg"), Some("C03CA04"));
        assert_eq!(atc("Магния оротата дигидрат 500 мг"), Some("A12CC09"));
        assert_eq!(atc("Metalcaptase 300 mg"), Some("M01CC01"));
        assert_eq!(atc("ramipril"), None);
        // Not a word of its own: "tetracycline" inside "oxytetracycline" is another drug.
        assert_eq!(atc("oxytetracycline"), None);
    }

    #[test]
    fn broken_files_name_file_and_line() {
        let snomed = "[[concept]]\ncode = \"1\"\nterm = \"x\"\nclass = \"hypertension\"\nverified = \"s\"\n\n[[concept]]\ncode = \"1\"\nterm = \"y\"\nclass = \"depression\"\nverified = \"s\"\n";
        let e = CodeMaps::load(FILES[0], ("s.toml", snomed), FILES[2], FILES[3]).unwrap_err();
        assert_eq!(e.file, "s.toml");
        assert_eq!(e.line, 7);
        assert!(e.message.contains("mapped twice"), "{e}");

        let unknown =
            "[[concept]]\ncode = \"1\"\nterm = \"x\"\nclass = \"gout\"\nverified = \"s\"\n";
        let e = CodeMaps::load(FILES[0], ("s.toml", unknown), FILES[2], FILES[3]).unwrap_err();
        assert_eq!((e.line, e.message.contains("'gout'")), (1, true), "{e}");

        let syntax = "[[concept]]\ncode = 1\n";
        let e = CodeMaps::load(FILES[0], FILES[1], ("r.toml", syntax), FILES[3]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("r.toml", 2), "{e}");

        let names = "[[drug]]\natc = \"A02BC01\"\nnames = [\"omeprazole\"]\nverified = \"s\"\n";
        let e = CodeMaps::load(FILES[0], FILES[1], FILES[2], ("n.toml", names)).unwrap_err();
        assert!(e.message.contains("no language tag"), "{e}");
    }

    #[test]
    fn ndc_forms() {
        // The three 10-digit layouts and the 11-digit one reach the same 5-4 product.
        assert_eq!(ndc_product("0603-0209-21").as_deref(), Some("00603-0209"));
        assert_eq!(ndc_product("69367-298-20").as_deref(), Some("69367-0298"));
        assert_eq!(ndc_product("68071-2893-3").as_deref(), Some("68071-2893"));
        assert_eq!(ndc_product("68071-2893").as_deref(), Some("68071-2893"));
        assert_eq!(ndc_product("68071289303").as_deref(), Some("68071-2893"));
        // A 10-digit code without hyphens cannot be split without doubt.
        for bad in [
            "6807128933",
            "",
            "abc-def",
            "123-4567-89",
            "1-2-3-4",
            "68071-28933",
        ] {
            assert_eq!(ndc_product(bad), None, "{bad}");
        }
        let maps = maps();
        assert_eq!(
            maps.ndc("00603-0209-21").map(|p| p.atc.as_str()),
            Some("A12CC10")
        );
        assert_eq!(
            maps.ndc("68071289303").map(|p| p.atc.as_str()),
            Some("A02BC01")
        );
        assert_eq!(maps.ndc("0904-7026-61"), None);
        let twice = "[[product]]\nndc = \"0603-0209\"\nterm = \"x\"\natc = \"A12CC10\"\nverified = \"s\"\n\n[[product]]\nndc = \"00603-0209\"\nterm = \"y\"\natc = \"A12CC10\"\nverified = \"s\"\n";
        let e = CodeMaps::load(FILES[0], FILES[1], FILES[2], FILES[3])
            .unwrap()
            .with_ndc(("ndc.toml", twice))
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("ndc.toml", 7), "{e}");
    }

    #[test]
    fn atc_shapes() {
        for ok in ["A", "A02", "A02B", "A02BC", "A02BC01", "B03BA"] {
            assert!(is_atc_shape(ok), "{ok}");
        }
        for bad in ["", "a02bc01", "A2", "A02BC1", "A02BC012", "02BC01"] {
            assert!(!is_atc_shape(bad), "{bad}");
        }
    }
}
