//! The web app's own words (buttons, headings, labels) in the five languages, as Fluent
//! catalogues in `locales/web/*.ftl`, embedded at build time and checked at first use: a
//! syntax error names the file, and a message English has that another language lacks fails
//! (the unit test makes that a test failure, never a gap on a page). Clinical texts (cards,
//! kinds, severities, units, analyte names) come from the knowledge crate's catalogues, not
//! from here.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use neuronutri_knowledge::Lang;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn catalogue(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (
            "locales/web/en.ftl",
            include_str!("../../locales/web/en.ftl"),
        ),
        Lang::Ru => (
            "locales/web/ru.ftl",
            include_str!("../../locales/web/ru.ftl"),
        ),
        Lang::Uz => (
            "locales/web/uz.ftl",
            include_str!("../../locales/web/uz.ftl"),
        ),
        Lang::UzCyrl => (
            "locales/web/uz-Cyrl.ftl",
            include_str!("../../locales/web/uz-Cyrl.ftl"),
        ),
        Lang::It => (
            "locales/web/it.ftl",
            include_str!("../../locales/web/it.ftl"),
        ),
    }
}

/// The loaded catalogues.
pub struct WebTexts {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    /// Every message rendered without arguments, per language (what templates read as `t`).
    fixed: Vec<(Lang, BTreeMap<String, String>)>,
}

fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

impl WebTexts {
    /// Loads and checks the catalogues.
    pub fn load() -> Result<WebTexts, String> {
        let (_, english) = catalogue(Lang::En);
        let wanted = message_ids(english);
        let mut bundles = Vec::new();
        let mut fixed = Vec::new();
        for lang in Lang::ALL {
            let (file, text) = catalogue(lang);
            let tag = lang
                .tag()
                .parse()
                .map_err(|_| format!("{file}: bad language tag"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            bundle.set_use_isolating(false);
            let resource = FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
                let offset = errors.first().map(|e| e.pos.start).unwrap_or(0);
                let line = text[..offset.min(text.len())].lines().count().max(1);
                format!("{file}:{line}: Fluent syntax error {:?}", errors.first())
            })?;
            bundle
                .add_resource(resource)
                .map_err(|e| format!("{file}: duplicate messages: {e:?}"))?;
            if let Some(missing) = wanted.iter().find(|id| !bundle.has_message(id)) {
                return Err(format!("{file}: message '{missing}' is missing"));
            }
            let mut rendered = BTreeMap::new();
            for id in message_ids(text) {
                if let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) {
                    let mut errors = Vec::new();
                    let value = bundle.format_pattern(pattern, None, &mut errors);
                    if errors.is_empty() {
                        rendered.insert(id, value.into_owned());
                    }
                }
            }
            fixed.push((lang, rendered));
            bundles.push((lang, bundle));
        }
        Ok(WebTexts { bundles, fixed })
    }

    /// Every message of `lang` without arguments.
    pub fn all(&self, lang: Lang) -> &BTreeMap<String, String> {
        &self
            .fixed
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every language is loaded")
            .1
    }

    /// One message with arguments; a gap renders as the id (the tests keep there being none).
    pub fn render(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = &self
            .bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every language is loaded")
            .1;
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

/// The catalogues, loaded once.
pub fn texts() -> &'static WebTexts {
    static TEXTS: OnceLock<WebTexts> = OnceLock::new();
    TEXTS.get_or_init(|| match WebTexts::load() {
        Ok(texts) => texts,
        // The catalogues are compiled in and checked by the tests below: reaching this is a
        // build that skipped its tests.
        Err(e) => panic!("web catalogues: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message_and_no_text_is_empty() {
        let texts = WebTexts::load().unwrap();
        let english = texts.all(Lang::En);
        assert!(english.len() > 50, "{}", english.len());
        for lang in Lang::ALL {
            let all = texts.all(lang);
            for id in english.keys() {
                let text = all
                    .get(id)
                    .unwrap_or_else(|| panic!("{lang}: {id} missing"));
                assert!(!text.trim().is_empty(), "{lang}: {id} is empty");
            }
        }
    }

    #[test]
    fn translations_differ_from_english_where_words_are_shown() {
        let texts = WebTexts::load().unwrap();
        for lang in [Lang::Ru, Lang::UzCyrl] {
            assert_ne!(texts.all(lang)["sign_in"], texts.all(Lang::En)["sign_in"]);
            assert_ne!(texts.all(lang)["patients"], texts.all(Lang::En)["patients"]);
        }
    }
}
