//! `loa render-pages`: renders every reader page (each public edition's
//! story page, each language's front page and sections) into this node's
//! stored pages, so that the first reader or crawler of any page finds it
//! rendered. Like `loa reindex` for the search index: the stored pages are
//! derived from the store, and this builds them whole.

use std::sync::Arc;

use loa_domain::CATEGORIES;
use loa_web::cache::Renderer;

use crate::app::Application;
use crate::config::Config;
use crate::jobs::follow_pages::PageFollower;
use crate::services::Services;

/// Renders every page; answers how many rendered.
pub async fn render_pages(mut config: Config) -> anyhow::Result<usize> {
    // Only the stored pages: no memory cache, no port anyone uses; but
    // the pages name the address the node will serve on.
    config.page_cache_mib = 0;
    config.stored_pages = true;
    config.base_url = config.base_url_for(config.listen);
    config.listen = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let services = Services::open(config).await?;
    let head = services.store.last_change().await?;
    let app = Application::with_services(services.clone()).await?;
    let state = app.state().clone();
    let site = Renderer::new(state.clone());

    let mut addresses = Vec::new();
    for lang in state.site.offered() {
        let code = lang.code();
        addresses.push(format!("/{code}/"));
        addresses.extend(CATEGORIES.iter().map(|c| format!("/{code}/category/{}", c.slug)));
    }
    for story in services.store.sitemap().await? {
        addresses.extend(story.langs.iter().map(|l| format!("/{}/article/{}", l.code(), story.slug)));
    }

    // One renderer per core, each through its share of the addresses.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let share = addresses.len().div_ceil(workers).max(1);
    let mut renders = Vec::new();
    for chunk in addresses.chunks(share) {
        let (site, chunk) = (site.clone(), chunk.to_vec());
        renders.push(tokio::spawn(async move { site.render(chunk).await }));
    }
    let mut rendered = 0;
    for r in renders {
        rendered += r.await?;
    }

    // Changes made while it ran (by a serving node, a worker) may have
    // come after their pages were stored here: apply them.
    let mut follower = PageFollower::new(Arc::clone(&state.page_cache), site).starting_after(head);
    follower.round(&services).await?;
    Ok(rendered)
}
