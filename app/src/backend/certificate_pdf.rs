//! The 充分就业社区 certificate as a one-page A4 landscape PDF: the tier, the community, the
//! year, the issuer and the date, the certificate number and a QR code to the public
//! verification page. A revoked title prints across it that it is revoked, with the date.

use krilla::geom::{PathBuilder, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use super::pdf::{MM, PdfError, draw_qr, fill, fit, font, width_em, write};
use crate::domain::certification::CertStatus;
use crate::i18n::{Locale, translate};
use crate::model::CertificateView;

/// A4 landscape.
pub const WIDTH_MM: f32 = 297.0;
pub const HEIGHT_MM: f32 = 210.0;

/// The certificate of `c`, its QR code pointing at `verify_url`, labelled in `locale`.
pub fn render(c: &CertificateView, verify_url: &str, locale: Locale) -> Result<Vec<u8>, PdfError> {
    render_in(c, verify_url, locale, true)
}

fn render_in(
    c: &CertificateView,
    verify_url: &str,
    locale: Locale,
    compressed: bool,
) -> Result<Vec<u8>, PdfError> {
    let font = font()?;
    let t = |key: &str| translate(key, locale);
    let (w, h) = (WIDTH_MM * MM, HEIGHT_MM * MM);
    let mut document = crate::backend::pdf::document(compressed);
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", t("certificate.title"), c.certificate_no))
            .creator("jiceng".to_string()),
    );
    let settings = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize)?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();

    // A red double frame.
    for (inset, thickness) in [(8.0, 2.2), (11.0, 0.8)] {
        let mut pb = PathBuilder::new();
        let (x, y) = (inset * MM, inset * MM);
        let (fw, fh) = (w - 2.0 * x, h - 2.0 * y);
        let t = thickness * MM;
        for r in [
            Rect::from_xywh(x, y, fw, t),
            Rect::from_xywh(x, y + fh - t, fw, t),
            Rect::from_xywh(x, y, t, fh),
            Rect::from_xywh(x + fw - t, y, t, fh),
        ]
        .into_iter()
        .flatten()
        {
            pb.push_rect(r);
        }
        if let Some(path) = pb.finish() {
            surface.set_fill(Some(fill(0xb4, 0x23, 0x1b)));
            surface.draw_path(&path);
        }
    }

    // Centred lines: the title, the tier, the community, the citation.
    let mut centred = |text: &str, size: f32, y: f32, rgb: (u8, u8, u8)| {
        let text = fit(text, (w - 60.0 * MM) / size);
        let x = (w - width_em(&text) * size) / 2.0;
        surface.set_fill(Some(fill(rgb.0, rgb.1, rgb.2)));
        write(&mut surface, &font, (x.max(20.0 * MM), y), size, &text);
    };
    let tier = t(&format!("tier.{}", c.tier.as_str()));
    centred(&t("certificate.title"), 30.0, 45.0 * MM, (0xb4, 0x23, 0x1b));
    centred(&tier, 22.0, 68.0 * MM, (0x22, 0x22, 0x22));
    centred(&c.community_name, 26.0, 95.0 * MM, (0x11, 0x11, 0x11));
    let place = c.area_path.join(" ");
    centred(&place, 12.0, 106.0 * MM, (0x55, 0x55, 0x55));
    let citation = t("certificate.citation")
        .replace("{year}", &c.year.to_string())
        .replace("{tier}", &tier);
    centred(&citation, 14.0, 122.0 * MM, (0x22, 0x22, 0x22));

    // The issuer and the date (right), the number (left), the QR code (bottom right).
    let qr = 32.0 * MM;
    let qr_x = w - 24.0 * MM - qr;
    let qr_y = h - 22.0 * MM - qr;
    draw_qr(&mut surface, verify_url, qr_x, qr_y, qr)?;
    surface.set_fill(Some(fill(0x55, 0x55, 0x55)));
    write(
        &mut surface,
        &font,
        (qr_x, qr_y + qr + 5.0 * MM),
        8.0,
        &fit(&t("certificate.scan"), qr / 8.0),
    );
    surface.set_fill(Some(fill(0x11, 0x11, 0x11)));
    let right = qr_x - 10.0 * MM;
    for (i, line) in [c.issuer.clone(), c.issued_on.clone()].iter().enumerate() {
        let size = 14.0;
        let line = fit(line, 60.0 * MM / size);
        write(
            &mut surface,
            &font,
            (
                right - width_em(&line) * size,
                150.0 * MM + i as f32 * 9.0 * MM,
            ),
            size,
            &line,
        );
    }
    write(
        &mut surface,
        &font,
        (24.0 * MM, h - 24.0 * MM),
        11.0,
        &format!("{} {}", t("certificate.number"), c.certificate_no),
    );
    if c.status == CertStatus::Revoked {
        let text =
            t("certificate.revoked").replace("{date}", c.revoked_on.as_deref().unwrap_or_default());
        surface.set_fill(Some(fill(0xb4, 0x23, 0x1b)));
        write(
            &mut surface,
            &font,
            (24.0 * MM, 150.0 * MM),
            20.0,
            &fit(&text, 120.0 * MM / 20.0),
        );
    }
    surface.finish();
    page.finish();
    font.finish()?;
    document.finish().map_err(PdfError::Pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certification::Tier;

    fn sample(status: CertStatus) -> CertificateView {
        CertificateView {
            certificate_no: "SF-2026-440305-0001".into(),
            community_code: "440305001007".into(),
            community_name: "马家龙社区居委会".into(),
            area_path: vec![
                "广东省".into(),
                "深圳市".into(),
                "南山区".into(),
                "南头街道".into(),
            ],
            tier: Tier::NationalDemonstration,
            year: 2026,
            issuer: "人力资源社会保障部".into(),
            status,
            issued_on: "2026-11-26".into(),
            revoked_on: (status == CertStatus::Revoked).then(|| "2027-03-01".into()),
            revoke_reason: None,
            is_demo: false,
        }
    }

    /// Needs the CJK font `make test` installs. The PDFs are left in the temporary directory.
    #[test]
    fn the_certificate_is_an_a4_landscape_pdf_with_a_small_font_subset() {
        for (status, file) in [
            (CertStatus::Valid, "certificate-valid.pdf"),
            (CertStatus::Revoked, "certificate-revoked.pdf"),
        ] {
            let pdf = render(
                &sample(status),
                "https://jy.example.cn/verify/SF-2026-440305-0001",
                Locale::ZhCn,
            )
            .expect("pdf");
            std::fs::write(std::env::temp_dir().join(file), &pdf).expect("write");
            assert!(pdf.starts_with(b"%PDF-"));
            let text = String::from_utf8_lossy(&pdf);
            assert!(text.contains("/MediaBox[0 0 841.8"), "width 297 mm");
            assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
        }
    }

    #[test]
    fn a_revoked_certificate_says_so_and_a_valid_one_does_not() {
        let url = "https://jy.example.cn/verify/SF-2026-440305-0001";
        let valid = render_in(&sample(CertStatus::Valid), url, Locale::ZhCn, false).expect("pdf");
        let revoked =
            render_in(&sample(CertStatus::Revoked), url, Locale::ZhCn, false).expect("pdf");
        // 撤 of 本称号已于…撤销 (certificate.revoked) is set nowhere else on the certificate.
        let sets = crate::backend::pdf::sets;
        assert!(
            sets(&valid, '马') && sets(&revoked, '马'),
            "the reading works"
        );
        assert!(sets(&revoked, '撤'));
        assert!(!sets(&valid, '撤'));
    }
}
