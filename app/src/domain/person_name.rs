//! Names as they are matched (duplicate detection, and name search when it comes): one
//! normalisation for every comparison of people's names.

use super::identifier::fold_width;

/// Marks that join the parts of a name (minority and transliterated foreign names, e.g.
/// 阿依古丽·买买提): the middle dot and every look-alike an input method gives (bullet,
/// katakana middle dot and its half-width form, hyphenation point, bullet and dot operators,
/// full stop and its small and full-width forms) and dashes.
fn separator(c: char) -> bool {
    matches!(
        c,
        '·' | '•'
            | '\u{30FB}'
            | '\u{FF65}'
            | '\u{2027}'
            | '\u{2219}'
            | '\u{22C5}'
            | '.'
            | '\u{FE52}'
            | '-'
            | '\u{2010}'..='\u{2015}' | '\u{FF0D}'
    )
}

/// The form a name is compared in: full-width letters folded, white space and separators
/// dropped, Latin letters lower-case.
pub fn match_key(name: &str) -> String {
    fold_width(name)
        .chars()
        .filter(|c| !c.is_whitespace() && !separator(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name as shown to those who may not read it in full: its first character and one star
/// (「张*」 for 张三 and 张三丰 alike, so the mask tells nothing of the rest); a blank name stays
/// blank. This system's default.
pub fn mask(name: &str) -> String {
    match name.trim().chars().next() {
        Some(first) => format!("{first}*"),
        None => String::new(),
    }
}

/// Similar names: equal match keys, or keys of the same length (at least two characters)
/// differing in one character (a common typing slip).
pub fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (
        match_key(a).chars().collect(),
        match_key(b).chars().collect(),
    );
    if a == b {
        return true;
    }
    a.len() == b.len() && a.len() >= 2 && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_name_keeps_the_first_character_alone() {
        assert_eq!(mask("张三"), "张*");
        assert_eq!(mask("张三丰"), "张*");
        assert_eq!(mask(" 阿依古丽·买买提"), "阿*");
        assert_eq!(mask("  "), "");
    }

    #[test]
    fn every_middle_dot_joins_the_same_name() {
        let plain = match_key("阿依古丽买买提");
        for typed in [
            "阿依古丽·买买提",
            "阿依古丽•买买提",
            "阿依古丽・买买提",
            "阿依古丽･买买提",
            "阿依古丽‧买买提",
            "阿依古丽.买买提",
            "阿依古丽．买买提",
            "阿依古丽 买买提",
            "阿依古丽　买买提",
            "阿依古丽-买买提",
        ] {
            assert_eq!(match_key(typed), plain, "{typed}");
            assert!(similar(typed, "阿依古丽·买买提"), "{typed}");
        }
        assert_eq!(match_key("Ｍａｒｙ Ｓｍｉｔｈ"), "marysmith");
    }

    #[test]
    fn one_slip_is_similar_two_are_not() {
        assert!(similar("王芳", "王 芳"));
        assert!(similar("王芳", "汪芳"));
        assert!(!similar("王芳", "李明"));
        assert!(!similar("王", "李"), "one character names differ wholly");
        assert!(
            !similar("王芳", "王芳芳"),
            "a character more is another name"
        );
        assert!(!similar("张小龙", "王小虎"));
    }
}
