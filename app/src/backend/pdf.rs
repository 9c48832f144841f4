//! What the printed documents share (the 就业援助卡, the 充分就业社区 certificate, letters): a
//! chain of CJK fonts from the system (the files named by `JICENG_CJK_FONT`, then Debian's
//! `fonts-wqy-microhei` and `fonts-hanazono`, whose HanaMinB covers the supplementary
//! ideographs of Extension B and later, such as 𠮷); each character is set in the first font of
//! the chain that has it, and a document with a character none has is refused naming it, never
//! printed with a blank box. Only the glyphs used are embedded. Also colours, fitting text into
//! a box, and a QR code drawn as vector squares.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use qrcode::{Color as Module, QrCode};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::model::AppError;

/// PDFs drawn at once in this process (this system's default): more requests wait their turn
/// instead of taking every core, so a flood of document requests cannot stall the pages.
const RENDERS_AT_ONCE: usize = 2;

static RENDER_GATE: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(RENDERS_AT_ONCE);

/// Draws a document off the async workers, at most [`RENDERS_AT_ONCE`] at a time. Errors:
/// `draw`'s own, and 500 if the drawing panicked.
pub async fn rendered<T, F>(draw: F) -> Result<T, AppError>
where
    F: FnOnce() -> Result<T, PdfError> + Send + 'static,
    T: Send + 'static,
{
    let _turn = RENDER_GATE
        .acquire()
        .await
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(draw)
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(AppError::from)
}

/// Sets `text` in `size`-point type, the left end of its baseline at `(x, y)` (points from the
/// page's top left): each run of characters in the first font of the chain that has them. A
/// character no font has is skipped and remembered: [`Fonts::finish`] then refuses the document.
pub fn write(surface: &mut Surface, fonts: &Fonts, (x, y): (f32, f32), size: f32, text: &str) {
    let mut pen = x;
    for (face, run) in fonts.runs(text) {
        let Some(face) = face else {
            continue;
        };
        surface.draw_text(
            Point::from_xy(pen, y),
            face.font.clone(),
            size,
            &run,
            false,
            TextDirection::Auto,
        );
        pen += face.advance(&run, size);
    }
}

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// The main CJK font, the first of these found after the configured ones.
const FONT_CANDIDATES: [&str; 3] = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

/// Fallbacks for the characters the main font lacks, every one found, in this order: Debian's
/// `fonts-hanazono` (HanaMinA: the Basic Multilingual Plane's ideographs and Extension A;
/// HanaMinB: the Supplementary Ideographic Plane, Extensions B to F) and Noto CJK.
const FALLBACK_CANDIDATES: [&str; 3] = [
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no CJK font found (install fonts-wqy-microhei or set JICENG_CJK_FONT)")]
    NoFont,
    /// A character of the text that no font of the chain has (U+20BB7 …).
    #[error("no font has the character {0:?} (U+{code:04X})", code = u32::from(*.0))]
    NoGlyph(char),
    #[error("QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    #[error("page size")]
    PageSize,
    #[error("PDF: {0:?}")]
    Pdf(krilla::error::KrillaError),
}

impl From<PdfError> for AppError {
    fn from(err: PdfError) -> Self {
        match err {
            // The QR code holds an address made from the request (its host): too long a one is
            // the request's fault.
            PdfError::Qr(_) => {
                AppError::Malformed("the address for the QR code is too long".into())
            }
            PdfError::NoFont => {
                tracing::error!("{err}");
                AppError::Unavailable("pdf_font".into())
            }
            // The character is named, not the text it came from (a name is personal data).
            PdfError::NoGlyph(c) => {
                tracing::warn!("PDF refused: no font has U+{:04X}", c as u32);
                AppError::Unavailable(format!("pdf_glyph:{c} (U+{:04X})", c as u32))
            }
            other => {
                tracing::error!(error = %other, "PDF");
                AppError::Internal
            }
        }
    }
}

static FONT_PATHS: OnceLock<Vec<PathBuf>> = OnceLock::new();

/// Sets the font files to use before the Debian candidates, in order (the server's
/// configuration reads `JICENG_CJK_FONT`, paths separated by `:`), once per process: a later
/// call changes nothing.
pub fn set_font_paths(paths: Vec<PathBuf>) {
    let _ = FONT_PATHS.set(paths);
}

/// A new document; with `compressed` false its streams are written as plain text, so a test
/// can read which characters a PDF sets (its ToUnicode map).
pub fn document(compressed: bool) -> krilla::Document {
    krilla::Document::new_with(krilla::SerializeSettings {
        compress_content_streams: compressed,
        ..krilla::SerializeSettings::default()
    })
}

/// Whether an uncompressed PDF (`document(false)`) sets character `c`: its ToUnicode map names
/// every character the text uses, in UTF-16 (a surrogate pair beyond the BMP).
#[cfg(test)]
pub(crate) fn sets(pdf: &[u8], c: char) -> bool {
    let text = String::from_utf8_lossy(pdf).to_uppercase();
    let utf16: String = c
        .encode_utf16(&mut [0; 2])
        .iter()
        .map(|u| format!("{u:04X}"))
        .collect();
    text.contains(&format!("<{utf16}>"))
}

/// One font of the chain: the face krilla embeds, and its file for the character map and the
/// advance widths.
pub struct Face {
    font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
}

impl Face {
    fn load(path: &Path) -> Option<Face> {
        let data = Arc::new(std::fs::read(path).ok()?);
        // A collection (.ttc) is read at its first face, the regular one of the Debian files.
        let index = 0;
        FontRef::from_index(&data, index).ok()?;
        let font = Font::new(data.clone().into(), index)?;
        Some(Face { font, data, index })
    }

    fn tables(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(&self.data, self.index).ok()
    }

    fn has(&self, c: char) -> bool {
        self.tables().and_then(|f| f.charmap().map(c)).is_some()
    }

    /// The advance of `text` set in `size`-point type, in points.
    fn advance(&self, text: &str, size: f32) -> f32 {
        let Some(f) = self.tables() else {
            return width_em(text) * size;
        };
        let metrics = f.glyph_metrics(Size::new(size), LocationRef::default());
        let charmap = f.charmap();
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size)
            })
            .sum()
    }
}

/// The chain of fonts a document is set in, and the first character none of them had.
pub struct Fonts {
    chain: Arc<[Face]>,
    missing: Cell<Option<char>>,
}

impl Fonts {
    /// Splits `text` into runs, each with the first face that has all its characters (`None`
    /// for a character no face has, which is remembered). Spaces and controls go with the run
    /// before them.
    fn runs(&self, text: &str) -> Vec<(Option<&Face>, String)> {
        let mut out: Vec<(Option<&Face>, String)> = Vec::new();
        for c in text.chars().filter(|c| !invisible(*c)) {
            let face = if c.is_whitespace() || c.is_control() {
                match out.last() {
                    Some((face, _)) => *face,
                    None => self.chain.first(),
                }
            } else {
                let found = self.chain.iter().find(|f| f.has(c));
                if found.is_none() && self.missing.get().is_none() {
                    self.missing.set(Some(c));
                }
                found
            };
            match out.last_mut() {
                Some((last, run)) if same(*last, face) => run.push(c),
                _ => out.push((face, c.to_string())),
            }
        }
        out
    }

    /// Whether every character of `text` has a face (nothing is remembered).
    pub fn covers(&self, text: &str) -> Result<(), PdfError> {
        match text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !invisible(*c))
            .find(|c| !self.chain.iter().any(|f| f.has(*c)))
        {
            Some(c) => Err(PdfError::NoGlyph(c)),
            None => Ok(()),
        }
    }

    /// Ends a document's drawing: an error naming the first character no face had.
    pub fn finish(&self) -> Result<(), PdfError> {
        match self.missing.get() {
            Some(c) => Err(PdfError::NoGlyph(c)),
            None => Ok(()),
        }
    }
}

/// Characters that change how a neighbour looks or joins but show nothing themselves (variation
/// selectors, joiners, the byte-order mark): left out of the text, never a reason to refuse.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

fn same(a: Option<&Face>, b: Option<&Face>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// The font chain, read once per process and kept in memory (wqy-microhei about 5 MB, the two
/// HanaMin files about 54 MB; a PDF embeds a subset): the configured files, the first main
/// candidate found, then every fallback found. Without a main font it is looked for again at
/// the next document, so installing one needs no restart; a fallback installed later is read
/// at the next start.
pub fn font() -> Result<Fonts, PdfError> {
    static CHAIN: OnceLock<Arc<[Face]>> = OnceLock::new();
    let chain = match CHAIN.get() {
        Some(chain) => chain.clone(),
        None => {
            let mut used = FONT_PATHS.get().cloned().unwrap_or_default();
            let mut faces: Vec<Face> = used.iter().filter_map(|p| Face::load(p)).collect();
            let main = FONT_CANDIDATES
                .iter()
                .map(PathBuf::from)
                .find_map(|p| Face::load(&p).map(|f| (p, f)));
            if faces.is_empty() && main.is_none() {
                return Err(PdfError::NoFont);
            }
            if let Some((path, face)) = main {
                used.push(path);
                faces.push(face);
            }
            // A file already in the chain (Noto as the main font) is read once.
            faces.extend(
                FALLBACK_CANDIDATES
                    .iter()
                    .map(PathBuf::from)
                    .filter(|p| !used.contains(p))
                    .filter_map(|p| Face::load(&p)),
            );
            CHAIN.get_or_init(|| faces.into()).clone()
        }
    };
    Ok(Fonts {
        chain,
        missing: Cell::new(None),
    })
}

/// The width of `text` in em, as set in a CJK font: full-width characters 1 em, others about
/// half. An estimate that errs wide, so a line never runs past its box.
pub fn width_em(text: &str) -> f32 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.6 } else { 1.0 })
        .sum()
}

/// `text` cut to fit `max_em`, with an ellipsis when cut.
pub fn fit(text: &str, max_em: f32) -> String {
    if width_em(text) <= max_em {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1.0; // the ellipsis
    for c in text.chars() {
        let w = width_em(c.encode_utf8(&mut [0; 4]));
        if used + w > max_em {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` broken into lines no wider than `max_em` (by [`width_em`]). A line breaks between two
/// CJK characters (a closing mark such as 、 or ） stays with the character before it), or at
/// a space, which the break drops; a run of Latin letters, digits and signs (a phone number, a
/// masked 身份证号) moves to the next line whole, and is broken inside only when it alone is
/// wider than a line. Gives at least one line; nothing of `text` but the spaces at breaks is lost.
pub fn wrap(text: &str, max_em: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for token in tokens(text) {
        if token.starts_with(char::is_whitespace) {
            if !line.is_empty() {
                line.push(' ');
                used += width_em(" ");
            }
            continue;
        }
        let w = width_em(token);
        if used + w <= max_em {
            line.push_str(token);
            used += w;
        } else if w <= max_em {
            lines.push(line.trim_end().to_string());
            line = token.to_string();
            used = w;
        } else {
            for c in token.chars() {
                let cw = width_em(c.encode_utf8(&mut [0; 4]));
                if used + cw > max_em && !line.trim_end().is_empty() {
                    lines.push(line.trim_end().to_string());
                    line.clear();
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
        }
    }
    let last = line.trim_end().to_string();
    if !last.is_empty() || lines.is_empty() {
        lines.push(last);
    }
    lines
}

/// Set as one em wide by [`width_em`]: the characters a line may break between.
fn is_wide(c: char) -> bool {
    (c as u32) >= 0x2E80
}

/// Marks that never start a line: they close what comes before them.
fn closes(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | '。'
            | '；'
            | '：'
            | '）'
            | '」'
            | '』'
            | '》'
            | '！'
            | '？'
            | ')'
            | ','
            | '.'
            | ';'
    )
}

/// Marks that never end a line: they open what comes after them.
fn opens(c: char) -> bool {
    matches!(c, '「' | '『' | '（' | '《' | '(')
}

/// The pieces [`wrap`] breaks between: a run of spaces, one wide character with the closing
/// marks after it, or a run of other characters; an opening mark joins the piece after it.
fn tokens(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut opened: Option<usize> = None;
    while let Some((start, c)) = chars.next() {
        let joins: fn(char) -> bool = if c.is_whitespace() {
            char::is_whitespace
        } else if is_wide(c) {
            closes
        } else {
            |d| !d.is_whitespace() && !is_wide(d)
        };
        let mut end = start + c.len_utf8();
        while let Some((i, d)) = chars.next_if(|&(_, d)| joins(d) && !opens(d)) {
            end = i + d.len_utf8();
        }
        // A closing mark stays with what it closes, wide or not.
        while let Some((i, d)) = chars.next_if(|&(_, d)| !c.is_whitespace() && closes(d)) {
            end = i + d.len_utf8();
        }
        if opens(c) && end == start + c.len_utf8() && chars.peek().is_some() {
            opened.get_or_insert(start);
            continue;
        }
        out.push(&text[opened.take().unwrap_or(start)..end]);
    }
    if let Some(start) = opened {
        out.push(&text[start..]);
    }
    out
}

pub fn fill(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Draws the QR code of `url` as black squares in the `size` × `size` box at (`x`, `y`).
pub fn draw_qr(
    surface: &mut Surface,
    url: &str,
    x: f32,
    y: f32,
    size: f32,
) -> Result<(), PdfError> {
    let code = QrCode::new(url.as_bytes())?;
    let n = code.width();
    let module = size / n as f32;
    let mut pb = PathBuilder::new();
    for (i, m) in code.to_colors().iter().enumerate() {
        if *m == Module::Dark {
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            if let Some(r) = Rect::from_xywh(x + col * module, y + row * module, module, module) {
                pb.push_rect(r);
            }
        }
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(fill(0, 0, 0)));
        surface.draw_path(&path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_cjk_characters_and_keep_a_closing_mark_with_its_character() {
        assert_eq!(
            wrap("南头街道劳动保障事务所", 4.0),
            ["南头街道", "劳动保障", "事务所"]
        );
        // 、 does not start a line.
        assert_eq!(
            wrap("失地农民、低保人员", 4.0),
            ["失地农", "民、低保", "人员"]
        );
        assert_eq!(wrap("就业", 10.0), ["就业"]);
        // 「 does not end one.
        assert_eq!(
            wrap("单亲家庭、「4050」人员", 7.0),
            ["单亲家庭、", "「4050」人员"]
        );
        assert_eq!(wrap("「4050」人员", 5.0), ["「4050」", "人员"]);
    }

    #[test]
    fn a_phone_number_moves_to_the_next_line_whole() {
        // 0755-26661001-8023: 18 characters of 0.6 em.
        let lines = wrap("南头城社区协理员 0755-26661001-8023", 12.0);
        assert_eq!(lines, ["南头城社区协理员", "0755-26661001-8023"]);
        for l in &lines {
            assert!(width_em(l) <= 12.0, "{l}");
        }
    }

    #[test]
    fn a_run_wider_than_a_line_is_broken_inside_and_nothing_is_lost() {
        let text = "JY440305-2026-000123JY440305-2026-000123";
        let lines = wrap(text, 6.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width_em(l) <= 6.0 + 1e-4), "{lines:?}");
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn empty_text_is_one_empty_line_and_spaces_at_breaks_go() {
        assert_eq!(wrap("", 5.0), [""]);
        assert_eq!(wrap("ab  cd", 1.5), ["ab", "cd"]);
    }
}
