//! The 《就业援助卡》 as a PDF at business-card size (90 × 54 mm), with the QR code to the public
//! check drawn as vector squares (the font and the drawing helpers are in `pdf`).

use krilla::geom::{PathBuilder, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use super::card_layout;
use super::pdf::{MM, PdfError, draw_qr, fill, fit, font, write};
use crate::domain::assistance_card::CardStatus;
use crate::i18n::{Locale, translate};
use crate::model::assistance::CardView;

/// ISO 7810 ID-1 is 85.6 × 54; a Chinese business card is 90 × 54.
pub const WIDTH_MM: f32 = 90.0;
pub const HEIGHT_MM: f32 = 54.0;

/// The box of the facts, in millimetres from the card's top: under the 8 mm band, above the
/// card number.
const FACTS_TOP: f32 = 10.5;
const FACTS_BOTTOM: f32 = 47.0;

/// The facts the card states, each a label and its value, in `locale`.
fn facts(card: &CardView, locale: Locale) -> Vec<(String, String)> {
    let t = |key: &str| translate(key, locale);
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
    vec![
        (
            t("card.holder"),
            format!("{} {}", card.holder_name, card.id_number),
        ),
        (t("card.categories"), categories),
        (t("card.household_label"), household),
        (t("card.issuer"), card.office_name.clone()),
        (t("card.coordinator"), coordinator),
        (t("card.issued_on"), card.issued_on.clone()),
    ]
}

/// The card as a one-page PDF, labelled in `locale`.
pub fn render(card: &CardView, locale: Locale) -> Result<Vec<u8>, PdfError> {
    render_in(card, locale, true)
}

fn render_in(card: &CardView, locale: Locale, compressed: bool) -> Result<Vec<u8>, PdfError> {
    let font = font()?;
    let t = |key: &str| translate(key, locale);
    let (w, h) = (WIDTH_MM * MM, HEIGHT_MM * MM);
    let mut document = crate::backend::pdf::document(compressed);
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", t("card.title"), card.number))
            .creator("jiceng".to_string()),
    );
    let settings = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize)?;
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
    write(
        &mut surface,
        &font,
        (margin, band - 2.4 * MM),
        11.0,
        &t("card.title"),
    );
    if card.status != CardStatus::Valid {
        let status = t(&format!("card.status.{}", card.status.as_str()));
        write(
            &mut surface,
            &font,
            (w * 0.55, band - 2.4 * MM),
            11.0,
            &fit(&status, 8.0),
        );
    }

    // The facts, label and value, left of the QR code, in the largest type that sets them all.
    let qr_size = 20.0 * MM;
    let qr_x = w - margin - qr_size;
    let set = card_layout::layout(
        &facts(card, locale),
        qr_x - 1.5 * MM - margin,
        FACTS_BOTTOM * MM - FACTS_TOP * MM,
    );
    let mut top = FACTS_TOP * MM;
    for row in &set.rows {
        for (column, lines, shade) in [
            (margin, &row.label, 0x55),
            (margin + set.value_x, &row.value, 0x11),
        ] {
            surface.set_fill(Some(fill(shade, shade, shade)));
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + set.size + i as f32 * set.line_height;
                write(&mut surface, &font, (column, baseline), set.size, line);
            }
        }
        top += row.lines() as f32 * set.line_height + set.row_gap;
    }
    surface.set_fill(Some(fill(0x11, 0x11, 0x11)));
    write(
        &mut surface,
        &font,
        (margin, h - 3.5 * MM),
        8.0,
        &format!("{} {}", t("card.number"), card.number),
    );

    // The QR code under the band on the right.
    let top = band + 3.0 * MM;
    draw_qr(&mut surface, &card.check_url, qr_x, top, qr_size)?;
    surface.set_fill(Some(fill(0x55, 0x55, 0x55)));
    write(
        &mut surface,
        &font,
        (qr_x, top + qr_size + 3.0 * MM),
        5.0,
        &fit(&t("card.scan_to_check"), qr_size / 5.0),
    );
    surface.finish();
    page.finish();
    font.finish()?;
    document.finish().map_err(PdfError::Pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::pdf::{sets, width_em};
    use crate::model::AppError;

    fn sample(status: CardStatus) -> CardView {
        CardView {
            number: "JY440305-2026-000123".into(),
            holder_name: "郑华".into(),
            id_number: "440305***********2".into(),
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
    fn a_withdrawn_card_says_so_and_a_valid_one_does_not() {
        // 收 of 已收回 (card.status.withdrawn) is set nowhere else on the card.
        let valid = render_in(&sample(CardStatus::Valid), Locale::ZhCn, false).expect("pdf");
        let withdrawn =
            render_in(&sample(CardStatus::Withdrawn), Locale::ZhCn, false).expect("pdf");
        assert!(
            sets(&valid, '郑') && sets(&withdrawn, '郑'),
            "the reading works"
        );
        assert!(sets(&withdrawn, '收'));
        assert!(!sets(&valid, '收'));
    }

    /// 𠮷 (U+20BB7, CJK Extension B) is not in the main font: it is set from the fallback
    /// (HanaMinB of fonts-hanazono, which `make test` installs), not as a blank box.
    #[test]
    fn a_rare_character_is_set_from_the_fallback_font() {
        let mut card = sample(CardStatus::Valid);
        card.holder_name = "𠮷小龙".into();
        let main = crate::backend::pdf::font().expect("fonts");
        let pdf = render_in(&card, Locale::ZhCn, false).expect("pdf");
        std::fs::write(std::env::temp_dir().join("card-rare.pdf"), &pdf).expect("write");
        assert!(sets(&pdf, '𠮷'), "U+20BB7 is in the PDF's text");
        assert!(sets(&pdf, '龙'));
        // Two fonts are embedded: the main one and the fallback.
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.matches("/FontFile2").count() + text.matches("/FontFile3").count() >= 2);
        assert!(main.covers("𠮷小龙").is_ok());
    }

    /// A character no font has (here a private-use code point of plane 16, which no font
    /// defines) refuses the card, naming the character: never a blank box.
    #[test]
    fn a_character_no_font_has_refuses_the_document_naming_it() {
        let mut card = sample(CardStatus::Valid);
        card.holder_name = "\u{10FFFD}小龙".into();
        match render(&card, Locale::ZhCn) {
            Err(PdfError::NoGlyph(c)) => assert_eq!(c, '\u{10FFFD}'),
            other => panic!("expected NoGlyph, got {:?}", other.map(|b| b.len())),
        }
        let err = AppError::from(PdfError::NoGlyph('\u{10FFFD}'));
        assert_eq!(err.code(), crate::model::ErrorCode::Unavailable);
        assert!(
            err.message("zh-CN").contains("U+10FFFD"),
            "{}",
            err.message("zh-CN")
        );
        assert!(!err.message("en").contains("小龙"));
    }

    /// A variation selector or a zero-width joiner pasted with a name shows nothing and is no
    /// reason to refuse the card.
    #[test]
    fn invisible_characters_are_left_out_not_refused() {
        let mut card = sample(CardStatus::Valid);
        card.holder_name = "郑\u{FE00}\u{200D}华\u{E0100}".into();
        let pdf = render_in(&card, Locale::ZhCn, false).expect("pdf");
        assert!(sets(&pdf, '郑') && sets(&pdf, '华'));
        assert!(!sets(&pdf, '\u{FE00}'));
    }

    #[test]
    fn widths_count_full_width_characters_as_one_em() {
        assert_eq!(width_em("就业"), 2.0);
        assert!((width_em("JY44") - 2.4).abs() < 1e-6);
    }

    /// The longest card the forms allow: a name of 50 characters, every category, the office of
    /// the longest street name in the national division codes (24 characters), a coordinator's
    /// name of 100 characters and a landline with an extension. Every fact is set whole, in both
    /// languages, and nothing is cut: the PDF sets no "…".
    #[test]
    fn the_longest_card_sets_every_fact_whole() {
        let mut card = sample(CardStatus::Valid);
        card.holder_name = "阿卜杜热合曼·买买提".repeat(5);
        assert_eq!(card.holder_name.chars().count(), 50);
        card.categories = crate::domain::assistance::Category::ALL.to_vec();
        card.household_members = 12;
        card.office_name = "内蒙古赤峰高新技术产业开发区管理委员会红山产业园劳动保障事务所".into();
        card.coordinator_name = "协理员".repeat(34).chars().take(100).collect();
        assert_eq!(card.office_name.chars().count(), 24 + 7);
        card.coordinator_contact = Some("0755-26661001-808023".into());
        for locale in [Locale::ZhCn, Locale::En] {
            let set = card_layout::layout(
                &facts(&card, locale),
                (WIDTH_MM - 4.0 - 20.0 - 1.5 - 4.0) * MM,
                (FACTS_BOTTOM - FACTS_TOP) * MM,
            );
            assert!(set.complete, "{locale:?}: {set:?}");
            assert!(set.size >= card_layout::SMALLEST);
            let pdf = render_in(&card, locale, false).expect("pdf");
            std::fs::write(
                std::env::temp_dir().join(format!("card-longest-{locale:?}.pdf")),
                &pdf,
            )
            .expect("write");
            assert!(!sets(&pdf, '…'), "{locale:?}: something was cut");
            for c in ['阿', '提', '园', '协', '员'] {
                assert!(sets(&pdf, c), "{locale:?}: {c}");
            }
        }
    }

    #[test]
    fn long_values_are_cut_with_an_ellipsis() {
        assert_eq!(fit("南头街道", 4.0), "南头街道");
        assert_eq!(fit("南头街道劳动保障事务所", 5.0), "南头街道…");
        assert!(width_em(&fit("南头街道劳动保障事务所", 5.0)) <= 5.0);
    }
}
