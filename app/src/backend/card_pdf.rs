//! The 《就业援助卡》 as a PDF at business-card size (90 × 54 mm), with the QR code to the public
//! check drawn as vector squares. The text is set in a CJK font from the system (Debian's
//! `fonts-wqy-microhei` by default, or the file named by `JICENG_CJK_FONT`); only the glyphs
//! used are embedded.

use std::path::PathBuf;
use std::sync::OnceLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use qrcode::{Color as Module, QrCode};

use crate::domain::assistance_card::CardStatus;
use crate::i18n::{Locale, translate};
use crate::model::AppError;
use crate::model::assistance::CardView;

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// ISO 7810 ID-1 is 85.6 × 54; a Chinese business card is 90 × 54.
pub const WIDTH_MM: f32 = 90.0;
pub const HEIGHT_MM: f32 = 54.0;

/// Where a CJK font is looked for when `JICENG_CJK_FONT` is not set.
const FONT_CANDIDATES: [&str; 3] = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

#[derive(Debug, thiserror::Error)]
pub enum CardPdfError {
    #[error("no CJK font found (install fonts-wqy-microhei or set JICENG_CJK_FONT)")]
    NoFont,
    #[error("QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    #[error("page size")]
    PageSize,
    #[error("PDF: {0:?}")]
    Pdf(krilla::error::KrillaError),
}

impl From<CardPdfError> for AppError {
    fn from(err: CardPdfError) -> Self {
        match err {
            CardPdfError::NoFont => {
                tracing::error!("{err}");
                AppError::Unavailable("pdf_font".into())
            }
            other => {
                tracing::error!(error = %other, "card PDF");
                AppError::Internal
            }
        }
    }
}

/// The font, read once per process (a few MB; the PDF embeds a subset). A missing font is looked
/// for again at the next card, so installing it needs no restart.
fn font() -> Result<Font, CardPdfError> {
    static FONT: OnceLock<Font> = OnceLock::new();
    if let Some(font) = FONT.get() {
        return Ok(font.clone());
    }
    let configured = std::env::var_os("JICENG_CJK_FONT").map(PathBuf::from);
    let font = configured
        .into_iter()
        .chain(FONT_CANDIDATES.iter().map(PathBuf::from))
        .filter_map(|p| std::fs::read(p).ok())
        .find_map(|bytes| Font::new(bytes.into(), 0))
        .ok_or(CardPdfError::NoFont)?;
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

fn fill(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The card as a one-page PDF, labelled in `locale`.
pub fn render(card: &CardView, locale: Locale) -> Result<Vec<u8>, CardPdfError> {
    let font = font()?;
    let t = |key: &str| translate(key, locale);
    let (w, h) = (WIDTH_MM * MM, HEIGHT_MM * MM);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", t("card.title"), card.number))
            .creator("jiceng".to_string()),
    );
    let settings = PageSettings::from_wh(w, h).ok_or(CardPdfError::PageSize)?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();

    // The band with the title, and the status when the card is no longer valid.
    let band = 8.0 * MM;
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(0.0, 0.0, w, band) {
        pb.push_rect(r);
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(fill(0xb7, 0x1c, 0x1c)));
        surface.draw_path(&path);
    }
    surface.set_fill(Some(fill(0xff, 0xff, 0xff)));
    let margin = 4.0 * MM;
    surface.draw_text(
        Point::from_xy(margin, band - 2.4 * MM),
        font.clone(),
        11.0,
        &t("card.title"),
        false,
        TextDirection::Auto,
    );
    if card.status != CardStatus::Valid {
        let status = t(&format!("card.status.{}", card.status.as_str()));
        surface.draw_text(
            Point::from_xy(w * 0.55, band - 2.4 * MM),
            font.clone(),
            11.0,
            &fit(&status, 8.0),
            false,
            TextDirection::Auto,
        );
    }

    // The facts, label and value, left of the QR code.
    let qr_size = 20.0 * MM;
    let qr_x = w - margin - qr_size;
    let size = 6.5;
    let label_w = 15.0 * MM;
    let value_em = (qr_x - margin - label_w - 1.5 * MM) / size;
    let categories = card
        .categories
        .iter()
        .map(|c| t(&format!("category.{}", c.as_str())))
        .collect::<Vec<_>>()
        .join("、");
    let household = t(if card.zero_employment_household {
        "card.zero_household"
    } else {
        "card.household"
    })
    .replace("{n}", &card.household_members.to_string());
    let coordinator = match &card.coordinator_contact {
        Some(phone) => format!("{} {}", card.coordinator_name, phone),
        None => card.coordinator_name.clone(),
    };
    let rows = [
        (
            t("card.holder"),
            format!("{} {}", card.holder_name, card.id_number),
        ),
        (t("card.categories"), categories),
        (t("card.household_label"), household),
        (t("card.issuer"), card.office_name.clone()),
        (t("card.coordinator"), coordinator),
        (t("card.issued_on"), card.issued_on.clone()),
    ];
    let mut y = band + 5.5 * MM;
    for (label, value) in rows {
        surface.set_fill(Some(fill(0x55, 0x55, 0x55)));
        surface.draw_text(
            Point::from_xy(margin, y),
            font.clone(),
            size,
            &fit(&label, label_w / size),
            false,
            TextDirection::Auto,
        );
        surface.set_fill(Some(fill(0x11, 0x11, 0x11)));
        surface.draw_text(
            Point::from_xy(margin + label_w, y),
            font.clone(),
            size,
            &fit(&value, value_em),
            false,
            TextDirection::Auto,
        );
        y += 4.6 * MM;
    }
    surface.set_fill(Some(fill(0x11, 0x11, 0x11)));
    surface.draw_text(
        Point::from_xy(margin, h - 3.5 * MM),
        font.clone(),
        8.0,
        &format!("{} {}", t("card.number"), card.number),
        false,
        TextDirection::Auto,
    );

    // The QR code: the dark modules as squares, under the band on the right.
    let code = QrCode::new(card.check_url.as_bytes())?;
    let n = code.width();
    let module = qr_size / n as f32;
    let top = band + 3.0 * MM;
    let mut pb = PathBuilder::new();
    for (i, m) in code.to_colors().iter().enumerate() {
        if *m == Module::Dark {
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            if let Some(r) =
                Rect::from_xywh(qr_x + col * module, top + row * module, module, module)
            {
                pb.push_rect(r);
            }
        }
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(fill(0, 0, 0)));
        surface.draw_path(&path);
    }
    surface.set_fill(Some(fill(0x55, 0x55, 0x55)));
    surface.draw_text(
        Point::from_xy(qr_x, top + qr_size + 3.0 * MM),
        font,
        5.0,
        &fit(&t("card.scan_to_check"), qr_size / 5.0),
        false,
        TextDirection::Auto,
    );
    surface.finish();
    page.finish();
    document.finish().map_err(CardPdfError::Pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(status: CardStatus) -> CardView {
        CardView {
            number: "JY440305-2026-000123".into(),
            holder_name: "郑华".into(),
            id_number: "4403**********0012".into(),
            categories: vec![
                crate::domain::assistance::Category::FortyFifty,
                crate::domain::assistance::Category::ZeroEmploymentHousehold,
            ],
            zero_employment_household: true,
            household_members: 3,
            office_name: "南头街道劳动保障事务所".into(),
            coordinator_name: "南头城社区协理员".into(),
            coordinator_contact: Some("0755-26661001".into()),
            issued_on: "2026-11-26".into(),
            status,
            check_url: "https://jy.example.cn/cards/JY440305-2026-000123".into(),
            qr_svg: String::new(),
        }
    }

    /// Needs the CJK font `make test` installs (fonts-wqy-microhei). The PDF is left in the
    /// temporary directory for a look (`pdftoppm -png`).
    #[test]
    fn the_card_is_a_business_card_sized_pdf() {
        for (status, file) in [
            (CardStatus::Valid, "card-valid.pdf"),
            (CardStatus::Withdrawn, "card-withdrawn.pdf"),
        ] {
            let pdf = render(&sample(status), Locale::ZhCn).expect("pdf");
            std::fs::write(std::env::temp_dir().join(file), &pdf).expect("write");
            assert!(pdf.starts_with(b"%PDF-"));
            let text = String::from_utf8_lossy(&pdf);
            assert!(text.contains("/MediaBox[0 0 255.118"), "width 90 mm");
            // A subset of the font, not the 5 MB file.
            assert!(pdf.len() < 150_000, "{} bytes", pdf.len());
        }
    }

    #[test]
    fn widths_count_full_width_characters_as_one_em() {
        assert_eq!(width_em("就业"), 2.0);
        assert!((width_em("JY44") - 2.4).abs() < 1e-6);
    }

    #[test]
    fn long_values_are_cut_with_an_ellipsis() {
        assert_eq!(fit("南头街道", 4.0), "南头街道");
        assert_eq!(fit("南头街道劳动保障事务所", 5.0), "南头街道…");
        assert!(width_em(&fit("南头街道劳动保障事务所", 5.0)) <= 5.0);
    }
}
