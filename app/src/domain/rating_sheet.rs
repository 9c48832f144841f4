//! The annual-rating workbook HR managers upload, row by row: a header naming the columns
//! 身份证号, 姓名, 年度 and 考核结果 (in any order, other columns ignored), then one coordinator and
//! year per row. Every bad row is reported with its spreadsheet row number; nothing is taken
//! from a sheet that has any.

use std::collections::{BTreeMap, HashSet};

use super::grading::Rating;
use super::id_card;
use super::identifier;

/// More rows than this are refused: split the file.
pub const MAX_ROWS: usize = 20_000;

const COLUMNS: [&str; 4] = ["身份证号", "姓名", "年度", "考核结果"];

/// The header is looked for in the first rows of the sheet, title rows above it.
pub const HEADER_ROWS: usize = 5;

/// A cell as it is checked: full-width forms folded, invisible characters (a byte-order mark,
/// zero-width spaces) dropped, non-breaking spaces read as spaces, trimmed.
fn clean(cell: &str) -> String {
    identifier::fold_width(cell)
        .replace('\u{00A0}', " ")
        .trim()
        .to_string()
}

/// One good row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    /// The spreadsheet's row number (the header is row 1)
    pub line: usize,
    pub id_number: String,
    pub name: String,
    pub year: i32,
    pub rating: Rating,
}

/// Errors by `row.<line>.<field>` (or `file`), each an error key of the locale file.
pub type SheetErrors = BTreeMap<String, String>;

pub fn row_key(line: usize, field: &str) -> String {
    format!("row.{line}.{field}")
}

/// Reads the rows of a sheet given as text cells, the first being spreadsheet row `first_line`
/// and the header among the first [`HEADER_ROWS`]; `this_year` bounds the year. Gives the good
/// rows and the errors of the bad ones (both, so that later checks of the good rows can add
/// theirs); a sheet-wide error (`file`) gives no rows.
pub fn parse(
    cells: &[Vec<String>],
    first_line: usize,
    this_year: i32,
) -> (Vec<SheetRow>, SheetErrors) {
    let mut errors = SheetErrors::new();
    // Cells as offices type and export them: a byte-order mark, zero-width characters,
    // full-width letters and digits, non-breaking spaces.
    let cells: Vec<Vec<String>> = cells
        .iter()
        .map(|row| row.iter().map(|c| clean(c)).collect())
        .collect();
    if cells.is_empty() {
        errors.insert("file".into(), "rating_sheet.empty".into());
        return (vec![], errors);
    }
    // The header is the first row naming the four columns: the usual template has a merged
    // title row (or a few) above it. Rows keep the sheet's own numbers.
    let found = cells
        .iter()
        .take(HEADER_ROWS)
        .enumerate()
        .find_map(|(at, row)| {
            let position = |name: &str| row.iter().position(|h| h == name);
            let columns: Option<Vec<usize>> = COLUMNS.iter().map(|c| position(c)).collect();
            columns
                .and_then(|v| <[usize; 4]>::try_from(v).ok())
                .map(|cols| (at, cols))
        });
    let Some((header_at, [id_col, name_col, year_col, rating_col])) = found else {
        errors.insert("file".into(), "rating_sheet.header".into());
        return (vec![], errors);
    };
    if cells.len() - header_at - 1 > MAX_ROWS {
        errors.insert("file".into(), "rating_sheet.too_many_rows".into());
        return (vec![], errors);
    }
    let mut rows = vec![];
    let mut seen = HashSet::new();
    for (i, row) in cells.iter().enumerate().skip(header_at + 1) {
        let line = i + first_line;
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        if row.iter().all(|c| c.is_empty()) {
            continue;
        }
        let mut found: Vec<(&str, &str)> = vec![];
        let mut bad = |field: &'static str, key: &'static str| found.push((field, key));
        let id = match id_card::parse(cell(id_col)) {
            Ok(card) => Some(card.number),
            Err(_) if cell(id_col).is_empty() => {
                bad("id_number", "id_number.required");
                None
            }
            Err(_) => {
                bad("id_number", "id_number.invalid");
                None
            }
        };
        let name = cell(name_col);
        if name.is_empty() {
            bad("name", "name.required");
        }
        // A year typed as a number may come as `2025` or `2025.0`.
        let year = cell(year_col)
            .trim_end_matches(".0")
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=this_year).contains(y));
        if year.is_none() {
            bad("year", "rating.year");
        }
        let rating = Rating::from_chinese(cell(rating_col));
        if rating.is_none() {
            bad("rating", "rating.unknown");
        }
        if let (Some(id), Some(year)) = (&id, year)
            && !seen.insert((id.clone(), year))
        {
            bad("id_number", "rating_sheet.duplicate");
        }
        match (id, year, rating) {
            (Some(id_number), Some(year), Some(rating)) if found.is_empty() => {
                rows.push(SheetRow {
                    line,
                    id_number,
                    name: name.to_string(),
                    year,
                    rating,
                })
            }
            _ => {
                for (field, key) in found {
                    errors.insert(row_key(line, field), key.into());
                }
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.insert("file".into(), "rating_sheet.empty".into());
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    fn id(first17: &str) -> String {
        id_card::complete(first17).expect("id")
    }

    #[test]
    fn a_clean_sheet_gives_its_rows_in_any_column_order() {
        let a = id("44030519900101002");
        let b = id("44030519850505003");
        let cells = sheet(&[
            &["序号", "考核结果", "姓名", "身份证号", "年度"],
            &["1", "优秀", "李协理", &a, "2025"],
            &["", "", "", "", ""],
            &["2", " 不合格 ", "王协理", &b, "2025.0"],
        ]);
        let (rows, errors) = parse(&cells, 1, 2026);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].rating, Rating::Excellent);
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].year, 2025);
        assert_eq!(rows[1].rating, Rating::Unqualified);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let a = id("44030519900101002");
        let cells = sheet(&[
            &["身份证号", "姓名", "年度", "考核结果"],
            &[&a, "李协理", "2025", "优秀"],
            &["440305199001010021", "王", "2025", "合格"],
            &[&a, "李协理", "2025", "合格"],
            &[&a, "", "2027", "良好"],
        ]);
        let (rows, errors) = parse(&cells, 1, 2026);
        // The good row stays for the checks that follow.
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2]);
        assert_eq!(
            errors.get("row.3.id_number").map(String::as_str),
            Some("id_number.invalid")
        );
        assert_eq!(
            errors.get("row.4.id_number").map(String::as_str),
            Some("rating_sheet.duplicate")
        );
        assert_eq!(
            errors.get("row.5.name").map(String::as_str),
            Some("name.required")
        );
        assert_eq!(
            errors.get("row.5.year").map(String::as_str),
            Some("rating.year")
        );
        assert_eq!(
            errors.get("row.5.rating").map(String::as_str),
            Some("rating.unknown")
        );
        assert!(!errors.keys().any(|k| k.starts_with("row.2.")));
    }

    #[test]
    fn a_sheet_as_offices_make_it_is_read() {
        let a = id("44030519900101002");
        let wide_a: String = a
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect();
        // A byte-order mark before the first header cell, a merged title row above the
        // header, zero-width and non-breaking spaces, full-width digits.
        let cells = sheet(&[
            &["2025年度劳动保障协理员考核结果", "", "", ""],
            &[
                "\u{FEFF}身份证号",
                "姓名\u{200B}",
                "\u{00A0}年度",
                "考核结果",
            ],
            &[&wide_a, "李协理", "２０２５", "优秀\u{00A0}"],
            &[&a, "", "2025", "优秀"],
        ]);
        let (rows, errors) = parse(&cells, 1, 2026);
        assert_eq!(rows.len(), 1, "{errors:?}");
        assert_eq!(rows[0].id_number, a);
        assert_eq!(rows[0].year, 2025);
        assert_eq!(rows[0].line, 3, "the sheet's own row number");
        // The bad row is named by the sheet's row number too.
        assert!(errors.contains_key("row.4.name"), "{errors:?}");
        // A header further down than the title rows allow is not looked for.
        let mut deep = vec![vec![String::new(); 4]; HEADER_ROWS];
        deep.push(COLUMNS.iter().map(|c| c.to_string()).collect());
        assert_eq!(
            parse(&deep, 1, 2026).1.get("file").map(String::as_str),
            Some("rating_sheet.header")
        );
    }

    #[test]
    fn a_sheet_without_the_columns_or_rows_is_refused() {
        let no_header = sheet(&[&["姓名", "年度"], &["李", "2025"]]);
        assert_eq!(
            parse(&no_header, 1, 2026).1.get("file").map(String::as_str),
            Some("rating_sheet.header")
        );
        let empty = sheet(&[&["身份证号", "姓名", "年度", "考核结果"]]);
        assert_eq!(
            parse(&empty, 1, 2026).1.get("file").map(String::as_str),
            Some("rating_sheet.empty")
        );
    }
}
