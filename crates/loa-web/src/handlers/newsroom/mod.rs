//! What newsroom members are served: signing in and out, the desk, an
//! edition's review, comment moderation, and the newsroom's JSON
//! (`/api/v1/sources`, `/api/v1/review`, `/api/v1/articles/{slug}/editions`).
//! `member` says who is signed in and answers those who may not go on.

pub mod access;
pub mod account;
pub mod api;
pub mod decisions;
pub mod desk;
pub mod log;
pub(crate) mod member;
pub mod moderate;
pub mod review_edition;
pub mod schedule;
pub mod sign_in;
pub mod sign_out;
pub mod sources;
pub mod story;
