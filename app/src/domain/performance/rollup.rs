//! The kept figures of the performance roll-ups, pure: what the records of one area code give
//! for the kept periods ([`Period::kept`]), each measure's part and whole, and their sums for
//! every code above by prefix (the 12-digit code's prefixes are the hierarchy: a community's
//! figures add to its street, county, city, province and the whole country). Sums are linear,
//! so a difference of one area's figures rolls up the same way as the figures themselves.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Period;
use super::measures::{self, Facts, Measure, Window};
use crate::domain::area_code::AreaCode;
use crate::domain::assistance::ExitReason;

/// The code the whole country's roll-up is kept under.
pub const NATIONAL: &str = "000000000000";

/// A kept figure: area code, period label (`2026-11`, `2026-Q4`, `2026`), measure key
/// ([`Measure::as_str`], or [`exit_key`] for the exits of one reason).
pub type Key = (String, String, String);

/// Part and whole of each kept figure; a figure absent is `(0, 0)`.
pub type Figures = BTreeMap<Key, (i64, i64)>;

/// The key of the exits of one reason: `exits.<reason>`.
pub fn exit_key(reason: ExitReason) -> String {
    format!("{}.{}", Measure::Exits.as_str(), reason.as_str())
}

/// Adds to `out` the figures the records of `code` give for `periods` counted on `today`: for
/// each period begun, every measure that counted something, and the exits of each reason.
pub fn count_area(
    code: &str,
    facts: &Facts,
    periods: &[Period],
    today: NaiveDate,
    out: &mut Figures,
) {
    for period in periods {
        let Some(w) = Window::of(*period, today) else {
            continue;
        };
        let label = period.label();
        for measure in Measure::ALL {
            let counted = measures::count(measure, facts, w);
            if counted.is_empty() {
                continue;
            }
            let share = measures::share(&counted);
            let key = (
                code.to_string(),
                label.clone(),
                measure.as_str().to_string(),
            );
            add(out, key, (as_i64(share.part), as_i64(share.whole)));
            if measure == Measure::Exits {
                for (reason, n) in measures::exits_by_reason(&counted) {
                    let key = (code.to_string(), label.clone(), exit_key(reason));
                    add(out, key, (as_i64(n), as_i64(n)));
                }
            }
        }
    }
}

fn as_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn add(out: &mut Figures, key: Key, (part, whole): (i64, i64)) {
    let e = out.entry(key).or_insert((0, 0));
    e.0 += part;
    e.1 += whole;
}

/// The codes the figures of `code` add to: the code itself, every ancestor by prefix, and the
/// whole country. A code that is not a valid area code adds to itself and the country only.
pub fn rolled_into(code: &str) -> Vec<String> {
    let mut out = vec![NATIONAL.to_string()];
    if let Ok(c) = AreaCode::parse(code) {
        out.extend(c.ancestors().iter().map(|a| a.as_str().to_string()));
    }
    if code != NATIONAL {
        out.push(code.to_string());
    }
    out
}

/// The roll-ups of the figures of area codes: each figure summed into every code it adds to
/// ([`rolled_into`]).
pub fn roll_up(counts: &Figures) -> Figures {
    let mut out = Figures::new();
    for ((code, period, measure), value) in counts {
        for into in rolled_into(code) {
            add(&mut out, (into, period.clone(), measure.clone()), *value);
        }
    }
    out
}

/// `after − before`, figure by figure, leaving out those that did not move.
pub fn difference(before: &Figures, after: &Figures) -> Figures {
    let mut out = Figures::new();
    for (key, (part, whole)) in after {
        let (p0, w0) = before.get(key).copied().unwrap_or((0, 0));
        if (*part, *whole) != (p0, w0) {
            out.insert(key.clone(), (part - p0, whole - w0));
        }
    }
    for (key, (p0, w0)) in before {
        if !after.contains_key(key) && (*p0, *w0) != (0, 0) {
            out.insert(key.clone(), (-p0, -w0));
        }
    }
    out
}

/// A kept figure that differs from the recount: key, kept (part, whole), counted.
pub type Mismatch = (Key, (i64, i64), (i64, i64));

/// The figures that differ between what is kept and what the records give, a figure absent on
/// either side read as `(0, 0)`.
pub fn mismatches(kept: &Figures, counted: &Figures) -> Vec<Mismatch> {
    difference(kept, counted)
        .into_keys()
        .map(|key| {
            let k = kept.get(&key).copied().unwrap_or((0, 0));
            let c = counted.get(&key).copied().unwrap_or((0, 0));
            (key, k, c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::performance::measures::{Deadline, DueRecord, TargetFacts};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn key(code: &str, period: &str, measure: &str) -> Key {
        (code.to_string(), period.to_string(), measure.to_string())
    }

    fn item(id: i64, due: &str, done: Option<&str>) -> DueRecord {
        DueRecord {
            id,
            deadline: Deadline {
                due: d(due),
                done: done.map(d),
            },
        }
    }

    #[test]
    fn an_areas_figures_per_period_and_exits_per_reason() {
        let facts = Facts {
            plan_items: vec![
                item(1, "2026-08-10", Some("2026-08-09")),
                item(2, "2026-08-20", None),
                item(3, "2026-09-05", Some("2026-09-05")),
            ],
            targets: vec![TargetFacts {
                id: 7,
                applied_on: d("2026-07-01"),
                confirmed_on: Some(d("2026-07-05")),
                exited_on: Some(d("2026-08-15")),
                exit_reason: Some(ExitReason::StableEmployment),
                decide_by: d("2026-07-31"),
                found_work_on: None,
                stay_months: 3,
                card_issued_on: Some(d("2026-07-06")),
            }],
            ..Facts::default()
        };
        let periods = [
            Period::parse("2026-08").expect("month"),
            Period::parse("2026-09").expect("month"),
            Period::parse("2026-Q3").expect("quarter"),
            Period::parse("2026-10").expect("month"),
        ];
        let mut out = Figures::new();
        // Counted on 2026-09-04: the item due on 09-05 is not due yet; October has not begun.
        count_area("440305001002", &facts, &periods, d("2026-09-04"), &mut out);
        let c = "440305001002";
        assert_eq!(
            out.get(&key(c, "2026-08", "services_on_time")),
            Some(&(1, 2))
        );
        assert_eq!(out.get(&key(c, "2026-09", "services_on_time")), None);
        assert_eq!(
            out.get(&key(c, "2026-Q3", "services_on_time")),
            Some(&(1, 2))
        );
        assert_eq!(out.get(&key(c, "2026-08", "exits")), Some(&(1, 1)));
        assert_eq!(
            out.get(&key(c, "2026-08", "exits.stable_employment")),
            Some(&(1, 1))
        );
        assert_eq!(out.get(&key(c, "2026-07", "registrations_on_time")), None);
        assert_eq!(
            out.get(&key(c, "2026-Q3", "registrations_on_time")),
            Some(&(1, 1))
        );
        assert!(out.keys().all(|(_, p, _)| p != "2026-10"));
    }

    #[test]
    fn figures_roll_up_by_prefix_to_the_whole_country() {
        assert_eq!(
            rolled_into("440305001002"),
            [
                NATIONAL,
                "440000000000",
                "440300000000",
                "440305000000",
                "440305001000",
                "440305001002"
            ]
        );
        // 东莞's townships sit straight under the city.
        assert_eq!(
            rolled_into("441900003000"),
            [NATIONAL, "440000000000", "441900000000", "441900003000"]
        );
        let mut counts = Figures::new();
        counts.insert(key("440305001002", "2026-08", "exits"), (2, 2));
        counts.insert(key("440305001003", "2026-08", "exits"), (3, 3));
        counts.insert(key("440304001001", "2026-08", "exits"), (1, 1));
        let up = roll_up(&counts);
        assert_eq!(
            up.get(&key("440305001000", "2026-08", "exits")),
            Some(&(5, 5))
        );
        assert_eq!(
            up.get(&key("440300000000", "2026-08", "exits")),
            Some(&(6, 6))
        );
        assert_eq!(up.get(&key(NATIONAL, "2026-08", "exits")), Some(&(6, 6)));
        assert_eq!(
            up.get(&key("440305001003", "2026-08", "exits")),
            Some(&(3, 3))
        );
    }

    #[test]
    fn a_difference_rolls_up_to_the_new_sums() {
        let mut before = Figures::new();
        before.insert(key("440305001002", "2026-08", "visits_on_schedule"), (3, 4));
        before.insert(key("440305001002", "2026-08", "exits"), (1, 1));
        let mut after = Figures::new();
        after.insert(key("440305001002", "2026-08", "visits_on_schedule"), (4, 4));
        after.insert(key("440305001002", "2026-09", "exits"), (1, 1));
        let diff = difference(&before, &after);
        assert_eq!(diff.len(), 3);
        // The kept sums moved by the rolled-up difference equal the new figures rolled up.
        let mut kept = roll_up(&before);
        for (k, (p, w)) in roll_up(&diff) {
            let e = kept.entry(k).or_insert((0, 0));
            e.0 += p;
            e.1 += w;
        }
        assert!(mismatches(&kept, &roll_up(&after)).is_empty());
        assert_eq!(
            mismatches(&roll_up(&before), &roll_up(&after)).len(),
            3 * rolled_into("440305001002").len()
        );
    }
}
