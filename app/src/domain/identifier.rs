//! Identifiers as people type them: an ID number, a phone, an area code, a certificate or card
//! number typed with an input method in full-width mode (`４４０３…`), with spaces or dashes
//! between groups, or pasted with invisible characters. Every identifier field is normalised
//! here before it is checked, so that a value that shows 18 characters is read as 18.

/// Characters that show nothing: the byte-order mark, zero-width space and joiners, the word
/// joiner, the soft hyphen.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{00AD}'
    )
}

/// Dashes typed between groups of digits: the hyphen-minus and its look-alikes (hyphen,
/// non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus sign, small and
/// full-width hyphen-minus).
fn dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Full-width forms (U+FF01–U+FF5E) as their ASCII letters, digits and signs, the ideographic
/// space as a space, invisible characters dropped. Other text is left as it is.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .filter(|c| !invisible(*c))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

/// An identifier of letters and digits only (ID number, area code) as typed, normalised:
/// full-width folded, white space and dashes between groups dropped, letters upper-case
/// (`x` → `X`).
pub fn compact(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !dash(*c))
        .flat_map(char::to_uppercase)
        .collect()
}

/// A number whose dashes belong to it (a certificate number `XJ-2023-440305-0001`, a card
/// number `JY440305-2026-000123`) as typed, normalised: full-width folded, white space dropped,
/// every dash written `-`, letters upper-case.
pub fn code(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if dash(c) { '-' } else { c })
        .flat_map(char::to_uppercase)
        .collect()
}

/// A phone number as typed, normalised: full-width folded, white space dropped, every dash
/// written `-`, and so is 转 before an extension; a mobile number typed in groups
/// (`138-0013-8000`) loses its dashes, a fixed line keeps the one after its area code
/// (`0755-26661001`) and the one before its extension (`0755-26661001转8023` →
/// `0755-26661001-8023`).
pub fn phone(s: &str) -> String {
    let folded: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if dash(c) || c == '转' { '-' } else { c })
        .collect();
    let digits: String = folded.chars().filter(|c| *c != '-').collect();
    if digits.len() == 11 && digits.starts_with('1') && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits
    } else {
        folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters_read_as_ascii() {
        assert_eq!(
            compact("４４０３０５１９８８０３１５００２ｘ"),
            "44030519880315002X"
        );
        assert_eq!(
            compact("４４０３　０５１９－８８０３－１５００２４"),
            "440305198803150024"
        );
        assert_eq!(compact(" 4403 0519 8803 1500 24 "), "440305198803150024");
        assert_eq!(
            compact("\u{FEFF}440305\u{200B}198803150024"),
            "440305198803150024"
        );
        assert_eq!(code("ｘｊ–2023－440305 - 0001"), "XJ-2023-440305-0001");
        assert_eq!(code("JY440305—2026—000123"), "JY440305-2026-000123");
        assert_eq!(fold_width("深圳市ＡＢＣ"), "深圳市ABC");
    }

    #[test]
    fn phones_keep_the_area_code_dash_and_drop_group_dashes() {
        assert_eq!(phone("１３８００１３８０００"), "13800138000");
        assert_eq!(phone("138-0013-8000"), "13800138000");
        assert_eq!(phone("138 0013 8000"), "13800138000");
        assert_eq!(phone("０７５５－２６６６１００１"), "0755-26661001");
        assert_eq!(phone("0755 — 26661001"), "0755-26661001");
        assert_eq!(phone("0755-26661001转8023"), "0755-26661001-8023");
        assert_eq!(phone("abc"), "abc");
    }
}
