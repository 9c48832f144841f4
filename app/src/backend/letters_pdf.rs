//! Promotion letters (晋升通知书) as an A4 PDF, one page per coordinator promoted in a round:
//! the addressee, the decision with its round, the effective date and the new pay
//! coefficient, the issuing office and the date. Official letters are written in Chinese.

use krilla::Document;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use super::pdf::{MM, PdfError, fit, font, width_em, write};

/// A4 portrait.
const WIDTH_MM: f32 = 210.0;
const HEIGHT_MM: f32 = 297.0;

/// One letter's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub name: String,
    pub area_name: String,
    pub round_title: String,
    pub effective_on: String,
    /// ‰
    pub pay_coefficient: Option<u32>,
    pub issuer: String,
    pub issued_on: String,
}

/// Breaks `text` into lines of at most `max_em`.
fn wrap(text: &str, max_em: f32) -> Vec<String> {
    let mut lines = vec![];
    let mut line = String::new();
    for c in text.chars() {
        let mut next = line.clone();
        next.push(c);
        if width_em(&next) > max_em && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line.push(c);
        } else {
            line = next;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The letters, one page each (none: one page saying so).
pub fn render(title: &str, letters: &[Letter]) -> Result<Vec<u8>, PdfError> {
    let font = font()?;
    let (w, h) = (WIDTH_MM * MM, HEIGHT_MM * MM);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("jiceng".to_string()),
    );
    for l in letters {
        let settings = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut put = |text: &str, size: f32, x: f32, y: f32| {
            write(&mut surface, &font, (x, y), size, text);
        };
        let heading = "劳动保障协理员晋升通知书";
        surface_title(&mut put, heading, w);
        let margin = 25.0 * MM;
        let body = 14.0;
        put(&format!("{}同志：", l.name), body, margin, 70.0 * MM);
        let pay = l
            .pay_coefficient
            .map(|p| {
                format!(
                    "，绩效工资系数按一级标准执行（{:.2}）",
                    f64::from(p) / 1000.0
                )
            })
            .unwrap_or_default();
        let text = format!(
            "经{}考核、公示，决定你（{}）自{}起晋升为一级劳动保障协理员{}。",
            l.round_title, l.area_name, l.effective_on, pay
        );
        let max_em = (w - 2.0 * margin) / body;
        let lines = wrap(&format!("　　{text}"), max_em);
        for (i, line) in lines.iter().enumerate() {
            put(line, body, margin, (84.0 + i as f32 * 9.0) * MM);
        }
        // The closing and the signature follow the text, however long the round's title.
        let after = 84.0 + lines.len() as f32 * 9.0;
        put("特此通知。", body, margin + 2.0 * body, (after + 9.0) * MM);
        for (i, line) in [l.issuer.as_str(), l.issued_on.as_str()].iter().enumerate() {
            let line = fit(line, 80.0 * MM / body);
            let x = w - margin - width_em(&line) * body;
            put(&line, body, x, (after + 30.0 + i as f32 * 9.0) * MM);
        }
        surface.finish();
        page.finish();
    }
    if letters.is_empty() {
        let settings = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        write(
            &mut surface,
            &font,
            (25.0 * MM, 40.0 * MM),
            14.0,
            &format!("{title}：无晋升人员"),
        );
        surface.finish();
        page.finish();
    }
    font.finish()?;
    document.finish().map_err(PdfError::Pdf)
}

/// The letter's heading, centred.
fn surface_title(put: &mut impl FnMut(&str, f32, f32, f32), heading: &str, w: f32) {
    let size = 22.0;
    let x = (w - width_em(heading) * size) / 2.0;
    put(heading, size, x, 45.0 * MM);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_width() {
        let lines = wrap(&"经".repeat(25), 10.0);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| width_em(l) <= 10.0));
        assert_eq!(lines.concat(), "经".repeat(25));
    }
}
