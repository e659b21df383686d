//! The message catalogues (Fluent), one per language, and rendering with arguments.

use crate::KnowledgeError;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// A language users read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
    /// Uzbek, in Latin script (the official script).
    Uz,
    /// Uzbek, in Cyrillic script (as many clinicians, drug leaflets and the seed write it).
    UzCyrl,
    /// Italian.
    It,
}

impl Lang {
    /// Every language with a catalogue.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Ru, Lang::Uz, Lang::UzCyrl, Lang::It];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Uz => "uz",
            Lang::UzCyrl => "uz-Cyrl",
            Lang::It => "it",
        }
    }

    fn catalogue(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => ("locales/en.ftl", include_str!("../locales/en.ftl")),
            Lang::Ru => ("locales/ru.ftl", include_str!("../locales/ru.ftl")),
            Lang::Uz => ("locales/uz.ftl", include_str!("../locales/uz.ftl")),
            Lang::UzCyrl => (
                "locales/uz-Cyrl.ftl",
                include_str!("../locales/uz-Cyrl.ftl"),
            ),
            Lang::It => ("locales/it.ftl", include_str!("../locales/it.ftl")),
        }
    }

    /// The rule catalogue's texts: each code's trigger in words (`<message id>-trigger`,
    /// with the thresholds as variables named like their keys) and the labels of
    /// `neuronutri rules`.
    fn rules_catalogue(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => (
                "locales/rules/en.ftl",
                include_str!("../locales/rules/en.ftl"),
            ),
            Lang::Ru => (
                "locales/rules/ru.ftl",
                include_str!("../locales/rules/ru.ftl"),
            ),
            Lang::Uz => (
                "locales/rules/uz.ftl",
                include_str!("../locales/rules/uz.ftl"),
            ),
            Lang::UzCyrl => (
                "locales/rules/uz-Cyrl.ftl",
                include_str!("../locales/rules/uz-Cyrl.ftl"),
            ),
            Lang::It => (
                "locales/rules/it.ftl",
                include_str!("../locales/rules/it.ftl"),
            ),
        }
    }

    /// Whether numbers are written with a decimal comma (Russian, Uzbek, Italian).
    pub fn decimal_comma(self) -> bool {
        self != Lang::En
    }

    /// A number as a clinician writing this language reads it: at most 6 decimals (callers
    /// round to the precision they show first), no trailing zeros, and the language's decimal
    /// separator (`0.52`, `0,52`).
    pub fn number(self, value: f64) -> String {
        // Fast path: below 1e9 in magnitude a double's shortest round-trip digits differ
        // from its exact value by far less than half of 1e-6, so when they have at most six
        // decimals they are exactly what rounding to six decimals and trimming gives.
        if value.is_finite() && value.abs() < 1e9 {
            let shortest = value.to_string();
            let decimals = shortest.split_once('.').map_or(0, |(_, d)| d.len());
            if decimals <= 6 {
                let text = if shortest == "-0" { "0" } else { &shortest };
                return self.decimal(text);
            }
        }
        let text = format!("{value:.6}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        let text = if text == "-0" { "0" } else { text };
        self.decimal(text)
    }

    /// A number already written with a decimal point, in this language's separator.
    pub fn decimal(self, text: &str) -> String {
        if self.decimal_comma() {
            text.replace('.', ",")
        } else {
            text.to_string()
        }
    }

    /// A quotation in the language's quotation marks: “…” in English, «…» in Russian,
    /// Uzbek and Italian.
    pub fn quote(self, text: &str) -> String {
        match self {
            Lang::En => format!("“{text}”"),
            _ => format!("«{text}»"),
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        let s = s.trim().replace('_', "-");
        if s.eq_ignore_ascii_case("uz-Latn") {
            return Ok(Lang::Uz);
        }
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(&s))
            .ok_or_else(|| {
                format!(
                    "unknown language '{s}' (available: {})",
                    Lang::ALL.map(Lang::tag).join(", ")
                )
            })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// An argument of a message: text (already formatted) or a number (for plural selection).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    /// Preformatted text, inserted as is.
    Text(Cow<'a, str>),
    /// A number, formatted by the catalogue.
    Number(f64),
}

impl<'a> Arg<'a> {
    /// A text argument, borrowed or owned.
    pub fn text(text: impl Into<Cow<'a, str>>) -> Arg<'a> {
        Arg::Text(text.into())
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

/// The message catalogues of every language.
pub struct Texts {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    /// Messages without variables, rendered once at load, per language.
    fixed: Vec<(Lang, HashMap<String, String>)>,
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Texts")
            .field(
                "languages",
                &self.bundles.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Texts {
    /// Loads the embedded catalogues; a syntax error names the file and line.
    pub fn builtin() -> Result<Texts, KnowledgeError> {
        let mut bundles = Vec::new();
        for lang in Lang::ALL {
            let (file, text) = lang.catalogue();
            let tag = lang
                .tag()
                .parse()
                .map_err(|_| KnowledgeError::at(file, text, 0, "bad language tag"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            bundle.set_use_isolating(false);
            for (file, text) in [lang.catalogue(), lang.rules_catalogue()] {
                let resource =
                    FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
                        let offset = errors.first().map(|e| e.pos.start).unwrap_or(0);
                        KnowledgeError::at(
                            file,
                            text,
                            offset,
                            format!("Fluent syntax error: {:?}", errors.first().map(|e| &e.kind)),
                        )
                    })?;
                bundle.add_resource(resource).map_err(|errors| {
                    KnowledgeError::at(file, text, 0, format!("duplicate messages: {errors:?}"))
                })?;
            }
            bundles.push((lang, bundle));
        }
        let mut texts = Texts {
            bundles,
            fixed: Vec::new(),
        };
        for lang in Lang::ALL {
            let fixed = Texts::message_ids(lang)
                .into_iter()
                .filter_map(|id| texts.try_render(lang, &id, &[]).ok().map(|text| (id, text)))
                .collect();
            texts.fixed.push((lang, fixed));
        }
        Ok(texts)
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        &self
            .bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every Lang has a bundle")
            .1
    }

    /// Whether `id` exists in the catalogue of `lang`.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundle(lang).has_message(id)
    }

    /// Renders message `id` in `lang`. A missing message renders as its id, so a gap shows
    /// instead of hiding; the catalogue tests make sure there are none.
    pub fn render(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        if let Some(text) = self
            .fixed
            .iter()
            .find(|(l, _)| *l == lang)
            .and_then(|(_, f)| f.get(id))
        {
            return text.clone();
        }
        self.try_render(lang, id, args)
            .unwrap_or_else(|e| format!("[render error {id}: {e}]"))
    }

    /// Renders message `id`, reporting a missing message or argument as an error.
    pub fn try_render(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let bundle = self.bundle(lang);
        let message = bundle
            .get_message(id)
            .ok_or_else(|| format!("no message '{id}' in {lang}"))?;
        let pattern = message
            .value()
            .ok_or_else(|| format!("message '{id}' in {lang} has no value"))?;
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(&**s)),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        if let Some(error) = errors.first() {
            return Err(format!("message '{id}' in {lang}: {error}"));
        }
        Ok(text)
    }

    /// Checks that every rule has a text and a title, and every claim its texts, in every
    /// language.
    pub(crate) fn check_complete<'a>(
        &self,
        codes: impl Iterator<Item = &'a str>,
        claims: impl Iterator<Item = &'a str>,
    ) -> Result<(), KnowledgeError> {
        let mut wanted: Vec<String> = Vec::new();
        for code in codes {
            let id = crate::catalogue::message_id(code);
            wanted.push(format!("{id}-title"));
            wanted.push(id);
        }
        for claim in claims {
            let id = format!("claim-{}", claim.to_ascii_lowercase());
            wanted.push(format!("{id}-why"));
            wanted.push(id);
        }
        for lang in Lang::ALL {
            let (file, _) = lang.catalogue();
            if let Some(missing) = wanted.iter().find(|id| !self.has(lang, id)) {
                return Err(KnowledgeError {
                    file: file.to_string(),
                    line: 0,
                    message: if lang == Lang::UzCyrl {
                        format!(
                            "message '{missing}' is missing (draft it from uz.ftl with \
                             `python3 scripts/uz_latin_to_cyrillic.py --sync`, then review it)"
                        )
                    } else {
                        format!("message '{missing}' is missing")
                    },
                });
            }
        }
        Ok(())
    }

    /// A UCUM unit as the language writes it (`mmol/L` is `ммоль/л` in Russian), from the
    /// catalogue's `unit-*` messages; a unit the catalogue does not know is shown as given.
    pub fn unit(&self, lang: Lang, ucum: &str) -> String {
        let id = unit_message_id(ucum);
        if self.has(lang, &id) {
            self.render(lang, &id, &[])
        } else {
            ucum.to_string()
        }
    }

    /// The variables each message of a language uses (main and rule catalogue), by id: a
    /// trigger's variables are the thresholds it names.
    pub fn variables(lang: Lang) -> HashMap<String, Vec<String>> {
        use fluent_syntax::ast;
        fn pattern(p: &ast::Pattern<&str>, out: &mut Vec<String>) {
            for element in &p.elements {
                if let ast::PatternElement::Placeable { expression } = element {
                    expr(expression, out);
                }
            }
        }
        fn expr(e: &ast::Expression<&str>, out: &mut Vec<String>) {
            match e {
                ast::Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        pattern(&v.value, out);
                    }
                }
                ast::Expression::Inline(i) => inline(i, out),
            }
        }
        fn inline(i: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
            match i {
                ast::InlineExpression::VariableReference { id }
                    if !out.iter().any(|v| v == id.name) =>
                {
                    out.push(id.name.to_string());
                }
                ast::InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        let mut map = HashMap::new();
        for (_, text) in [lang.catalogue(), lang.rules_catalogue()] {
            let resource = match fluent_syntax::parser::parse(text) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            for entry in &resource.body {
                if let ast::Entry::Message(m) = entry {
                    let mut vars = Vec::new();
                    if let Some(value) = &m.value {
                        pattern(value, &mut vars);
                    }
                    map.insert(m.id.name.to_string(), vars);
                }
            }
        }
        map
    }

    /// Every message id of a language's catalogue, in file order.
    pub fn message_ids(lang: Lang) -> Vec<String> {
        let (_, text) = lang.catalogue();
        text.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }
}

/// The message id of a UCUM unit: `unit-` and the unit in lower case, `%` as `percent`,
/// a leading `/` as `per-`, every other character that is not a letter or digit as `-`
/// (`mmol/L` → `unit-mmol-l`, `/d` → `unit-per-d`,
/// `mL/min/{1.73_m2}` → `unit-ml-min-1-73-m2`).
pub fn unit_message_id(ucum: &str) -> String {
    let (mut spelled, ucum) = match ucum.strip_prefix('/') {
        Some(rest) => (String::from("per-"), rest),
        None => (String::new(), ucum),
    };
    for c in ucum.chars() {
        match c {
            '%' => spelled.push_str("-percent-"),
            'µ' => spelled.push('u'),
            c if c.is_ascii_alphanumeric() => spelled.push(c.to_ascii_lowercase()),
            _ => spelled.push('-'),
        }
    }
    let parts: Vec<&str> = spelled.split('-').filter(|p| !p.is_empty()).collect();
    format!("unit-{}", parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_ids() {
        for (unit, id) in [
            ("mmol/L", "unit-mmol-l"),
            ("mL/min/{1.73_m2}", "unit-ml-min-1-73-m2"),
            ("%", "unit-percent"),
            ("/d", "unit-per-d"),
            ("d", "unit-d"),
            ("{score}", "unit-score"),
            ("a", "unit-a"),
            ("ug/dL", "unit-ug-dl"),
        ] {
            assert_eq!(unit_message_id(unit), id, "{unit}");
        }
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(Lang::En.number(0.525), "0.525");
        assert_eq!(Lang::En.number(1.0 / 3.0), "0.333333");
        assert_eq!(Lang::Ru.number(0.52), "0,52");
        assert_eq!(Lang::UzCyrl.number(2.0), "2");
        assert_eq!(Lang::It.number(-0.0000001), "0");
        assert_eq!("uz-cyrl".parse::<Lang>(), Ok(Lang::UzCyrl));
        assert_eq!("uz_Latn".parse::<Lang>(), Ok(Lang::Uz));
    }

    /// The shortest-digits fast path of `number` writes what rounding to six decimals and
    /// trimming writes, for lab-like values, values near rounding boundaries and the edges.
    #[test]
    fn number_fast_path_agrees_with_six_decimal_rounding() {
        fn six(value: f64) -> String {
            let text = format!("{value:.6}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            (if text == "-0" { "0" } else { text }).to_string()
        }
        let mut values = vec![
            0.0,
            -0.0,
            1e-7,
            -1e-7,
            5e-7,
            0.0000005,
            999_999_999.999_999,
            1e9,
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = (state % 1_000_000_000) as f64;
            let scale = 10f64.powi((state >> 40) as i32 % 10);
            values.push(digits / scale);
            values.push(-digits / scale / 7.0);
            values.push(f64::from_bits(state >> 2) % 1e9);
        }
        for value in values {
            assert_eq!(Lang::En.number(value), six(value), "{value:e}");
        }
    }
}
