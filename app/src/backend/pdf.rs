//! What the printed documents share (the 就业援助卡, the 充分就业社区 certificate): the CJK
//! font from the system (Debian's `fonts-wqy-microhei` by default, or the file named by
//! `JICENG_CJK_FONT`; only the glyphs used are embedded), colours, fitting text into a box, and
//! a QR code drawn as vector squares.

use std::path::PathBuf;
use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use qrcode::{Color as Module, QrCode};

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
/// page's top left).
pub fn write(surface: &mut Surface, font: &Font, (x, y): (f32, f32), size: f32, text: &str) {
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Where a CJK font is looked for when `JICENG_CJK_FONT` is not set.
const FONT_CANDIDATES: [&str; 3] = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no CJK font found (install fonts-wqy-microhei or set JICENG_CJK_FONT)")]
    NoFont,
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
            other => {
                tracing::error!(error = %other, "PDF");
                AppError::Internal
            }
        }
    }
}

static FONT_PATH: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Sets the font file to use before the Debian candidates (the server's configuration reads
/// `JICENG_CJK_FONT`), once per process: a later call changes nothing.
pub fn set_font_path(path: Option<PathBuf>) {
    let _ = FONT_PATH.set(path);
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
/// every character the text uses.
#[cfg(test)]
pub(crate) fn sets(pdf: &[u8], c: char) -> bool {
    let text = String::from_utf8_lossy(pdf).to_uppercase();
    text.contains(&format!("<{:04X}>", c as u32))
}

/// The font, read once per process (a few MB; a PDF embeds a subset). A missing font is looked
/// for again at the next document, so installing it needs no restart.
pub fn font() -> Result<Font, PdfError> {
    static FONT: OnceLock<Font> = OnceLock::new();
    if let Some(font) = FONT.get() {
        return Ok(font.clone());
    }
    let configured = FONT_PATH.get().cloned().flatten();
    let font = configured
        .into_iter()
        .chain(FONT_CANDIDATES.iter().map(PathBuf::from))
        .filter_map(|p| std::fs::read(p).ok())
        .find_map(|bytes| Font::new(bytes.into(), 0))
        .ok_or(PdfError::NoFont)?;
    Ok(FONT.get_or_init(|| font).clone())
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
