//! Languages: Simplified Chinese by default, English on request (remembered in a cookie).
//! Texts live in `app/locales/app.yml` and are read with `rust_i18n::t!`.

use serde::{Deserialize, Serialize};

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Locale> {
        match s.trim() {
            "zh-CN" | "zh" | "zh-cn" | "zh-Hans" => Some(Locale::ZhCn),
            "en" | "en-US" | "en-GB" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        }
    }

    /// The language from a `Cookie` header, if the visitor chose one.
    pub fn from_cookie_header(header: &str) -> Option<Locale> {
        crate::domain::text::cookie_value(header, LANG_COOKIE).and_then(Locale::parse)
    }

    /// The language for a request: the cookie first; Chinese otherwise (the default of the
    /// service, whatever the browser says).
    pub fn from_headers(cookie: Option<&str>) -> Locale {
        cookie
            .and_then(Locale::from_cookie_header)
            .unwrap_or_default()
    }
}

/// The locale in effect for the current render. An island in the browser has no context from
/// the server render, so it reads the page's `lang` attribute.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_else(page_locale)
}

/// The language the server wrote into `<html lang>` (browser); the default on the server.
pub fn page_locale() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|el| el.get_attribute("lang"))
            .and_then(|l| Locale::parse(&l))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    Locale::default()
}

/// Translates `key` in the current locale.
pub fn tr(key: &str) -> String {
    rust_i18n::t!(key, locale = use_locale().code()).into_owned()
}

/// Translates `key` in `locale` (for code outside the render, e.g. REST handlers).
pub fn translate(key: &str, locale: Locale) -> String {
    rust_i18n::t!(key, locale = locale.code()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_chooses_the_language() {
        assert_eq!(Locale::from_headers(Some("a=b; lang=en; c=d")), Locale::En);
        assert_eq!(Locale::from_headers(Some("lang=zh-CN")), Locale::ZhCn);
        assert_eq!(Locale::from_headers(Some("lang=fr")), Locale::ZhCn);
        assert_eq!(Locale::from_headers(None), Locale::ZhCn);
    }

    #[test]
    fn every_key_has_both_languages() {
        // A key missing in one language falls back to the key itself: catch that here.
        for key in [
            "nav.registry",
            "error.not_found",
            "field_error.area.malformed",
            "registry.title",
        ] {
            for locale in [Locale::ZhCn, Locale::En] {
                let text = rust_i18n::t!(key, locale = locale.code());
                assert_ne!(text, key, "{key} missing in {}", locale.code());
            }
        }
        assert_ne!(
            rust_i18n::t!("nav.registry", locale = "zh-CN"),
            rust_i18n::t!("nav.registry", locale = "en")
        );
    }
}
