//! The message catalogues: every message id exists in all five catalogues (English, Russian,
//! Uzbek in Latin and in Cyrillic script, Italian; both directions),
//! translations use the same variables and the same keys for string selectors, plural
//! selectors use the language's CLDR categories, every message renders without a Fluent
//! error in every selector branch, and Russian counts take the right form.

use fluent_syntax::ast;
use neuronutri_knowledge::{Arg, Lang, Texts};
use std::collections::{BTreeMap, BTreeSet};

/// Variables that the rules pass as numbers (counts), so a catalogue may select a plural
/// form on them: hours and days since an event, ages, freshness limits, tablets per dose and
/// line counts. A plural selector on any other variable would never match a text argument.
const COUNTS: [&str; 8] = [
    "age", "hours", "days", "limit", "tablets", "failed", "total", "count",
];

/// Counts tried for every plural selector: each CLDR category of ru, uz, it and en, and the
/// teens that are `many` in Russian.
const SAMPLE_COUNTS: [f64; 9] = [0.0, 1.0, 2.0, 3.0, 5.0, 11.0, 21.0, 22.0, 25.0];

/// The CLDR cardinal plural categories of a language (CLDR 37, as used by fluent-bundle).
fn plural_categories(lang: Lang) -> &'static [&'static str] {
    match lang.tag() {
        "ru" => &["one", "few", "many", "other"],
        _ => &["one", "other"],
    }
}

const ALL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn main_source(lang: Lang) -> String {
    let path = format!("{}/locales/{}.ftl", env!("CARGO_MANIFEST_DIR"), lang.tag());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A language's messages: the main catalogue and the rule catalogue (`locales/rules/`), which
/// are loaded into one bundle, so an id may be defined in only one of them.
fn source(lang: Lang) -> String {
    let path = format!(
        "{}/locales/rules/{}.ftl",
        env!("CARGO_MANIFEST_DIR"),
        lang.tag()
    );
    let rules = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    format!("{}\n{rules}", main_source(lang))
}

/// What one message uses: its variables, and the variant keys of each selector on a variable.
#[derive(Debug, Default)]
struct Usage {
    variables: BTreeSet<String>,
    selectors: BTreeMap<String, BTreeSet<String>>,
}

impl Usage {
    /// Selectors whose keys are all plural categories (a count chooses the form).
    fn plural(&self) -> impl Iterator<Item = (&String, &BTreeSet<String>)> {
        self.selectors
            .iter()
            .filter(|(_, keys)| keys.iter().all(|k| ALL_CATEGORIES.contains(&k.as_str())))
    }

    fn is_plural(&self, variable: &str) -> bool {
        self.plural().any(|(v, _)| v == variable)
    }
}

fn walk_pattern(pattern: &ast::Pattern<&str>, usage: &mut Usage) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, usage);
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, usage: &mut Usage) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            if let ast::InlineExpression::VariableReference { id } = selector {
                let keys = usage.selectors.entry(id.name.to_string()).or_default();
                for variant in variants {
                    keys.insert(match &variant.key {
                        ast::VariantKey::Identifier { name } => name.to_string(),
                        ast::VariantKey::NumberLiteral { value } => value.to_string(),
                    });
                }
            }
            walk_inline(selector, usage);
            for variant in variants {
                walk_pattern(&variant.value, usage);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, usage),
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, usage: &mut Usage) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            usage.variables.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, usage),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                walk_inline(argument, usage);
            }
            for argument in &arguments.named {
                walk_inline(&argument.value, usage);
            }
        }
        _ => {}
    }
}

/// Every message of a catalogue, in file order, with what it uses.
fn catalogue(lang: Lang) -> Vec<(String, Usage)> {
    let text = source(lang);
    let resource = fluent_syntax::parser::parse(text.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{lang}: Fluent syntax errors: {errors:?}"));
    let mut messages = Vec::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(message) => {
                let mut usage = Usage::default();
                let value = message
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{lang}: '{}' has no value", message.id.name));
                walk_pattern(value, &mut usage);
                messages.push((message.id.name.to_string(), usage));
            }
            ast::Entry::Junk { content } => panic!("{lang}: junk in the catalogue: {content}"),
            _ => {}
        }
    }
    messages
}

fn catalogues() -> Vec<(Lang, BTreeMap<String, Usage>)> {
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let messages = catalogue(lang);
            let count = messages.len();
            let map: BTreeMap<_, _> = messages.into_iter().collect();
            assert_eq!(map.len(), count, "{lang}: a message id is defined twice");
            (lang, map)
        })
        .collect()
}

#[test]
fn five_catalogues_parse_from_their_tags() {
    for (tag, lang) in [
        ("en", Lang::En),
        ("ru", Lang::Ru),
        ("uz", Lang::Uz),
        ("uz-Cyrl", Lang::UzCyrl),
        ("it", Lang::It),
    ] {
        assert_eq!(tag.parse::<Lang>(), Ok(lang));
        assert_eq!(lang.tag(), tag);
    }
    assert_eq!("uz-Latn".parse::<Lang>(), Ok(Lang::Uz));
    assert_eq!("UZ-CYRL".parse::<Lang>(), Ok(Lang::UzCyrl));
    assert!("de".parse::<Lang>().is_err());
    assert!("uz-Arab".parse::<Lang>().is_err());
}

/// The Cyrillic Uzbek catalogue is written in Cyrillic: apart from Fluent syntax, codes,
/// acronyms (NICE, BNF, CKD-EPI, B12), authors' names and trial names, no Latin word is left
/// from the Latin catalogue it was drafted from.
#[test]
fn uzbek_cyrillic_is_cyrillic() {
    let text = source(Lang::UzCyrl);
    let allowed = [
        "Amighi",
        "Costello",
        "Dong",
        "Temkin",
        "Bagis",
        "Park",
        "Lam",
        "Beck",
        "Cochrane",
        "IMAGES",
        "UTF",
        "RFC",
        "mEq",
        "HbA1c",
        "n",
        "r",
        "z",
        "SD",
        "--at",
        // file and command names in the rule catalogue's introduction
        "data",
        "rules.toml",
        "thresholds.toml",
        "neuronutri",
        "rules",
        "--config",
        "Observation.referenceRange",
        // IANA time zone names in the --tz error
        "IANA",
        "Asia",
        "Tashkent",
        "Europe",
        "Rome",
        "--tz",
    ];
    let mut problems = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        // The message id, variables, selector keys and string literals are syntax.
        let value = line.split_once(" = ").map_or(line, |(_, v)| v);
        let value = value.trim_start().trim_start_matches('*');
        let value = if value.starts_with('[') {
            value.split_once(']').map_or("", |(_, rest)| rest)
        } else {
            value
        };
        let mut rest = String::new();
        let mut depth = 0usize;
        for c in value.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ if depth == 0 => rest.push(c),
                _ => {}
            }
        }
        for word in rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.')) {
            let word = word.trim_end_matches('.');
            let latin = word.chars().any(|c| c.is_ascii_lowercase());
            let acronym_or_code = word.chars().any(|c| c.is_ascii_digit())
                || word.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2;
            if latin && !acronym_or_code && !allowed.contains(&word) {
                problems.push(format!("uz-Cyrl.ftl:{}: '{word}' in: {line}", number + 1));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_id_exists_in_all_five_catalogues() {
    let catalogues = catalogues();
    let mut problems = Vec::new();
    for (lang, messages) in &catalogues {
        let ids: BTreeSet<&String> = messages.keys().collect();
        // The line-based id list (used to cache fixed texts) agrees with the parser.
        let listed: BTreeSet<String> = Texts::message_ids(*lang).into_iter().collect();
        let main: BTreeSet<String> = fluent_syntax::parser::parse(main_source(*lang).as_str())
            .unwrap_or_else(|(_, errors)| panic!("{lang}: {errors:?}"))
            .body
            .iter()
            .filter_map(|entry| match entry {
                ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(
            listed, main,
            "{lang}: Texts::message_ids disagrees with the Fluent parser"
        );
        for (other, other_messages) in &catalogues {
            if other == lang {
                continue;
            }
            for id in &ids {
                if !other_messages.contains_key(*id) {
                    let hint = if *other == Lang::UzCyrl {
                        " (draft it: python3 scripts/uz_latin_to_cyrillic.py --sync; then review)"
                    } else {
                        ""
                    };
                    problems.push(format!(
                        "'{id}' is in {lang}.ftl but not in {other}.ftl{hint}"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn translations_use_the_same_variables_and_selector_keys() {
    let catalogues = catalogues();
    let english = &catalogues[0].1;
    let mut problems = Vec::new();
    for (lang, messages) in &catalogues {
        let categories = plural_categories(*lang);
        for (id, usage) in messages {
            for (variable, keys) in usage.plural() {
                if !COUNTS.contains(&variable.as_str()) {
                    problems.push(format!(
                        "{lang} '{id}': plural selector on ${variable}, which is not a count"
                    ));
                }
                if let Some(key) = keys.iter().find(|k| !categories.contains(&k.as_str())) {
                    problems.push(format!(
                        "{lang} '{id}': [{key}] is not a plural category of {lang}"
                    ));
                }
                if lang.tag() == "ru" && keys.len() != categories.len() {
                    problems.push(format!(
                        "ru '{id}': ${variable} needs [one], [few], [many] and *[other]"
                    ));
                }
            }
            let Some(en) = english.get(id) else {
                continue;
            };
            if usage.variables != en.variables {
                problems.push(format!(
                    "{lang} '{id}': variables {:?}, English has {:?}",
                    usage.variables, en.variables
                ));
            }
            // Uzbek nouns stay singular after a numeral: no plural selector is needed there.
            // Elsewhere a count that English inflects is inflected too, though the word that
            // agrees may differ (Italian agrees the verb with $failed, English with $total).
            if en.plural().next().is_some()
                && !matches!(lang, Lang::Uz | Lang::UzCyrl)
                && usage.plural().next().is_none()
            {
                problems.push(format!(
                    "{lang} '{id}': English selects a plural form, this translation does not"
                ));
            }
            for (variable, en_keys) in &en.selectors {
                if en.is_plural(variable) {
                    continue;
                }
                if usage.selectors.get(variable) != Some(en_keys) {
                    problems.push(format!(
                        "{lang} '{id}': selector ${variable} has keys {:?}, English has {:?}",
                        usage.selectors.get(variable),
                        en_keys
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A plausible preformatted text for a variable that is neither a selector nor a count.
fn sample_text(variable: &str) -> &'static str {
    match variable {
        "value" | "lower" | "upper" | "optimal" | "threshold" | "severe" => "0,62",
        "date" | "onset" | "start" | "end" | "from" | "to" | "at" => "10.03.2025",
        "code" => "G51.3",
        "drug" | "drugs" | "magnesium" => "Magnerot",
        "egfr" => "28",
        "creatinine" => "180",
        "b12" | "rda" | "ul" | "max" | "mg" | "total" => "350",
        "low" | "high" | "deficient" | "indeterminate" | "z" | "predicted" => "1,5",
        "markers" | "reasons" | "factors" | "conditions" | "basis" => "Ischemic stroke",
        "input" | "regimen" => "vitamin B12",
        "unit" => "pg/mL",
        "id" => "K3",
        "verdict" => "unverified",
        _ => "x",
    }
}

#[test]
fn every_message_renders_in_every_branch_and_language() {
    let catalogues = catalogues();
    let texts = Texts::builtin().expect("the catalogues load");
    let english = &catalogues[0].1;
    let mut renders = 0;
    let mut problems = Vec::new();
    for (lang, messages) in &catalogues {
        for id in messages.keys() {
            // The arguments the code passes do not depend on the language: every variable
            // any catalogue uses, counts as numbers, selectors over each English key.
            let usages: Vec<&Usage> = catalogues.iter().filter_map(|(_, m)| m.get(id)).collect();
            let variables: BTreeSet<&String> =
                usages.iter().flat_map(|u| u.variables.iter()).collect();
            let mut choices: Vec<(&str, Vec<Arg>)> = Vec::new();
            for variable in variables {
                let values = if usages.iter().any(|u| u.is_plural(variable)) {
                    SAMPLE_COUNTS.iter().map(|n| Arg::Number(*n)).collect()
                } else if let Some(keys) = english
                    .get(id)
                    .and_then(|u| u.selectors.get(variable))
                    .or_else(|| usages.iter().find_map(|u| u.selectors.get(variable)))
                {
                    keys.iter().map(|k| Arg::text(k.clone())).collect()
                } else {
                    vec![Arg::text(sample_text(variable))]
                };
                choices.push((variable.as_str(), values));
            }
            let combinations: usize = choices.iter().map(|(_, v)| v.len()).product();
            for mut index in 0..combinations {
                let mut args = Vec::new();
                for (name, values) in &choices {
                    args.push((*name, values[index % values.len()].clone()));
                    index /= values.len();
                }
                match texts.try_render(*lang, id, &args) {
                    Ok(text) if text.trim().is_empty() => {
                        problems.push(format!("{lang} '{id}' renders empty with {args:?}"))
                    }
                    Ok(_) => renders += 1,
                    Err(e) => problems.push(format!("{e} (arguments {args:?})")),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("{renders} renders without a Fluent error");
}

fn render(texts: &Texts, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    texts
        .try_render(lang, id, args)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn russian_counts_take_their_plural_forms() {
    let texts = Texts::builtin().unwrap();
    let stale = |acute: &str, age: f64, limit: f64| {
        render(
            &texts,
            Lang::Ru,
            "data-stale",
            &[
                ("analyte", Arg::text("magnesium")),
                ("acute", Arg::text(acute)),
                ("date", Arg::text("10.03.2025")),
                ("age", Arg::Number(age)),
                ("limit", Arg::Number(limit)),
            ],
        )
    };
    assert!(stale("yes", 1.0, 24.0).contains("— 1 час, что превышает предельный срок 24 часа "));
    assert!(stale("yes", 3.0, 24.0).contains("— 3 часа,"));
    assert!(stale("yes", 5.0, 24.0).contains("— 5 часов,"));
    assert!(stale("yes", 11.0, 24.0).contains("— 11 часов,"));
    assert!(stale("yes", 21.0, 24.0).contains("— 21 час,"));
    assert!(stale("no", 1.0, 7.0).contains("— 1 день, что превышает предельный срок 7 дней;"));
    assert!(stale("no", 2.0, 7.0).contains("— 2 дня,"));
    assert!(stale("no", 12.0, 7.0).contains("— 12 дней,"));
    assert!(stale("no", 22.0, 7.0).contains("— 22 дня,"));

    let age = |n: f64| render(&texts, Lang::Ru, "factor-age", &[("age", Arg::Number(n))]);
    assert_eq!(age(21.0), "возраст 21 год");
    assert_eq!(age(22.0), "возраст 22 года");
    assert_eq!(age(25.0), "возраст 25 лет");
    assert_eq!(age(111.0), "возраст 111 лет");

    let tablets = |n: f64| {
        render(
            &texts,
            Lang::Ru,
            "schedule-phase",
            &[
                ("regimen", Arg::text("Инструкция по применению")),
                ("start", Arg::text("01.03.2025")),
                ("end", Arg::text("07.03.2025")),
                ("tablets", Arg::Number(n)),
                ("doses", Arg::text("3")),
                ("mg", Arg::text("196,8")),
                ("condition", Arg::text("none")),
                ("dated", Arg::text("yes")),
            ],
        )
    };
    assert!(tablets(1.0).contains("по 1 таблетке 3 раза в сутки"));
    assert!(tablets(2.0).contains("по 2 таблетки 3 раза в сутки"));
    assert!(tablets(5.0).contains("по 5 таблеток 3 раза в сутки"));

    let open = |n: f64| {
        render(
            &texts,
            Lang::Ru,
            "schedule-open",
            &[("days", Arg::Number(n))],
        )
    };
    assert_eq!(open(1.0), "без ограничения срока, не менее 1 дня");
    assert_eq!(open(28.0), "без ограничения срока, не менее 28 дней");

    let ndjson = |failed: f64, total: f64| {
        render(
            &texts,
            Lang::Ru,
            "cli-error-ndjson",
            &[
                ("file", Arg::text("in.ndjson")),
                ("failed", Arg::Number(failed)),
                ("total", Arg::Number(total)),
                ("first", Arg::text("…")),
            ],
        )
    };
    assert!(ndjson(1.0, 1.0).contains("в 1 из 1 строки "));
    assert!(ndjson(2.0, 10.0).contains("в 2 из 10 строк "));
}

#[test]
fn italian_counts_take_their_plural_forms() {
    let texts = Texts::builtin().unwrap();
    let hours = |n: f64| {
        render(
            &texts,
            Lang::It,
            "stroke-mg-neuroprotection",
            &[
                ("hours", Arg::Number(n)),
                ("under", Arg::text("no")),
                ("minutes", Arg::text("60")),
            ],
        )
    };
    assert!(hours(1.0).starts_with("1 ora dall'esordio."));
    assert!(hours(5.0).starts_with("5 ore dall'esordio."));
}

/// A trigger (`<code>-trigger` in `locales/rules/`) names thresholds by their keys: every
/// variable of every trigger, in every language, is a key of `data/thresholds.toml`, so the
/// value in force (with a site's overrides) is what the reader sees.
#[test]
fn trigger_variables_are_threshold_keys() {
    let knowledge = neuronutri_knowledge::Knowledge::builtin().unwrap();
    let keys: Vec<&str> = knowledge
        .thresholds
        .all()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (id, variables) in Texts::variables(lang) {
            if !id.ends_with("-trigger") {
                continue;
            }
            for variable in variables {
                if !keys.contains(&variable.as_str()) {
                    problems.push(format!("{lang} '{id}': ${variable} is not a threshold key"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
