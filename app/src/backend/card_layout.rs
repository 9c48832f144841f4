//! Where the facts of the 《就业援助卡》 go on its face: each label and value wrapped into its
//! column, in the largest type from 6.5 pt down to 4 pt that sets every line in the box left of
//! the QR code (this system's default). Nothing is cut for content within the bounds the forms
//! enforce (a name of 50 characters, every category, an office named after the longest street
//! name of the national division codes, a coordinator's name of 100 characters and a landline
//! with an extension); beyond them, as a last resort, the longest values lose their last lines
//! and end in "…". Pure: sizes in points, widths from [`width_em`].

use super::pdf::{width_em, wrap};

/// The largest and smallest type of the facts, in points.
pub const LARGEST: f32 = 6.5;
pub const SMALLEST: f32 = 4.0;
const STEP: f32 = 0.25;
/// Line height and the space between rows, as multiples of the type size.
const LEADING: f32 = 1.25;
const ROW_GAP: f32 = 0.4;
/// The space between the label and the value column, in em.
const GUTTER: f32 = 0.6;
/// The label column takes at most this share of the width; longer labels wrap.
const LABEL_SHARE: f32 = 0.3;

/// One fact as set: its label's lines and its value's lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: Vec<String>,
    pub value: Vec<String>,
}

impl Row {
    /// The lines the row takes: its label's or its value's, whichever has more.
    pub fn lines(&self) -> usize {
        self.label.len().max(self.value.len())
    }
}

/// The facts as set in a box: the type size (points), where the value column starts (points
/// from the box's left), the distance between baselines and between rows (points), and whether
/// every line of every value is there.
#[derive(Clone, Debug, PartialEq)]
pub struct CardLayout {
    pub size: f32,
    pub value_x: f32,
    pub line_height: f32,
    pub row_gap: f32,
    pub rows: Vec<Row>,
    pub complete: bool,
}

impl CardLayout {
    /// The height the rows take, in points.
    pub fn height(&self) -> f32 {
        let lines: usize = self.rows.iter().map(Row::lines).sum();
        let gaps = self.rows.len().saturating_sub(1) as f32;
        lines as f32 * self.line_height + gaps * self.row_gap
    }

    /// The width of the value column, in em of the layout's size.
    fn value_em(&self, width: f32) -> f32 {
        (width - self.value_x) / self.size
    }
}

/// Sets `facts` (label, value) in a box `width` × `height` points: the largest size whose lines
/// all fit; at [`SMALLEST`], if they still do not, the longest values are shortened.
pub fn layout(facts: &[(String, String)], width: f32, height: f32) -> CardLayout {
    let mut size = LARGEST;
    loop {
        let set = at(facts, width, size);
        if set.height() <= height {
            return set;
        }
        if size - STEP < SMALLEST - 1e-3 {
            return shorten(set, width, height);
        }
        size -= STEP;
    }
}

fn at(facts: &[(String, String)], width: f32, size: f32) -> CardLayout {
    let widest_label = facts
        .iter()
        .map(|(label, _)| width_em(label))
        .fold(0.0, f32::max);
    let label_em = widest_label.min(width * LABEL_SHARE / size);
    let value_x = (label_em + GUTTER) * size;
    let value_em = (width - value_x) / size;
    let rows = facts
        .iter()
        .map(|(label, value)| Row {
            label: wrap(label, label_em),
            value: wrap(value, value_em),
        })
        .collect();
    CardLayout {
        size,
        value_x,
        line_height: LEADING * size,
        row_gap: ROW_GAP * size,
        rows,
        complete: true,
    }
}

/// Takes the last line of the value with the most lines, ending the one before it in "…",
/// until the rows fit (or every value is one line).
fn shorten(mut set: CardLayout, width: f32, height: f32) -> CardLayout {
    let value_em = set.value_em(width);
    while set.height() > height {
        let Some(row) = set
            .rows
            .iter_mut()
            .filter(|r| r.value.len() > 1)
            .max_by_key(|r| r.value.len())
        else {
            break;
        };
        row.value.pop();
        if let Some(last) = row.value.last_mut() {
            while !last.is_empty() && width_em(last) + 1.0 > value_em {
                last.pop();
            }
            last.push('…');
        }
        set.complete = false;
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(values: &[&str]) -> Vec<(String, String)> {
        [
            "持卡人",
            "援助对象类别",
            "家庭情况",
            "责任单位",
            "联系协理员",
            "发卡日期",
        ]
        .iter()
        .zip(values)
        .map(|(l, v)| (l.to_string(), v.to_string()))
        .collect()
    }

    fn unspaced(lines: &[String]) -> String {
        lines.concat().split_whitespace().collect()
    }

    #[test]
    fn short_facts_keep_the_largest_type_one_line_each() {
        let set = layout(
            &facts(&[
                "郑华 440305***********2",
                "「4050」人员、零就业家庭成员",
                "零就业家庭，成员 3 人",
                "南头街道劳动保障事务所",
                "南头城社区协理员 0755-26661001",
                "2026-11-26",
            ]),
            170.0,
            100.0,
        );
        assert_eq!(set.size, LARGEST);
        assert!(set.complete);
        assert!(set.rows.iter().all(|r| r.value.len() == 1), "{set:?}");
    }

    #[test]
    fn long_facts_take_smaller_type_and_every_line_stays_in_the_box() {
        let name = "阿".repeat(50);
        let values = [
            format!("{name} 440305***********2"),
            "零就业家庭成员、距退休不足十年、连续失业一年以上、退役军人及军属".to_string(),
            "零就业家庭，成员 12 人".to_string(),
            format!("{}劳动保障事务所", "内".repeat(24)),
            format!("{} 0755-26661001-8023", "协".repeat(100)),
            "2026-11-26".to_string(),
        ];
        let given = facts(&values.iter().map(String::as_str).collect::<Vec<_>>());
        let (width, height) = (170.0, 100.0);
        let set = layout(&given, width, height);
        assert!(set.complete);
        assert!(set.size < LARGEST && set.size >= SMALLEST, "{}", set.size);
        assert!(set.height() <= height);
        for (row, value) in set.rows.iter().zip(&values) {
            assert_eq!(unspaced(&row.value), unspaced(std::slice::from_ref(value)));
            for line in &row.value {
                assert!(
                    set.value_x + width_em(line) * set.size <= width + 1e-3,
                    "{line}"
                );
            }
        }
        // The phone number is on one line.
        let phone_lines = &set.rows[4].value;
        assert!(
            phone_lines
                .iter()
                .any(|l| l.ends_with("0755-26661001-8023"))
        );
    }

    #[test]
    fn beyond_the_bounds_the_longest_value_is_shortened_with_an_ellipsis() {
        let huge = "长".repeat(2000);
        let given = facts(&[
            &huge,
            "失地农民",
            "成员 3 人",
            "事务所",
            "协理员",
            "2026-11-26",
        ]);
        let set = layout(&given, 170.0, 100.0);
        assert!(!set.complete);
        assert_eq!(set.size, SMALLEST);
        assert!(set.height() <= 100.0);
        assert!(set.rows[0].value.last().is_some_and(|l| l.ends_with('…')));
        // The other facts are all there.
        assert_eq!(set.rows[5].value, ["2026-11-26"]);
    }

    #[test]
    fn long_labels_wrap_in_their_column() {
        let given = vec![(
            "A label much too long for its column".to_string(),
            "x".to_string(),
        )];
        let set = layout(&given, 170.0, 100.0);
        assert!(set.rows[0].label.len() > 1);
        // The label keeps to its share; the value column keeps the rest of the width.
        assert!(
            set.rows[0]
                .label
                .iter()
                .all(|l| width_em(l) * set.size <= 170.0 * LABEL_SHARE + 1e-3)
        );
    }
}
