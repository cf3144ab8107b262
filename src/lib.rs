//! attune: a private terminal companion for moving from avoidant toward secure
//! attachment. The binary is thin; everything testable lives here.

pub mod app;
pub mod cli;
pub mod content;
pub mod crisis;
pub mod export;
pub mod fsutil;
pub mod insights;
pub mod journal;
pub mod keys;
pub mod msg;
pub mod query;
pub mod runtime;
pub mod sanitize;
pub mod search;
pub mod session;
pub mod settings;
pub mod store;
pub mod textfield;
pub mod ui;
