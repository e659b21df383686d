//! The report's language: every fixed text of a study report (headers, notes, warnings,
//! methods sentences, figure titles, axes and legends) in English, Russian, Italian or Uzbek,
//! and its numbers with the language's decimal separator.
//!
//! The analyses build the report in English, the reference language (so the English report,
//! its golden files and the code that writes it stay as they are). A non-English report is
//! then translated text by text: `locales/en.ftl` holds every English text as a Fluent
//! message whose variables stand for the parts that change (`$n…` a number, `$u…` a text of
//! the protocol such as a label, `$t…` a text translated in turn, `$x…` a text kept as
//! written); a text is matched against those messages, and the message of the same id in
//! the target catalogue (`locales/ru.ftl`, ...) is formatted with the same parts, numbers
//! rewritten with the decimal comma. Labels and titles the protocol gives are printed as
//! written. A text that matches no message stays in English and is listed in
//! [`Report::untranslated`](crate::report::Report), so a gap shows; the tests require none
//! for the example studies.
//!
//! Figures are drawn while the analyses run, so their texts and tick labels are translated
//! at drawing time, through the localizer the report installs for the current thread while
//! it runs.

use crate::protocol::Protocol;
use crate::report::Report;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
pub use neuronutri_knowledge::Lang;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::OnceLock;

/// The languages a report can be written in.
pub const REPORT_LANGS: [Lang; 4] = [Lang::En, Lang::Ru, Lang::It, Lang::Uz];

/// The report language of a tag (`en`, `ru`, ...), or why there is none.
pub fn report_lang(tag: &str) -> Result<Lang, String> {
    let available = REPORT_LANGS.map(Lang::tag).join(", ");
    match tag.parse::<Lang>() {
        Ok(lang) if REPORT_LANGS.contains(&lang) => Ok(lang),
        _ => Err(format!(
            "unknown report language {tag:?} (available: {available})"
        )),
    }
}

/// Whether the language writes numbers with a decimal comma (and so its CSV tables are
/// `;`-delimited for the spreadsheets of its locale).
pub fn decimal_comma(lang: Lang) -> bool {
    lang != Lang::En
}

/// The catalogue file of a language: (name, text).
fn catalogue(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Ru => ("locales/ru.ftl", include_str!("../locales/ru.ftl")),
        Lang::It => ("locales/it.ftl", include_str!("../locales/it.ftl")),
        Lang::Uz => ("locales/uz.ftl", include_str!("../locales/uz.ftl")),
        _ => ("locales/en.ftl", include_str!("../locales/en.ftl")),
    }
}

/// A catalogue's messages as a Fluent bundle, and the syntax errors met loading it (the
/// tests require none; a message after an error still loads).
fn load(lang: Lang) -> (FluentBundle<FluentResource>, Vec<String>) {
    let (file, text) = catalogue(lang);
    let (resource, mut errors) = match FluentResource::try_new(text.to_owned()) {
        Ok(r) => (r, Vec::new()),
        Err((r, e)) => (
            r,
            e.iter()
                .map(|e| format!("{file}:{}: {:?}", crate::line_of(text, e.pos.start), e.kind))
                .collect(),
        ),
    };
    let tag = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    bundle.set_use_isolating(false);
    if let Err(e) = bundle.add_resource(resource) {
        errors.extend(e.iter().map(|e| format!("{file}: {e}")));
    }
    (bundle, errors)
}

struct Catalogues {
    /// Per language, the bundle and its load errors.
    bundles: Vec<(Lang, FluentBundle<FluentResource>, Vec<String>)>,
    /// The English messages as patterns, most literal text first.
    patterns: Vec<Pattern>,
}

fn catalogues() -> &'static Catalogues {
    static CATALOGUES: OnceLock<Catalogues> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        let bundles: Vec<_> = REPORT_LANGS
            .iter()
            .map(|&l| {
                let (b, e) = load(l);
                (l, b, e)
            })
            .collect();
        let patterns = english_patterns(&bundles[0].1);
        Catalogues { bundles, patterns }
    })
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    let c = catalogues();
    &c.bundles
        .iter()
        .find(|(l, _, _)| *l == lang)
        .unwrap_or(&c.bundles[0])
        .1
}

/// The syntax errors of every catalogue and, per language, the English messages it lacks or
/// whose variables differ from the English ones (for the tests; empty when all is well). A
/// frame word (`frame-…`, the headings around the tables) may be missing: it is then printed
/// in English.
pub fn catalogue_problems() -> Vec<String> {
    let c = catalogues();
    let mut out: Vec<String> = c.bundles.iter().flat_map(|(_, _, e)| e.clone()).collect();
    let en_ids = message_ids(Lang::En);
    for &lang in &REPORT_LANGS[1..] {
        let ids = message_ids(lang);
        for (id, vars) in &en_ids {
            match ids.iter().find(|(i, _)| i == id) {
                None if id.starts_with("frame-") => {}
                None => out.push(format!("{}: no message {id}", lang.tag())),
                Some((_, v)) if v != vars => out.push(format!(
                    "{}: message {id} has the variables {v:?}, English {vars:?}",
                    lang.tag()
                )),
                Some(_) => {}
            }
        }
        for (id, _) in &ids {
            if !en_ids.iter().any(|(i, _)| i == id) {
                out.push(format!("{}: message {id} is not in English", lang.tag()));
            }
        }
    }
    for p in &c.patterns {
        if p.segs
            .windows(2)
            .any(|w| matches!(w, [Seg::Var(_), Seg::Var(_)]))
        {
            out.push(format!(
                "en: message {} has two variables side by side",
                p.id
            ));
        }
        if p.literal == 0 {
            out.push(format!("en: message {} has no fixed text", p.id));
        }
    }
    out
}

/// The message ids of a catalogue and the variables each uses (sorted, each once).
fn message_ids(lang: Lang) -> Vec<(String, Vec<String>)> {
    let (_, text) = catalogue(lang);
    let resource = match FluentResource::try_new(text.to_owned()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => {
                let mut vars = Vec::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                vars.sort();
                vars.dedup();
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut Vec<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut Vec<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => out.push(id.name.to_owned()),
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

/// A piece of an English message: fixed text or a variable.
#[derive(Debug)]
enum Seg {
    Lit(String),
    Var(String),
}

/// An English message as a pattern to match texts against.
#[derive(Debug)]
struct Pattern {
    id: String,
    segs: Vec<Seg>,
    /// Characters of fixed text (more is more specific, tried first; see `english_patterns`).
    literal: usize,
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Every English message as a pattern: formatted with a marker in place of each variable,
/// then cut at the markers.
fn english_patterns(en: &FluentBundle<FluentResource>) -> Vec<Pattern> {
    let mut out = Vec::new();
    for (id, vars) in message_ids(Lang::En) {
        if id.starts_with("frame-") {
            continue;
        }
        let Some(value) = en.get_message(&id).and_then(|m| m.value()) else {
            continue;
        };
        let mut args = FluentArgs::new();
        for v in &vars {
            args.set(v.clone(), FluentValue::from(format!("{OPEN}{v}{CLOSE}")));
        }
        let mut errors = Vec::new();
        let text = en.format_pattern(value, Some(&args), &mut errors);
        let mut segs = Vec::new();
        let mut rest: &str = &text;
        while let Some(start) = rest.find(OPEN) {
            if start > 0 {
                segs.push(Seg::Lit(rest[..start].to_owned()));
            }
            let after = &rest[start + OPEN.len_utf8()..];
            let end = after.find(CLOSE).unwrap_or(after.len());
            segs.push(Seg::Var(after[..end].to_owned()));
            rest = after.get(end + CLOSE.len_utf8()..).unwrap_or("");
        }
        if !rest.is_empty() {
            segs.push(Seg::Lit(rest.to_owned()));
        }
        let literal = segs
            .iter()
            .map(|s| match s {
                Seg::Lit(l) => l.chars().count(),
                Seg::Var(_) => 0,
            })
            .sum();
        out.push(Pattern { id, segs, literal });
    }
    // A message that opens with a free text ($x) would take any text ending like it (the
    // note around a statistics message, say): those are tried after the others.
    let open_start =
        |p: &Pattern| matches!(p.segs.first(), Some(Seg::Var(v)) if v.starts_with('x'));
    out.sort_by_key(|p| (open_start(p), std::cmp::Reverse(p.literal)));
    out
}

/// Whether a text is a number or numbers with the signs tables print around them ("317 ±
/// 54", "12 (35.3%)", "[279; 358]", "<0.001", "1.5e−7", "—"): no letters besides an
/// exponent's `e`, at least one digit.
pub fn is_numeric(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut digit = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            digit = true;
        } else if c == 'e' {
            let before = i > 0 && chars[i - 1].is_ascii_digit();
            let after = chars
                .get(i + 1)
                .is_some_and(|&d| d.is_ascii_digit() || matches!(d, '+' | '-' | '\u{2212}'));
            if !(before && after) {
                return false;
            }
        } else if !" .,;±[]()<>=≤≥%+-\u{2212}–—×/:".contains(c) {
            return false;
        }
    }
    digit
}

/// Numbers written with a decimal point rewritten with a decimal comma (".023" too); a comma that
/// separated two numbers becomes a semicolon first, so "(0.1, 0.9)" reads "(0,1; 0,9)".
pub fn comma_numbers(text: &str) -> String {
    let text = text.replace(", ", "; ");
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            // a digit after, and before it a digit or nothing of a word (APA's ".023")
            let before =
                i == 0 || chars[i - 1].is_ascii_digit() || "<>=([; −-".contains(chars[i - 1]);
            let decimal = before && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            if c == '.' && decimal {
                ','
            } else {
                c
            }
        })
        .collect()
}

/// Translates a report's texts into one language.
pub struct Localizer {
    lang: Lang,
    /// Texts of the protocol (labels, units, levels, titles, names): printed as given.
    user: HashSet<String>,
    bundle: &'static FluentBundle<FluentResource>,
    patterns: &'static [Pattern],
    /// Translations already made (a text's parts are tried at many cuts).
    cache: RefCell<HashMap<String, Option<String>>>,
}

/// How deep a text may nest translated parts.
const MAX_DEPTH: usize = 8;

impl Localizer {
    /// The localizer of a protocol's language; `None` for English (nothing to do).
    pub fn for_protocol(protocol: &Protocol) -> Option<Localizer> {
        if protocol.lang == Lang::En {
            return None;
        }
        let mut user: HashSet<String> = HashSet::new();
        user.insert(protocol.title.clone());
        user.extend(protocol.source.iter().cloned());
        user.insert(protocol.group.clone());
        user.extend(protocol.groups.iter().cloned());
        for (k, v) in &protocol.group_labels {
            user.insert(k.clone());
            user.insert(v.clone());
        }
        for v in &protocol.variables {
            user.insert(v.name.clone());
            user.insert(v.label.clone());
            user.insert(v.heading());
            user.extend(v.unit.iter().cloned());
            for l in v.levels.iter().flatten() {
                user.insert(l.clone());
                user.insert(protocol.level_label(l).to_owned());
            }
        }
        for t in &protocol.tables {
            user.insert(t.id.clone());
            user.insert(t.title.clone());
            use crate::protocol::Analysis as A;
            let (within, levels): (Option<&String>, &[String]) = match &t.analysis {
                A::Characteristics { grouping, .. }
                | A::Comparison { grouping, .. }
                | A::Survival { grouping, .. } => (grouping.within.as_ref(), &grouping.levels),
                A::Paired { within, times, .. } => (within.as_ref(), times.as_slice()),
                A::Correlations { within, .. } | A::Regression { within, .. } => {
                    (within.as_ref(), &[])
                }
            };
            for l in within.into_iter().chain(levels) {
                user.insert(l.clone());
                user.insert(protocol.level_label(l).to_owned());
            }
        }
        user.retain(|u| !u.is_empty());
        Some(Localizer::new(protocol.lang, user))
    }

    /// The localizer of a language for texts without protocol labels (the data format).
    pub fn for_lang(lang: Lang) -> Localizer {
        Localizer::new(lang, HashSet::new())
    }

    fn new(lang: Lang, user: HashSet<String>) -> Localizer {
        Localizer {
            lang,
            user,
            bundle: bundle(lang),
            patterns: &catalogues().patterns,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A number text in the language's notation.
    pub fn number(&self, text: &str) -> String {
        if decimal_comma(self.lang) {
            comma_numbers(text)
        } else {
            text.to_owned()
        }
    }

    /// The translation of a fixed text (with its numbers and protocol texts in place), or
    /// `None` when no message matches it.
    pub fn translate(&self, text: &str) -> Option<String> {
        self.translate_at(text, 0)
    }

    fn translate_at(&self, text: &str, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH || text.is_empty() {
            return None;
        }
        if let Some(known) = self.cache.borrow().get(text) {
            return known.clone();
        }
        let found = self.translate_uncached(text, depth);
        // (a miss found near the depth limit is kept too: real texts nest far less deeply)
        self.cache
            .borrow_mut()
            .insert(text.to_owned(), found.clone());
        found
    }

    fn translate_uncached(&self, text: &str, depth: usize) -> Option<String> {
        for p in self.patterns {
            let mut caps = Vec::new();
            if self.matches(&p.segs, text, depth, &mut caps) {
                let message = self.bundle.get_message(&p.id)?;
                let value = message.value()?;
                let mut args = FluentArgs::new();
                for (name, part) in caps {
                    let integer = name.starts_with('n')
                        && !part.is_empty()
                        && part.chars().all(|c| c.is_ascii_digit());
                    match part.parse::<f64>() {
                        Ok(n) if integer => args.set(name, FluentValue::from(n)),
                        _ => args.set(name, FluentValue::from(part)),
                    }
                }
                let mut errors = Vec::new();
                let out = self.bundle.format_pattern(value, Some(&args), &mut errors);
                return errors.is_empty().then(|| out.into_owned());
            }
        }
        None
    }

    /// Whether `text` matches the pieces `segs`; the variables' parts, as they are to be
    /// printed, go to `caps`.
    fn matches(
        &self,
        segs: &[Seg],
        text: &str,
        depth: usize,
        caps: &mut Vec<(String, String)>,
    ) -> bool {
        match segs {
            [] => text.is_empty(),
            [Seg::Lit(l), rest @ ..] => text
                .strip_prefix(l.as_str())
                .is_some_and(|t| self.matches(rest, t, depth, caps)),
            [Seg::Var(v)] => match self.part(v, text, depth) {
                Some(p) => {
                    caps.push((v.clone(), p));
                    true
                }
                None => false,
            },
            [Seg::Var(v), Seg::Lit(l), rest @ ..] => {
                for (at, _) in text.match_indices(l.as_str()).filter(|&(at, _)| at > 0) {
                    if let Some(p) = self.part(v, &text[..at], depth) {
                        caps.push((v.clone(), p));
                        if self.matches(rest, &text[at + l.len()..], depth, caps) {
                            return true;
                        }
                        caps.pop();
                    }
                }
                false
            }
            // two variables side by side: the catalogue test forbids them
            [Seg::Var(_), Seg::Var(_), ..] => false,
        }
    }

    /// A variable's part as printed, if the text fits the variable's kind.
    fn part(&self, var: &str, text: &str, depth: usize) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        match var.chars().next() {
            Some('n') => is_numeric(text).then(|| self.number(text)),
            Some('u') => self.user.contains(text).then(|| text.to_owned()),
            Some('t') => self.text_part(text, depth + 1),
            _ => Some(text.to_owned()),
        }
    }

    /// A text inside a translated text: a protocol text as given, a number in the
    /// language's notation, else its translation.
    fn text_part(&self, text: &str, depth: usize) -> Option<String> {
        if self.user.contains(text) {
            Some(text.to_owned())
        } else if is_numeric(text) {
            Some(self.number(text))
        } else {
            self.translate_at(text, depth)
        }
    }

    /// A printed text of the report: a protocol text as given, numbers in the language's
    /// notation, a fixed text translated; `None` when it is none of these.
    pub fn text(&self, text: &str) -> Option<String> {
        if text.is_empty() || text == "—" {
            return Some(text.to_owned());
        }
        if let Some(level) = text.strip_prefix("  ") {
            return self.text(level).map(|t| format!("  {t}"));
        }
        self.text_part(text, 0)
    }

    /// Like [`Localizer::text`], recording a text it cannot translate (kept as it is) in
    /// `misses` with `place`.
    fn field(&self, text: &mut String, place: &str, misses: &mut Vec<String>) {
        match self.text(text) {
            Some(t) => *text = t,
            None => misses.push(format!("{place}: {text}")),
        }
    }

    /// A column header: a fixed word first ("Test" is a header before it is a group's
    /// label), then as [`Localizer::field`].
    fn header(&self, text: &mut String, place: &str, misses: &mut Vec<String>) {
        match self.translate(text) {
            Some(t) => *text = t,
            None => self.field(text, place, misses),
        }
    }

    /// Translates every printed text of a report built in English (the typed numbers of
    /// `report.json` stay as they are, and so does the data format, a technical description
    /// of the file that the Markdown and HTML frames translate); the texts it could not
    /// translate are listed in `report.untranslated`.
    pub fn localize(&self, report: &mut Report) {
        let mut misses = Vec::new();
        report.lang = self.lang.tag().to_owned();
        // A title the protocol gave stays; a default one is translated.
        if let Some(t) = self.translate(&report.title) {
            report.title = t;
        }
        for (i, m) in report.methods.iter_mut().enumerate() {
            self.field(m, &format!("methods {}", i + 1), &mut misses);
        }
        for table in &mut report.tables {
            if !self.user.contains(&table.title) {
                if let Some(t) = self.translate(&table.title) {
                    table.title = t;
                }
            }
            let id = table.id.clone();
            for h in &mut table.header {
                self.header(h, &format!("{id} header"), &mut misses);
            }
            for (r, row) in table.rows.iter_mut().enumerate() {
                for cell in row.iter_mut() {
                    self.field(cell, &format!("{id} row {}", r + 1), &mut misses);
                }
            }
            for n in &mut table.notes {
                self.field(n, &format!("{id} note"), &mut misses);
            }
        }
        for f in &mut report.figures {
            f.title = self.figure(&f.title).into_owned();
        }
        report.untranslated = misses;
    }

    /// A text of a figure: translated when it can be, else as it is (labels and titles the
    /// protocol gives).
    pub fn figure<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match self.text(text) {
            Some(t) => Cow::Owned(t),
            None => Cow::Borrowed(text),
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Localizer>>> = const { RefCell::new(None) };
}

/// While it lives, figures drawn on this thread speak the localizer's language.
pub(crate) struct Scope {
    previous: Option<Rc<Localizer>>,
}

impl Scope {
    pub(crate) fn enter(localizer: Option<Rc<Localizer>>) -> Scope {
        Scope {
            previous: CURRENT.with(|c| c.replace(localizer)),
        }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// A figure's text in the current report language (as it is in English).
pub(crate) fn figure_text(text: &str) -> Cow<'_, str> {
    CURRENT.with(|c| match c.borrow().as_ref() {
        Some(l) => Cow::Owned(l.figure(text).into_owned()),
        None => Cow::Borrowed(text),
    })
}

/// A tick label (a number) in the current report language's notation.
pub(crate) fn figure_number(text: String) -> String {
    CURRENT.with(|c| match c.borrow().as_ref() {
        Some(l) => l.number(&text),
        None => text,
    })
}

/// The words of the report's frame (Markdown and HTML headings, footer): message `id` of the
/// language's catalogue with text arguments.
pub fn frame(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let mut b = bundle(lang);
    if !b.has_message(id) {
        // a frame word not translated yet: the English one
        b = bundle(Lang::En);
    }
    let Some(value) = b.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        match v.parse::<f64>() {
            // a count, for the plural forms
            Ok(n) if v.chars().all(|c| c.is_ascii_digit()) => fargs.set(*k, FluentValue::from(n)),
            _ => fargs.set(*k, FluentValue::from(v.clone())),
        }
    }
    let mut errors = Vec::new();
    b.format_pattern(value, Some(&fargs), &mut errors)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_load_and_agree() {
        let problems = catalogue_problems();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn numbers_take_the_decimal_comma() {
        for (en, ru) in [
            ("317 ± 54", "317 ± 54"),
            ("0.52", "0,52"),
            ("<0.001", "<0,001"),
            ("12 (35.3%)", "12 (35,3%)"),
            ("1.5e−7", "1,5e−7"),
            ("(0.1, 0.9)", "(0,1; 0,9)"),
            ("[279.5; 358]", "[279,5; 358]"),
            (".570", ",570"),
            ("<.001", "<,001"),
        ] {
            assert!(is_numeric(en), "{en}");
            assert_eq!(comma_numbers(en), ru);
        }
        for text in ["Age", "n = 3", "p", "e5", "Mann–Whitney U", "—"] {
            assert!(!is_numeric(text), "{text}");
        }
    }

    /// Nested texts: a note naming a protocol label around a message of the statistics crate.
    #[test]
    fn a_note_with_a_statistics_message_is_translated_whole() {
        let user: HashSet<String> = ["Age".to_owned(), "HFS".to_owned()].into();
        let ru = Localizer::new(Lang::Ru, user);
        assert_eq!(
            ru.text("Age: no test: Welch t needs at least 2 non-missing values, got 1")
                .as_deref(),
            Some("Age: критерий не рассчитан: Welch t: нужно не менее 2 непропущенных значений, получено 1")
        );
        assert_eq!(
            ru.text("Age: no test: the group HFS has no values")
                .as_deref(),
            Some("Age: критерий не рассчитан: в группе HFS нет значений")
        );
        // a label the protocol does not know is no match for a label's place
        assert_eq!(
            ru.text("Weight: no test: the group HFS has no values"),
            None
        );
        // headers: the fixed word first
        assert_eq!(ru.translate("Test").as_deref(), Some("Критерий"));
    }

    #[test]
    fn unknown_language_is_an_error_naming_the_choices() {
        assert_eq!(report_lang("ru"), Ok(Lang::Ru));
        assert_eq!(report_lang("it"), Ok(Lang::It));
        assert_eq!(report_lang("uz"), Ok(Lang::Uz));
        let e = report_lang("xx").unwrap_err();
        assert!(e.contains("\"xx\"") && e.contains("en, ru, it, uz"), "{e}");
        // Uzbek in Cyrillic script has no report catalogue (yet)
        assert!(report_lang("uz-Cyrl").is_err());
    }
}
