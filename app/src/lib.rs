//! 基层就业 — the grassroots employment service platform: the Leptos app, compiled twice
//! (feature `ssr` for the server, `hydrate` for the browser).

#![recursion_limit = "512"]

rust_i18n::i18n!("locales", fallback = "zh-CN");

pub mod api;
pub mod domain;
pub mod i18n;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod backend;

pub use ui::{App, shell};
