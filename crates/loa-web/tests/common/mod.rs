//! What the site tests share: the application state of a site on `base`,
//! with no page cache, no proxies and no corrections engine.

use std::sync::Arc;

use loa_domain::Lang;
use loa_i18n::Locales;
use loa_search::SearchIndex;
use loa_store::Store;
use loa_web::{AppState, SiteConfig};

pub fn state(store: Store, search: SearchIndex, languages: Vec<Lang>, base: &str) -> AppState {
    loa_web::Shared {
        store,
        search,
        locales: Arc::new(Locales::load().unwrap()),
        site: SiteConfig {
            languages,
            default_lang: Lang::En,
            base_url: base.to_string(),
            trusted_proxies: Vec::new(),
            page_cache: std::time::Duration::ZERO,
            feed_full_text: false,
            metrics_from: Vec::new(),
        },
        guards: Default::default(),
        page_cache: Default::default(),
        validators: Default::default(),
        metrics: Default::default(),
        corrections: None,
        following: None,
    }
    .into()
}
