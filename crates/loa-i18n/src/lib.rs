//! loa's interface strings: Fluent bundles, one `.ftl` file per locale
//! (`locales/<code>.ftl`), compiled into the binary.
//!
//! Every page the reader site renders takes all of its interface text from
//! here, in one language. The tests hold the files to two promises: every
//! locale has every message English has (and no more), and no locale ships
//! an English sentence copied in place of a translation.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Timelike, Utc};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use loa_domain::Lang;

pub use fluent_bundle::FluentValue;

/// The locales the interface is written in, in the order a language menu
/// offers them.
const SUPPORTED: [Lang; 10] =
    [Lang::Vi, Lang::En, Lang::Ru, Lang::Uk, Lang::Be, Lang::Es, Lang::Fr, Lang::Ca, Lang::Pt, Lang::It];

const SOURCES: [(Lang, &str); 10] = [
    (Lang::Vi, include_str!("../locales/vi.ftl")),
    (Lang::En, include_str!("../locales/en.ftl")),
    (Lang::Ru, include_str!("../locales/ru.ftl")),
    (Lang::Uk, include_str!("../locales/uk.ftl")),
    (Lang::Be, include_str!("../locales/be.ftl")),
    (Lang::Es, include_str!("../locales/es.ftl")),
    (Lang::Fr, include_str!("../locales/fr.ftl")),
    (Lang::Ca, include_str!("../locales/ca.ftl")),
    (Lang::Pt, include_str!("../locales/pt.ftl")),
    (Lang::It, include_str!("../locales/it.ftl")),
];

/// The locale whose text stands in for a missing message in release builds.
const FALLBACK: Lang = Lang::En;

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locales/{lang}.ftl does not parse: {details}")]
    Syntax { lang: Lang, details: String },
    #[error("locales/{lang}.ftl cannot be loaded: {details} (is a message id defined twice?)")]
    Bundle { lang: Lang, details: String },
    #[error("{0} is not a valid Unicode language identifier")]
    LangId(Lang),
    #[error("there are no interface strings for {0}; supported locales: vi, en, ru, uk, be, es, fr, ca, pt, it")]
    Unsupported(Lang),
}

struct Locale {
    bundle: FluentBundle<Arc<FluentResource>>,
    resource: Arc<FluentResource>,
}

/// Every locale's messages, loaded once and shared (it is `Send + Sync`).
pub struct Locales {
    locales: HashMap<Lang, Locale>,
}

impl fmt::Debug for Locales {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut langs: Vec<Lang> = self.locales.keys().copied().collect();
        langs.sort();
        f.debug_struct("Locales").field("langs", &langs).finish()
    }
}

impl Locales {
    /// Parses every embedded `.ftl` file. An error here is a broken file in
    /// `crates/loa-i18n/locales/`, named in the message.
    pub fn load() -> Result<Locales, I18nError> {
        let mut locales = HashMap::new();
        for (lang, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errors)| I18nError::Syntax {
                lang,
                details: errors.iter().map(|e| format!("{:?} at bytes {:?}", e.kind, e.pos)).collect::<Vec<_>>().join("; "),
            })?;
            let resource = Arc::new(resource);
            let id: unic_langid::LanguageIdentifier = lang.code().parse().map_err(|_| I18nError::LangId(lang))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Unicode isolation marks would end up as invisible characters
            // in HTML, in copied text and in search engines' snippets.
            bundle.set_use_isolating(false);
            bundle.add_resource(Arc::clone(&resource)).map_err(|errors| I18nError::Bundle {
                lang,
                details: errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "),
            })?;
            locales.insert(lang, Locale { bundle, resource });
        }
        Ok(Locales { locales })
    }

    /// The languages the interface exists in.
    pub fn supported() -> &'static [Lang] {
        &SUPPORTED
    }

    pub fn is_supported(lang: Lang) -> bool {
        SUPPORTED.contains(&lang)
    }

    /// A message without arguments.
    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.text_args(lang, id, &[])
    }

    /// A message with arguments: `("count", 3.into())`, `("name", "Huế".into())`.
    /// Numbers select plural variants by the locale's rules.
    ///
    /// A message missing in `lang` shows as `⟦id⟧` in debug builds, so that
    /// tests and developers see it; release builds fall back to English.
    pub fn text_args(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        if let Some(text) = self.format(lang, id, args) {
            return text;
        }
        if !cfg!(debug_assertions) {
            if let Some(text) = self.format(FALLBACK, id, args) {
                return text;
            }
        }
        format!("⟦{id}⟧")
    }

    fn format(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
        let locale = self.locales.get(&lang)?;
        let message = locale.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        // Formatting errors (an argument the caller forgot) still yield
        // text with the placeholder visible, which is the useful outcome.
        let mut errors = Vec::new();
        let text = locale.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }

    /// Whether `lang`'s file defines `id`.
    pub fn has_message(&self, lang: Lang, id: &str) -> bool {
        self.locales.get(&lang).is_some_and(|l| l.bundle.has_message(id))
    }

    /// The ids of every message in `lang`'s file, in file order (terms,
    /// whose ids start with `-`, are private to the file and not listed).
    pub fn message_ids(&self, lang: Lang) -> Vec<String> {
        self.message_texts(lang).into_iter().map(|(id, _)| id).collect()
    }

    /// Every message of `lang` with the literal text runs of its value:
    /// the words between placeables, each variant of a selector separately,
    /// trimmed, empty runs dropped. This is the text a reader can see of a
    /// locale whatever the arguments, which is what a test looks for when
    /// it hunts for one locale's words on another locale's page.
    pub fn message_texts(&self, lang: Lang) -> Vec<(String, Vec<String>)> {
        let Some(locale) = self.locales.get(&lang) else {
            return Vec::new();
        };
        locale
            .resource
            .entries()
            .filter_map(|entry| match entry {
                ast::Entry::Message(m) => {
                    let mut runs = Vec::new();
                    if let Some(value) = &m.value {
                        let mut current = String::new();
                        collect_runs(value, &mut current, &mut runs);
                        push_run(&mut current, &mut runs);
                    }
                    Some((m.id.name.to_string(), runs))
                }
                _ => None,
            })
            .collect()
    }

    /// The name of a section (`category-<slug>`).
    pub fn category_name(&self, lang: Lang, slug: &str) -> String {
        self.text(lang, &format!("category-{slug}"))
    }

    /// The name of language `of` as written in `lang`'s interface
    /// (`language-<code>`), e.g. Spanish for English is "inglés".
    pub fn language_name(&self, lang: Lang, of: Lang) -> String {
        self.text(lang, &format!("language-{}", of.code()))
    }

    /// A calendar date as the locale writes it, from the `date-format`
    /// message and the `month-1` … `month-12` names (the form a month takes
    /// inside a date: genitive in Russian, with its preposition in Catalan).
    pub fn format_date(&self, lang: Lang, at: DateTime<Utc>) -> String {
        let month = self.text(lang, &format!("month-{}", at.month()));
        self.text_args(
            lang,
            "date-format",
            &[
                ("day", at.day().to_string().into()),
                ("day2", format!("{:02}", at.day()).into()),
                ("month", month.into()),
                ("month2", format!("{:02}", at.month()).into()),
                ("year", at.year().to_string().into()),
            ],
        )
    }

    /// A date with its time of day in UTC (schedules and embargoes), from
    /// `date-time-format` around [`Self::format_date`] and `HH:MM`.
    pub fn format_date_time(&self, lang: Lang, at: DateTime<Utc>) -> String {
        let time = format!("{:02}:{:02}", at.hour(), at.minute());
        self.text_args(lang, "date-time-format", &[("date", self.format_date(lang, at).into()), ("time", time.into())])
    }
}

fn push_run(current: &mut String, runs: &mut Vec<String>) {
    let run = current.trim();
    if !run.is_empty() {
        runs.push(run.to_string());
    }
    current.clear();
}

fn collect_runs(pattern: &ast::Pattern<&str>, current: &mut String, runs: &mut Vec<String>) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => current.push_str(value),
            ast::PatternElement::Placeable { expression } => collect_expression_runs(expression, current, runs),
        }
    }
}

fn collect_expression_runs(expression: &ast::Expression<&str>, current: &mut String, runs: &mut Vec<String>) {
    match expression {
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => current.push_str(value),
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            collect_expression_runs(expression, current, runs)
        }
        ast::Expression::Inline(_) => push_run(current, runs),
        ast::Expression::Select { variants, .. } => {
            push_run(current, runs);
            for variant in variants {
                let mut inner = String::new();
                collect_runs(&variant.value, &mut inner, runs);
                push_run(&mut inner, runs);
            }
        }
    }
}

#[cfg(test)]
mod tests;
