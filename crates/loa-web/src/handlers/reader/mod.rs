//! What readers are served: pages, feeds, sitemaps, pictures, the
//! stylesheet, robots.txt, health, and the one thing readers send (a
//! comment).

pub mod article;
pub mod assets;
pub mod author;
pub mod category;
pub mod comment;
pub mod feed;
pub mod health;
pub mod home;
pub mod media;
pub mod not_found;
pub mod robots;
pub mod search;
pub mod sitemap;
pub mod watch;
