//! loa's demo outlet: a small fictional news site with an RSS feed, served on
//! loopback so that `loa demo` can show the whole platform on real content.
//!
//! The *Central Coast Herald* is a provincial paper covering Vietnam. Its
//! articles (English, Russian, and Vietnamese originals with the outlet's own
//! English versions) live as text files under `articles/`, embedded at
//! compile time and parsed by [`article::parse_article`]. Its pictures are SVG
//! scenes drawn in code ([`svg`]). [`serve_outlet`] runs the site with axum:
//! loa then reads `/rss.xml`, fetches each page over real HTTP, extracts,
//! translates and publishes it, as it would for any outlet.

pub mod article;
pub mod rng;
mod server;
pub mod site;
pub mod svg;

pub use article::{parse_article, ArticleError, DemoArticle, DemoBlock, DemoFigure};
pub use rng::SplitMix64;
pub use server::{serve_outlet, RunningOutlet};
pub use svg::Scene;

use loa_domain::Lang;

/// The outlet's name, as its pages and feed print it.
pub const OUTLET_NAME: &str = "Central Coast Herald";

macro_rules! article_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../articles/", $name)))),*]
    };
}

/// Every article file, embedded: `(file name, contents)`.
pub const ARTICLE_FILES: &[(&str, &str)] = article_files![
    "cua-lo-fishing-village-rebuilds-breakwater.txt",
    "da-nang-software-park-adds-jobs.txt",
    "eksport-kofe-s-tsentralnogo-plato-vyros.txt",
    "ha-tinh-finishes-2200-solid-houses.txt",
    "ha-tinh-plants-casuarina-belt-on-the-coast.txt",
    "ha-tinh-trong-phi-lao-chan-cat-ven-bien.txt",
    "hoi-an-lantern-nights-draw-more-visitors.txt",
    "hue-citadel-east-gate-reopens.txt",
    "hue-footbridge-across-perfume-river.txt",
    "ky-anh-shrimp-farmers-switch-to-solar.txt",
    "mekong-delta-stores-rainwater-as-salt-advances.txt",
    "minh-hoa-teacher-305-students.txt",
    "narodnyi-sovet-ngeana-utverdil-plan-do-2030.txt",
    "nghe-an-draws-1-6-billion-dollars-of-foreign-investment.txt",
    "nghe-an-thu-hut-1-6-ty-usd-von-fdi.txt",
    "phong-nha-cave-season-opens.txt",
    "phuc-trach-pomelo-protected-label.txt",
    "port-vungang-obrabotal-32-mln-tonn.txt",
    "quang-binh-council-approves-2026-budget.txt",
    "quang-binh-phuc-dung-le-hoi-dua-thuyen.txt",
    "quang-binh-revives-kien-giang-boat-race.txt",
    "rossiiskie-turisty-vozvrashchaiutsia-v-danang.txt",
    "temple-of-literature-digitises-steles.txt",
    "v-delte-mekonga-otkryli-146-shkolnykh-klassov.txt",
    "v-khiue-otrestavrirovali-pavilon-grobnitsy.txt",
    "video-dawn-at-cai-rang-floating-market.txt",
    "video-kak-v-khoiane-delaiut-fonari.txt",
    "video-mua-nuoc-do-mu-cang-chai.txt",
    "video-water-season-on-mu-cang-chai-terraces.txt",
    "vrach-iz-khanoia-30-let-lechit-detei-v-gorakh.txt",
];

/// Why the embedded articles do not make a consistent outlet.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OutletError {
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error("{file}: slug `{slug}` is already used by another article; slugs must be unique")]
    DuplicateSlug { file: String, slug: String },
    #[error("{file}: the file name must be the slug plus `.txt` (slug is `{slug}`)")]
    FileNameMismatch { file: String, slug: String },
    #[error("{file}: `translation-of: {original}` names no article of the outlet")]
    MissingOriginal { file: String, original: String },
}

/// The outlet and its parsed articles.
#[derive(Debug, Clone)]
pub struct DemoOutlet {
    name: String,
    articles: Vec<DemoArticle>,
}

/// The demo outlet, parsed from the embedded files.
///
/// The files are compiled in and checked by this crate's tests, so a failure
/// here is a build defect, not bad input; use [`try_outlet`] to see the error.
pub fn outlet() -> DemoOutlet {
    match try_outlet() {
        Ok(o) => o,
        Err(e) => panic!("the embedded demo articles are inconsistent: {e}"),
    }
}

/// Parses and cross-checks the embedded article files.
pub fn try_outlet() -> Result<DemoOutlet, OutletError> {
    DemoOutlet::from_files(OUTLET_NAME, ARTICLE_FILES.iter().copied())
}

impl DemoOutlet {
    /// Builds an outlet from `(file name, contents)` pairs.
    pub fn from_files<'a>(name: &str, files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<DemoOutlet, OutletError> {
        let mut articles: Vec<DemoArticle> = Vec::new();
        for (file, text) in files {
            let a = parse_article(file, text)?;
            if file != format!("{}.txt", a.slug) {
                return Err(OutletError::FileNameMismatch { file: file.to_string(), slug: a.slug });
            }
            if articles.iter().any(|b| b.slug == a.slug) {
                return Err(OutletError::DuplicateSlug { file: file.to_string(), slug: a.slug });
            }
            articles.push(a);
        }
        for a in &articles {
            if let Some(original) = &a.translation_of {
                if !articles.iter().any(|b| &b.slug == original) {
                    return Err(OutletError::MissingOriginal { file: format!("{}.txt", a.slug), original: original.clone() });
                }
            }
        }
        articles.sort_by_key(|a| a.published);
        Ok(DemoOutlet { name: name.to_string(), articles })
    }

    /// Every article, oldest first, the outlet's own translations included.
    pub fn articles(&self) -> &[DemoArticle] {
        &self.articles
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Articles the outlet wrote itself: what its feed lists.
    pub fn originals(&self) -> impl Iterator<Item = &DemoArticle> {
        self.articles.iter().filter(|a| a.is_original())
    }

    pub fn find(&self, slug: &str) -> Option<&DemoArticle> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    /// The other language versions of `article`, as `(language, path)`:
    /// its original if it is a translation, its translations otherwise.
    pub fn alternates(&self, article: &DemoArticle) -> Vec<(Lang, String)> {
        match &article.translation_of {
            Some(original) => self.find(original).map(|o| vec![(o.lang, o.path())]).unwrap_or_default(),
            None => self
                .articles
                .iter()
                .filter(|t| t.translation_of.as_deref() == Some(article.slug.as_str()))
                .map(|t| (t.lang, t.path()))
                .collect(),
        }
    }

    /// Up to `n` other articles in the same language for the "related
    /// stories" box: shared tags first, then the same section, newest first.
    pub fn related(&self, article: &DemoArticle, n: usize) -> Vec<&DemoArticle> {
        let mut scored: Vec<(usize, &DemoArticle)> = self
            .articles
            .iter()
            .filter(|o| o.slug != article.slug && o.lang == article.lang)
            .map(|o| {
                let shared = o.tags.iter().filter(|t| article.tags.contains(t)).count();
                (shared * 2 + usize::from(o.category == article.category), o)
            })
            .filter(|(score, _)| *score > 0)
            .collect();
        scored.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then(b.published.cmp(&a.published)));
        scored.into_iter().take(n).map(|(_, a)| a).collect()
    }
}
