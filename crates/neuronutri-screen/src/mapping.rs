//! The column mapping of a real extract (`--mapping MAP.toml`): which column of each file holds
//! which field, the local laboratory codes that mean a LOINC code, the values that mean female
//! and male, and the CSV delimiter. Without a mapping the files use the default column names.

use crate::ScreenError;
use neuronutri_model::codes::analyte_for_loinc;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A field of one of the input files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name, which is also its default column name.
    pub name: &'static str,
    /// Whether the file must have it.
    pub required: bool,
    /// What it holds, for `--help` and messages.
    pub meaning: &'static str,
}

const fn field(name: &'static str, required: bool, meaning: &'static str) -> Field {
    Field {
        name,
        required,
        meaning,
    }
}

/// The fields of the lab results file.
pub const LAB_FIELDS: [Field; 8] = [
    field("patient_id", true, "the patient's identifier"),
    field(
        "code",
        true,
        "LOINC code, or a local code mapped in [labs.codes]",
    ),
    field("value", true, "the numeric result"),
    field(
        "unit",
        true,
        "the result's unit (UCUM, e.g. mmol/L, mg/dL, pg/mL)",
    ),
    field("date", true, "the date (or date-time) the sample was taken"),
    field(
        "ref_low",
        false,
        "the laboratory's own lower reference limit, in the result's unit",
    ),
    field(
        "ref_high",
        false,
        "the laboratory's own upper reference limit, in the result's unit",
    ),
    field("site", false, "the site (hospital, laboratory, region)"),
];

/// The fields of the patients file.
pub const PATIENT_FIELDS: [Field; 4] = [
    field("patient_id", true, "the patient's identifier"),
    field("birth_date", true, "date of birth"),
    field(
        "sex",
        true,
        "female, male, other or unknown (or the values of [patients.sex_values])",
    ),
    field("deceased_date", false, "date of death, empty if alive"),
];

/// The fields of the medications file.
pub const MEDICATION_FIELDS: [Field; 5] = [
    field("patient_id", true, "the patient's identifier"),
    field(
        "atc",
        false,
        "WHO ATC code (e.g. A02BC01); the atc or the name column is needed",
    ),
    field(
        "name",
        false,
        "drug name, read when the ATC code is absent or not one the screen uses",
    ),
    field("start", true, "date the medication started"),
    field("end", false, "date it ended, empty if ongoing"),
];

/// What a sex value means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Other.
    Other,
    /// Unknown.
    Unknown,
}

impl Sex {
    /// The name used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Other => "other",
            Sex::Unknown => "unknown",
        }
    }
}

/// The mapping in force.
#[derive(Clone, Debug)]
pub struct Mapping {
    /// Field name → column name, lab results.
    pub labs: BTreeMap<String, String>,
    /// Field name → column name, patients.
    pub patients: BTreeMap<String, String>,
    /// Field name → column name, medications.
    pub medications: BTreeMap<String, String>,
    /// Local lab code → the LOINC code it means.
    pub local_codes: BTreeMap<String, String>,
    /// Sex value in the file → what it means.
    pub sex_values: Vec<(String, Sex)>,
    /// CSV field delimiter.
    pub delimiter: u8,
}

impl Default for Mapping {
    fn default() -> Self {
        // The FHIR administrative gender codes and their usual capitalisations and initials.
        let mut sex_values = Vec::new();
        for (sex, spellings) in [
            (Sex::Female, &["female", "Female", "FEMALE", "F", "f"][..]),
            (Sex::Male, &["male", "Male", "MALE", "M", "m"][..]),
            (Sex::Other, &["other", "Other", "OTHER"][..]),
        ] {
            for spelling in spellings {
                sex_values.push((spelling.to_string(), sex));
            }
        }
        Mapping {
            labs: BTreeMap::new(),
            patients: BTreeMap::new(),
            medications: BTreeMap::new(),
            local_codes: BTreeMap::new(),
            sex_values,
            delimiter: b',',
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    delimiter: Option<toml::Spanned<String>>,
    labs: Option<RawLabs>,
    patients: Option<RawPatients>,
    medications: Option<BTreeMap<String, toml::Spanned<String>>>,
}

#[derive(Deserialize)]
struct RawLabs {
    #[serde(default)]
    codes: BTreeMap<String, toml::Spanned<String>>,
    #[serde(flatten)]
    columns: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
struct RawPatients {
    #[serde(default)]
    sex_values: BTreeMap<String, toml::Spanned<String>>,
    #[serde(flatten)]
    columns: BTreeMap<String, toml::Value>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Mapping {
    /// Reads a mapping file; an error names the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Mapping, ScreenError> {
        let at = |offset: usize, message: String| ScreenError::Input {
            file: file.to_string(),
            location: format!("line {}", line_of(text, offset)),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            at(
                e.span().map(|s| s.start).unwrap_or(0),
                e.message().to_string(),
            )
        })?;
        let mut mapping = Mapping::default();
        if let Some(d) = raw.delimiter {
            let bytes = d.get_ref().as_bytes();
            let delimiter = match bytes {
                [b] if b.is_ascii() && *b != b'"' && *b != b'\n' && *b != b'\r' => *b,
                _ if d.get_ref() == "\\t" => b'\t',
                _ => {
                    return Err(at(
                        d.span().start,
                        format!(
                        "delimiter {:?} must be one ASCII character (\",\", \";\", \"\\t\", \"|\")",
                        d.get_ref()
                    ),
                    ))
                }
            };
            mapping.delimiter = delimiter;
        }
        let columns = |section: &str,
                       fields: &[Field],
                       raw: BTreeMap<String, toml::Value>|
         -> Result<BTreeMap<String, String>, ScreenError> {
            let mut out = BTreeMap::new();
            for (key, value) in raw {
                let offset = text.find(&format!("{key} =")).unwrap_or(0);
                if !fields.iter().any(|f| f.name == key) {
                    let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
                    return Err(at(
                        offset,
                        format!(
                            "[{section}] has no field '{key}'; its fields are {}",
                            known.join(", ")
                        ),
                    ));
                }
                let Some(column) = value.as_str() else {
                    return Err(at(
                        offset,
                        format!("[{section}] {key} must be a column name in quotes"),
                    ));
                };
                out.insert(key, column.to_string());
            }
            Ok(out)
        };
        if let Some(labs) = raw.labs {
            mapping.labs = columns("labs", &LAB_FIELDS, labs.columns)?;
            for (local, loinc) in labs.codes {
                if analyte_for_loinc(loinc.get_ref().trim()).is_none() {
                    return Err(at(
                        loinc.span().start,
                        format!(
                            "[labs.codes] \"{local}\" = \"{}\": not a LOINC code the screen knows \
                             (serum magnesium 19123-9 or 2601-3, vitamin B12 2132-9 or 14685-2, \
                             holotranscobalamin 72160-5, and the other analytes of KNOWLEDGE.md)",
                            loinc.get_ref()
                        ),
                    ));
                }
                mapping
                    .local_codes
                    .insert(local, loinc.get_ref().trim().to_string());
            }
        }
        if let Some(patients) = raw.patients {
            mapping.patients = columns("patients", &PATIENT_FIELDS, patients.columns)?;
            if !patients.sex_values.is_empty() {
                mapping.sex_values.clear();
                for (value, meaning) in patients.sex_values {
                    let sex = match meaning.get_ref().as_str() {
                        "female" => Sex::Female,
                        "male" => Sex::Male,
                        "other" => Sex::Other,
                        "unknown" => Sex::Unknown,
                        other => {
                            return Err(at(
                                meaning.span().start,
                                format!(
                                    "[patients.sex_values] \"{value}\" = \"{other}\": the meaning \
                                     must be female, male, other or unknown"
                                ),
                            ))
                        }
                    };
                    mapping.sex_values.push((value, sex));
                }
            }
        }
        if let Some(medications) = raw.medications {
            let raw = medications
                .into_iter()
                .map(|(k, v)| (k, toml::Value::String(v.into_inner())))
                .collect();
            mapping.medications = columns("medications", &MEDICATION_FIELDS, raw)?;
        }
        Ok(mapping)
    }

    /// The column that holds `field` in a file of `kind` ("labs", "patients", "medications").
    pub fn column<'a>(&'a self, kind: &str, field: &'a str) -> &'a str {
        let table = match kind {
            "labs" => &self.labs,
            "patients" => &self.patients,
            _ => &self.medications,
        };
        table.get(field).map(String::as_str).unwrap_or(field)
    }

    /// The LOINC code a lab code means: the mapping's, else the code itself.
    pub fn loinc<'a>(&'a self, code: &'a str) -> &'a str {
        self.local_codes
            .get(code)
            .map(String::as_str)
            .unwrap_or(code.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_renames_columns_and_maps_codes_and_sexes() {
        let text = "delimiter = \";\"\n\n[labs]\npatient_id = \"PID\"\nvalue = \"RESULT\"\n\n\
                    [labs.codes]\n\"MG-S\" = \"19123-9\"\n\n[patients]\nsex = \"GENDER\"\n\n\
                    [patients.sex_values]\n\"1\" = \"male\"\n\"2\" = \"female\"\n";
        let m = Mapping::parse("map.toml", text).unwrap();
        assert_eq!(m.delimiter, b';');
        assert_eq!(m.column("labs", "patient_id"), "PID");
        assert_eq!(m.column("labs", "unit"), "unit");
        assert_eq!(m.column("patients", "sex"), "GENDER");
        assert_eq!(m.loinc("MG-S"), "19123-9");
        assert_eq!(m.loinc("2132-9"), "2132-9");
        assert_eq!(
            m.sex_values,
            vec![("1".to_string(), Sex::Male), ("2".to_string(), Sex::Female)]
        );
    }

    #[test]
    fn mistakes_name_the_line() {
        let err = Mapping::parse("map.toml", "[labs]\npatient = \"PID\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "map.toml, line 2: [labs] has no field 'patient'; its fields are patient_id, code, \
             value, unit, date, ref_low, ref_high, site"
        );
        let err = Mapping::parse("map.toml", "[labs.codes]\n\"MG\" = \"1234-5\"\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("map.toml, line 2: [labs.codes] \"MG\" = \"1234-5\": not a LOINC"),
            "{err}"
        );
        let err =
            Mapping::parse("map.toml", "[patients.sex_values]\n\"W\" = \"woman\"\n").unwrap_err();
        assert!(err.to_string().starts_with("map.toml, line 2:"), "{err}");
        let err = Mapping::parse("map.toml", "delimiter = \";;\"\n").unwrap_err();
        assert!(
            err.to_string().starts_with("map.toml, line 1: delimiter"),
            "{err}"
        );
        let err = Mapping::parse("map.toml", "[lab]\n").unwrap_err();
        assert!(err.to_string().starts_with("map.toml, line 1:"), "{err}");
    }
}
