//! Uploaded Excel workbooks (`.xlsx`), read within bounds fixed before anything is allocated
//! (this system's default for every import of a file someone hands it).
//!
//! An xlsx file is a zip of XML parts; a few kilobytes can declare a sheet of 17 billion cells
//! or unpack to gigabytes. So, in order:
//! 1. the zip is measured part by part, each part decompressed into nothing through a counting
//!    limit: too many parts, a part or the whole larger than the bounds once unpacked, and the
//!    file is refused before the spreadsheet reader sees it;
//! 2. the first sheet is read as a stream of cells (never as the grid its dimensions declare),
//!    and a non-empty cell beyond the row or column bound refuses the file;
//! 3. only then is the grid of the cells that hold values built, from its first row and column.
//!
//! The reading is synchronous and CPU-bound: callers run it off the async workers
//! (`tokio::task::spawn_blocking`).

use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook_from_rs};

/// How much of a workbook is read at most.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// Zip entries (parts) in the file.
    pub max_parts: usize,
    /// Bytes of one part once unpacked.
    pub max_part_bytes: u64,
    /// Bytes of all parts once unpacked.
    pub max_total_bytes: u64,
    /// Sheet rows, counted from row 1.
    pub max_rows: u32,
    /// Sheet columns, counted from column A.
    pub max_cols: u32,
}

impl Bounds {
    /// The annual-rating workbook: 20,000 rows of ratings under a header and a title row, the
    /// columns A to Z, 32 MB of XML once unpacked (a full sheet of 20,000 rows is about 4 MB).
    pub const RATINGS: Bounds = Bounds {
        max_parts: 64,
        max_part_bytes: 32 * 1024 * 1024,
        max_total_bytes: 48 * 1024 * 1024,
        max_rows: 20_010,
        max_cols: 26,
    };
}

/// Why a workbook was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookError {
    /// Not a zip, not an xlsx, encrypted, or broken XML.
    #[error("not a readable xlsx workbook")]
    Unreadable,
    /// The workbook has no sheet.
    #[error("the workbook has no sheet")]
    NoSheet,
    /// Beyond one of the bounds (which one is named).
    #[error("the workbook is larger than allowed ({0})")]
    TooLarge(&'static str),
}

/// The first sheet's cells that hold values, as text rows from the first such row and column
/// (numbers without a fraction as integers; empty cells as empty text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
    /// The sheet's own number (from 1) of the first row in `rows`.
    pub first_line: usize,
}

/// Reads the first sheet of `bytes` within `bounds`. Errors: [`WorkbookError`].
pub fn first_sheet(bytes: &[u8], bounds: &Bounds) -> Result<Sheet, WorkbookError> {
    measure(bytes, bounds)?;
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| WorkbookError::Unreadable)?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(WorkbookError::NoSheet)?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|_| WorkbookError::Unreadable)?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|_| WorkbookError::Unreadable)? {
        let text = text_of(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= bounds.max_rows {
            return Err(WorkbookError::TooLarge("rows"));
        }
        if col >= bounds.max_cols {
            return Err(WorkbookError::TooLarge("columns"));
        }
        cells.push((row, col, text));
    }
    Ok(grid(cells))
}

/// Unpacks every part into nothing, counting: refuses too many parts or too many bytes.
fn measure(bytes: &[u8], bounds: &Bounds) -> Result<(), WorkbookError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| WorkbookError::Unreadable)?;
    if zip.len() > bounds.max_parts {
        return Err(WorkbookError::TooLarge("parts"));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| WorkbookError::Unreadable)?;
        let unpacked = std::io::copy(
            &mut part.take(bounds.max_part_bytes + 1),
            &mut std::io::sink(),
        )
        .map_err(|_| WorkbookError::Unreadable)?;
        if unpacked > bounds.max_part_bytes {
            return Err(WorkbookError::TooLarge("unpacked part"));
        }
        total += unpacked;
        if total > bounds.max_total_bytes {
            return Err(WorkbookError::TooLarge("unpacked size"));
        }
    }
    Ok(())
}

fn text_of(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        other => Data::from(other.clone()).to_string(),
    }
}

/// The rectangle from the first row and column holding a value to the last ones.
fn grid(cells: Vec<(u32, u32, String)>) -> Sheet {
    let (Some(top), Some(left)) = (
        cells.iter().map(|c| c.0).min(),
        cells.iter().map(|c| c.1).min(),
    ) else {
        return Sheet {
            rows: Vec::new(),
            first_line: 1,
        };
    };
    let bottom = cells.iter().map(|c| c.0).max().unwrap_or(top);
    let right = cells.iter().map(|c| c.1).max().unwrap_or(left);
    let width = (right - left + 1) as usize;
    let mut rows = vec![vec![String::new(); width]; (bottom - top + 1) as usize];
    for (row, col, text) in cells {
        rows[(row - top) as usize][(col - left) as usize] = text;
    }
    Sheet {
        rows,
        first_line: top as usize + 1,
    }
}

#[cfg(all(test, feature = "test-support"))]
mod tests {
    use super::*;

    use crate::backend::testing::xlsx as book;

    fn inline(r: &str, text: &str) -> String {
        format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    #[test]
    fn a_small_sheet_is_read_from_its_first_filled_row_and_column() {
        let data = format!(
            r#"<row r="2">{}{}</row><row r="3">{}<c r="C3"><v>2025</v></c></row>"#,
            inline("B2", "身份证号"),
            inline("C2", "年度"),
            inline("B3", "周霞"),
        );
        let sheet = first_sheet(&book(&data, "B2:C3"), &Bounds::RATINGS).expect("read");
        assert_eq!(sheet.first_line, 2);
        assert_eq!(
            sheet.rows,
            vec![vec!["身份证号", "年度"], vec!["周霞", "2025"]]
        );
    }

    #[test]
    fn a_far_cell_is_refused_without_building_its_grid() {
        // The attack of the issue: cells only at A1 and XFD1048576, a declared grid of
        // 17 billion cells.
        let data = format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            inline("A1", "x"),
            inline("XFD1048576", "y")
        );
        let file = book(&data, "A1:XFD1048576");
        assert!(file.len() < 4096, "{} bytes", file.len());
        assert_eq!(
            first_sheet(&file, &Bounds::RATINGS),
            Err(WorkbookError::TooLarge("rows"))
        );
        let wide = format!(
            r#"<row r="1">{}{}</row>"#,
            inline("A1", "x"),
            inline("AA1", "y")
        );
        assert_eq!(
            first_sheet(&book(&wide, "A1:AA1"), &Bounds::RATINGS),
            Err(WorkbookError::TooLarge("columns"))
        );
        // A declared dimension alone costs nothing: only cells with values count.
        let declared = format!(r#"<row r="1">{}</row>"#, inline("A1", "x"));
        assert_eq!(
            first_sheet(&book(&declared, "A1:XFD1048576"), &Bounds::RATINGS)
                .expect("read")
                .rows,
            vec![vec!["x"]]
        );
    }

    #[test]
    fn a_zip_that_unpacks_beyond_the_bounds_is_refused_before_it_is_parsed() {
        // 40 MB of spaces inside the sheet compress to a few tens of kilobytes.
        let padding = " ".repeat(40 * 1024 * 1024);
        let file = book(&padding, "A1");
        assert!(file.len() < 200 * 1024, "{} bytes", file.len());
        assert_eq!(
            first_sheet(&file, &Bounds::RATINGS),
            Err(WorkbookError::TooLarge("unpacked part"))
        );
        let small = Bounds {
            max_total_bytes: 1024,
            ..Bounds::RATINGS
        };
        assert_eq!(
            first_sheet(&book("", "A1"), &small),
            Err(WorkbookError::TooLarge("unpacked size"))
        );
    }

    #[test]
    fn what_is_not_a_workbook_is_unreadable() {
        assert_eq!(
            first_sheet(b"PK\x03\x04 not really", &Bounds::RATINGS),
            Err(WorkbookError::Unreadable)
        );
        assert_eq!(
            first_sheet(&[], &Bounds::RATINGS),
            Err(WorkbookError::Unreadable)
        );
    }
}
