//! Free-text input checks shared by every form and query.

use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("too short")]
    TooShort { min: usize },
    #[error("too long")]
    TooLong { max: usize },
    #[error("contains control characters")]
    ControlChars,
}

/// Trims free text and checks it: at least `min` (and at least one) characters unless `min`
/// is 0 and the text is empty (then `None`), at most `max`, no control characters. Characters
/// are Unicode scalar values. The one text rule of every form and query (this system's default).
pub fn bounded(raw: Option<&str>, min: usize, max: usize) -> Result<Option<String>, TextError> {
    let s = raw.map(str::trim).unwrap_or_default();
    let n = s.chars().count();
    if n == 0 && min == 0 {
        return Ok(None);
    }
    if n < min.max(1) {
        return Err(TextError::TooShort { min });
    }
    if n > max {
        return Err(TextError::TooLong { max });
    }
    if s.chars().any(char::is_control) {
        return Err(TextError::ControlChars);
    }
    Ok(Some(s.to_string()))
}

/// Trims a search term and checks it: at most `max` characters, no control characters.
/// Empty input means "no filter".
pub fn search_term(raw: Option<&str>, max: usize) -> Result<Option<String>, TextError> {
    bounded(raw, 0, max)
}

/// Escapes `%`, `_` and `\` so a term can sit inside a SQL `LIKE '%…%' ESCAPE '\'` pattern.
pub fn like_pattern(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    out.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A same-origin path to redirect to after login or a language switch (no open redirects);
/// `/` for anything else. A path is kept only if a browser cannot read it as another host:
/// it starts with one `/` (not `//` or `/\`), holds no backslash, no control character (a
/// browser drops tabs and newlines, so `/\t/evil.example` would become `//evil.example`) and no
/// white space, and is at most 512 bytes. Non-ASCII characters come back percent-encoded, so
/// the path is always a valid `Location` header.
pub fn safe_local_path(next: Option<&str>) -> String {
    let Some(p) = next else {
        return "/".to_string();
    };
    let same_origin = p.len() <= 512
        && p.starts_with('/')
        && !p[1..].starts_with(['/', '\\'])
        && !p
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    if !same_origin {
        return "/".to_string();
    }
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// This site's public address for links that leave the page (the QR code on a card):
/// `PUBLIC_URL` when configured, else `http://` and the request's `Host` when it is a plain
/// host name or address with an optional port (letters, digits, `.-:[]`, at most 255
/// characters), else `http://127.0.0.1:3000`.
pub fn public_base(configured: Option<&str>, host: Option<&str>) -> String {
    let plain_host = |h: &str| {
        !h.is_empty()
            && h.len() <= 255
            && h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
    };
    match (configured.map(str::trim).filter(|s| !s.is_empty()), host) {
        (Some(url), _) => url.trim_end_matches('/').to_string(),
        (None, Some(host)) if plain_host(host) => format!("http://{host}"),
        _ => "http://127.0.0.1:3000".to_string(),
    }
}

/// The value of the cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// Percent-encodes a query value (UTF-8 bytes; `/` kept so local paths stay readable).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Whether `s` has the shape of a username (this system's rule): 1–64 characters of ASCII
/// letters, digits, `_`, `-` and `.`.
pub fn is_username(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_have_one_shape() {
        assert!(is_username("ns_coordinator"));
        assert!(is_username("a.b-c_1"));
        assert!(!is_username(""));
        assert!(!is_username("李强"));
        assert!(!is_username("pass word!"));
        assert!(!is_username(&"a".repeat(65)));
    }

    #[test]
    fn bounded_text_counts_characters_and_refuses_control_characters() {
        assert_eq!(bounded(Some("  "), 0, 5), Ok(None));
        assert_eq!(bounded(None, 2, 5), Err(TextError::TooShort { min: 2 }));
        assert_eq!(
            bounded(Some(" 一 "), 2, 5),
            Err(TextError::TooShort { min: 2 })
        );
        assert_eq!(
            bounded(Some("一二三四五"), 2, 5),
            Ok(Some("一二三四五".into()))
        );
        assert_eq!(
            bounded(Some("一二三四五六"), 2, 5),
            Err(TextError::TooLong { max: 5 })
        );
        assert_eq!(
            bounded(Some("一\u{7}二"), 0, 5),
            Err(TextError::ControlChars)
        );
        assert_eq!(bounded(Some("一\n二"), 0, 5), Err(TextError::ControlChars));
    }

    #[test]
    fn the_public_base_prefers_the_configured_address() {
        assert_eq!(
            public_base(Some("https://jy.example.cn/"), Some("x")),
            "https://jy.example.cn"
        );
        assert_eq!(
            public_base(None, Some("127.0.0.1:3000")),
            "http://127.0.0.1:3000"
        );
        for odd in [
            "evil/\"<",
            "a b",
            "x@evil.example",
            "host\tname",
            "例子.cn",
            "",
        ] {
            assert_eq!(
                public_base(Some(" "), Some(odd)),
                "http://127.0.0.1:3000",
                "{odd:?}"
            );
        }
    }

    #[test]
    fn search_terms() {
        assert_eq!(search_term(None, 10), Ok(None));
        assert_eq!(search_term(Some("   "), 10), Ok(None));
        assert_eq!(search_term(Some(" 社区 "), 10), Ok(Some("社区".into())));
        assert_eq!(
            search_term(Some("一二三四五六七八九十十"), 10),
            Err(TextError::TooLong { max: 10 })
        );
        assert_eq!(
            search_term(Some("a\u{0}b"), 10),
            Err(TextError::ControlChars)
        );
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("社区"), "%社区%");
        assert_eq!(like_pattern("50%_x\\"), "%50\\%\\_x\\\\%");
    }

    #[test]
    fn cookies_are_found_by_name() {
        assert_eq!(cookie_value("a=b; lang=en; c=d", "lang"), Some("en"));
        assert_eq!(cookie_value("a=b;lang=zh-CN", "lang"), Some("zh-CN"));
        assert_eq!(cookie_value("xlang=en; a", "lang"), None);
        assert_eq!(cookie_value("", "lang"), None);
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("a b&c"), "a%20b%26c");
        assert_eq!(encode_query_value("/areas?x=社"), "/areas%3Fx%3D%E7%A4%BE");
    }

    #[test]
    fn redirects_stay_local() {
        assert_eq!(safe_local_path(Some("/areas/11")), "/areas/11");
        assert_eq!(safe_local_path(Some("//evil.example")), "/");
        assert_eq!(safe_local_path(Some("https://evil.example")), "/");
        assert_eq!(safe_local_path(Some("/\\evil")), "/");
        assert_eq!(safe_local_path(None), "/");
        // What browsers drop or read as a host: tabs, newlines, other controls, spaces.
        for hostile in [
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            "/\u{b}/evil.example",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            "/a\\b",
            "\\\\evil.example",
        ] {
            assert_eq!(safe_local_path(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(safe_local_path(Some(&format!("/{}", "a".repeat(600)))), "/");
        // Kept: queries, encoded slashes (a path, not a host), Chinese made header-safe.
        assert_eq!(safe_local_path(Some("/%2F%2Fevil")), "/%2F%2Fevil");
        assert_eq!(safe_local_path(Some("/?q=社区")), "/?q=%E7%A4%BE%E5%8C%BA");
    }
}
