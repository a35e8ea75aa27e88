//! The public JSON API, `/api/v1/…`, one module per group of endpoints
//! (the newsroom's own JSON lives with the newsroom).

pub mod lists;
pub mod public;
