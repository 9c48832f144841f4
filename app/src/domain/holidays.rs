//! 法定节假日: the statutory public holidays of any year, from 《全国年节及纪念日放假办法》
//! (DOMAIN.md §工作日). The State Council's yearly arrangement (调休, bridged days) is data
//! imported when published (see [`super::calendar`]); for a year without one, deadlines are
//! counted on the days computed here, and say so.
//!
//! The law as revised in 2024 (国务院令第795号, in force from 2025-01-01) gives 13 days to all
//! citizens: 元旦 1 (1 January), 春节 4 (除夕 to 正月初三), 清明节 1 (the 清明 solar term),
//! 劳动节 2 (1–2 May), 端午节 1 (五月初五), 中秋节 1 (八月十五), 国庆节 3 (1–3 October).
//! The 2013 text (2014–2024) gave 11: 春节 正月初一 to 初三 and 劳动节 1 May only; the 2007
//! text (2008–2013) also 11, with 春节 from 除夕 to 正月初二. A holiday that falls on a
//! Saturday or Sunday is made up on the next working day (the law's 补假 article).
//!
//! The lunar dates and the solar term come from the Chinese calendar of the `tyme4rs` crate.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::SolarTerm;

/// Years whose statutory holidays are computed: the law in force (2008 on) up to the end of
/// the Chinese calendar tables this system relies on (this system's default). Outside them only
/// weekends rest.
pub const YEARS: std::ops::RangeInclusive<i32> = 2008..=2099;

/// One statutory rest day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The festival's name (元旦, 春节 …)
    pub name: &'static str,
    /// A 补假 day: a weekday given for a holiday that fell on a weekend.
    pub make_up: bool,
}

/// The statutory rest days of `year` in date order, make-up days included; empty outside
/// [`YEARS`]. Pure; about a millisecond (the solar term is an astronomical computation).
pub fn statutory(year: i32) -> Vec<Holiday> {
    if !YEARS.contains(&year) {
        return Vec::new();
    }
    let mut days: Vec<(NaiveDate, &'static str)> = Vec::new();
    let mut push = |date: Option<NaiveDate>, name| {
        if let Some(d) = date {
            days.push((d, name));
        }
    };
    push(NaiveDate::from_ymd_opt(year, 1, 1), "元旦");
    let new_year = lunar(year, 1, 1);
    let spring = match year {
        ..=2013 => [-1, 0, 1].as_slice(),
        2014..=2024 => [0, 1, 2].as_slice(),
        _ => [-1, 0, 1, 2].as_slice(),
    };
    for offset in spring {
        push(new_year.and_then(|d| shift(d, *offset)), "春节");
    }
    push(solar_term(year, "清明"), "清明节");
    push(NaiveDate::from_ymd_opt(year, 5, 1), "劳动节");
    if year >= 2025 {
        push(NaiveDate::from_ymd_opt(year, 5, 2), "劳动节");
    }
    push(lunar(year, 5, 5), "端午节");
    push(lunar(year, 8, 15), "中秋节");
    for day in 1..=3 {
        push(NaiveDate::from_ymd_opt(year, 10, day), "国庆节");
    }
    days.sort();
    days.dedup_by_key(|(d, _)| *d);
    with_make_up_days(days)
}

/// The first day of an arrangement that makes a statutory festival day a working day, with the
/// festival's name: no arrangement may (the law gives those days to everyone).
pub fn festival_marked_workday(
    days: &[super::calendar::CalendarDay],
) -> Option<(NaiveDate, &'static str)> {
    days.iter()
        .filter(|d| d.kind == super::calendar::DayKind::Workday)
        .find_map(|d| {
            statutory(d.date.year())
                .into_iter()
                .find(|h| h.date == d.date && !h.make_up)
                .map(|h| (h.date, h.name))
        })
}

/// Adds a 补假 day for each holiday on a weekend: the first weekday after the run of holidays
/// it belongs to that is not itself a holiday.
fn with_make_up_days(days: Vec<(NaiveDate, &'static str)>) -> Vec<Holiday> {
    let mut out: Vec<Holiday> = days
        .iter()
        .map(|&(date, name)| Holiday {
            date,
            name,
            make_up: false,
        })
        .collect();
    for &(date, name) in &days {
        if !is_weekend(date) {
            continue;
        }
        let mut next = date;
        while let Some(d) = next.checked_add_days(Days::new(1)) {
            next = d;
            if !is_weekend(d) && !out.iter().any(|h| h.date == d) {
                out.push(Holiday {
                    date: d,
                    name,
                    make_up: true,
                });
                break;
            }
        }
    }
    out.sort_by_key(|h| h.date);
    out
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn shift(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days < 0 {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    } else {
        d.checked_add_days(Days::new(days as u64))
    }
}

/// The Gregorian date of lunar `month`/`day` of lunar year `year` (never a leap month).
fn lunar(year: i32, month: isize, day: usize) -> Option<NaiveDate> {
    let solar = LunarDay::new(year as isize, month, day)
        .ok()?
        .get_solar_day();
    gregorian(
        solar.get_solar_month().get_year(),
        solar.get_month(),
        solar.get_day(),
    )
}

/// The Gregorian date of the solar term `name` in `year`.
fn solar_term(year: i32, name: &str) -> Option<NaiveDate> {
    let solar = SolarTerm::new(year as isize, name).ok()?.get_solar_day();
    let date = gregorian(
        solar.get_solar_month().get_year(),
        solar.get_month(),
        solar.get_day(),
    )?;
    // The crate counts a year's terms from the 冬至 before it; 清明 always lies in April.
    (date.year() == year).then_some(date)
}

fn gregorian(year: isize, month: usize, day: usize) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{Basis, DayKind, WorkCalendar, YearBasis};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn festival_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
        statutory(year)
            .into_iter()
            .filter(|h| !h.make_up)
            .map(|h| (h.date, h.name))
            .collect()
    }

    #[test]
    fn thirteen_days_from_2025_eleven_before() {
        // 中秋节 on one of 1–3 October shares a day with 国庆节 (2020 and 2031 by the published
        // calendars; the table test checks 2020 by hand).
        let overlap =
            |year| lunar(year, 8, 15).is_some_and(|d| d.month() == 10 && d.day() <= 3) as usize;
        assert_eq!(overlap(2020), 1);
        assert_eq!(overlap(2031), 1);
        for year in 2025..=2099 {
            assert_eq!(festival_days(year).len(), 13 - overlap(year), "{year}");
        }
        for year in 2008..=2024 {
            assert_eq!(festival_days(year).len(), 11 - overlap(year), "{year}");
        }
        assert!(statutory(2007).is_empty());
        assert!(statutory(2100).is_empty());
    }

    #[test]
    fn the_lunar_festivals_of_2027_and_2028() {
        let f = festival_days(2027);
        let on = |name: &str| -> Vec<NaiveDate> {
            f.iter()
                .filter(|(_, n)| *n == name)
                .map(|(d, _)| *d)
                .collect()
        };
        assert_eq!(on("元旦"), vec![d("2027-01-01")]);
        // 除夕 2027-02-05, 正月初一 2027-02-06.
        assert_eq!(
            on("春节"),
            vec![
                d("2027-02-05"),
                d("2027-02-06"),
                d("2027-02-07"),
                d("2027-02-08")
            ]
        );
        assert_eq!(on("清明节"), vec![d("2027-04-05")]);
        assert_eq!(on("劳动节"), vec![d("2027-05-01"), d("2027-05-02")]);
        assert_eq!(on("端午节"), vec![d("2027-06-09")]);
        assert_eq!(on("中秋节"), vec![d("2027-09-15")]);
        let f28 = festival_days(2028);
        assert!(f28.contains(&(d("2028-01-26"), "春节")));
        assert!(f28.contains(&(d("2028-05-28"), "端午节")));
        assert!(f28.contains(&(d("2028-10-03"), "中秋节")));
        assert!(f28.contains(&(d("2028-04-04"), "清明节")));
    }

    #[test]
    fn every_statutory_day_is_a_holiday_in_the_published_arrangements() {
        // The State Council's arrangements for 2025 and 2026 (bundled) rest on every day the
        // law gives; the ones on weekends are rest days anyway.
        let published = WorkCalendar::bundled().expect("bundled");
        for year in [2025, 2026] {
            for (date, name) in festival_days(year) {
                assert!(
                    !published.is_working_day(date),
                    "{date} {name} is a working day in the {year} arrangement"
                );
            }
        }
    }

    fn lawful(cal: WorkCalendar) -> WorkCalendar {
        cal.with_statutory(
            YEARS,
            YEARS.flat_map(|y| statutory(y).into_iter().map(|h| (h.date, h.make_up))),
        )
    }

    #[test]
    fn thirty_working_days_from_2026_11_30_skip_new_year_2027() {
        let cal = lawful(WorkCalendar::bundled().expect("bundled"));
        // Dec 2026 gives 23 working days, 2027-01-01 (元旦, Friday) rests, 4–8 and 11–12
        // January give the other 7.
        assert_eq!(cal.add_working_days(d("2026-11-30"), 30), d("2027-01-12"));
        assert!(!cal.is_working_day(d("2027-01-01")));
        assert_eq!(
            cal.bases(d("2026-11-30"), d("2027-01-12")),
            vec![
                YearBasis {
                    year: 2026,
                    basis: Basis::Arrangement
                },
                YearBasis {
                    year: 2027,
                    basis: Basis::Statutory
                },
            ]
        );
        // Without the law the count would run through 元旦 (the fault this replaces).
        let bare = WorkCalendar::bundled().expect("bundled");
        assert_eq!(bare.add_working_days(d("2026-11-30"), 30), d("2027-01-11"));
        assert_eq!(bare.basis(2027), Basis::WeekendsOnly);
    }

    /// A made-up arrangement for 2027 in the published form: every weekday rest day listed
    /// (weekend ones need not be), with its 调休 Saturdays.
    fn arrangement_2027() -> Vec<(NaiveDate, DayKind)> {
        let rest = [
            "2027-01-01",
            "2027-02-05",
            "2027-02-08",
            "2027-02-09",
            "2027-02-10",
            "2027-02-11",
            "2027-04-05",
            "2027-05-03",
            "2027-05-04",
            "2027-05-05",
            "2027-06-09",
            "2027-09-15",
            "2027-10-01",
            "2027-10-04",
            "2027-10-05",
            "2027-10-06",
            "2027-10-07",
        ];
        let mut days: Vec<(NaiveDate, DayKind)> =
            rest.iter().map(|s| (d(s), DayKind::Holiday)).collect();
        days.push((d("2027-02-20"), DayKind::Workday));
        days.push((d("2027-10-09"), DayKind::Workday));
        days
    }

    #[test]
    fn an_imported_arrangement_overrides_the_law_for_its_year() {
        let cal = lawful(WorkCalendar::new(arrangement_2027()));
        assert_eq!(cal.basis(2027), Basis::Arrangement);
        assert!(cal.is_working_day(d("2027-02-20")));
        assert!(!cal.is_working_day(d("2027-02-11")));
        assert!(!cal.is_working_day(d("2027-10-06")));
        // The law's own 补假 days give way to the arrangement's: without 10-05 in it, that day
        // (a make-up day for 国庆 by law) is worked.
        let mut days = arrangement_2027();
        days.retain(|(day, _)| *day != d("2027-10-05"));
        let cal = lawful(WorkCalendar::new(days));
        assert_eq!(cal.basis(2027), Basis::Arrangement);
        assert!(cal.is_working_day(d("2027-10-05")));
        assert_eq!(cal.basis(2028), Basis::Statutory);
        assert!(!cal.is_working_day(d("2028-01-26")));
    }

    #[test]
    fn a_few_announced_days_do_not_make_a_years_arrangement() {
        // The 2019 arrangement rested 2018-12-29 to 12-31; a correction may name one day. Such
        // a year stays on the law (with its 补假 days), the announced days applying on top.
        let cal = lawful(WorkCalendar::new([
            (d("2027-02-20"), DayKind::Workday),
            (d("2027-02-12"), DayKind::Holiday),
        ]));
        assert_eq!(cal.basis(2027), Basis::Statutory);
        assert!(cal.is_working_day(d("2027-02-20")));
        assert!(!cal.is_working_day(d("2027-02-12")));
        assert!(
            !cal.is_working_day(d("2027-05-03")),
            "the law's 补假 for 劳动节"
        );
        // A complete arrangement but for one weekday festival is not complete either.
        let mut days = arrangement_2027();
        days.retain(|(day, _)| *day != d("2027-09-15"));
        let cal = lawful(WorkCalendar::new(days));
        assert_eq!(cal.basis(2027), Basis::Statutory);
        assert!(!cal.is_working_day(d("2027-09-15")));
    }

    /// Festival days by hand from the published calendars, 补假 where the law gives them.
    #[test]
    fn festival_days_against_a_table_written_by_hand() {
        let on = |year: i32, name: &str| -> Vec<NaiveDate> {
            statutory(year)
                .into_iter()
                .filter(|h| h.name == name && !h.make_up)
                .map(|h| h.date)
                .collect()
        };
        let made_up = |year: i32| -> Vec<NaiveDate> {
            statutory(year)
                .into_iter()
                .filter(|h| h.make_up)
                .map(|h| h.date)
                .collect()
        };
        // 2013: 除夕 (02-09) rested under the 2007 text; 2014: it did not (正月初一 01-31).
        assert_eq!(
            on(2013, "春节"),
            vec![d("2013-02-09"), d("2013-02-10"), d("2013-02-11")]
        );
        assert_eq!(
            on(2014, "春节"),
            vec![d("2014-01-31"), d("2014-02-01"), d("2014-02-02")]
        );
        // 2024: 劳动节 one day; 2025: two.
        assert_eq!(on(2024, "劳动节"), vec![d("2024-05-01")]);
        assert_eq!(on(2025, "劳动节"), vec![d("2025-05-01"), d("2025-05-02")]);
        // 2020: 中秋 on 10-01, the same day as 国庆.
        assert!(statutory(2020).iter().any(|h| h.date == d("2020-10-01")));
        assert_eq!(on(2020, "国庆节").len() + on(2020, "中秋节").len(), 3);
        // 2025: 端午 on Saturday 05-31 (made up on Monday 06-02), 中秋 on 10-06 after a leap
        // sixth month, 清明 on 04-04.
        assert_eq!(on(2025, "端午节"), vec![d("2025-05-31")]);
        assert!(made_up(2025).contains(&d("2025-06-02")));
        assert_eq!(on(2025, "中秋节"), vec![d("2025-10-06")]);
        assert_eq!(on(2025, "清明节"), vec![d("2025-04-04")]);
        // 2026: 清明 Sunday 04-05 (made up 04-06, as the arrangement also rests).
        assert_eq!(on(2026, "清明节"), vec![d("2026-04-05")]);
        assert!(made_up(2026).contains(&d("2026-04-06")));
        assert_eq!(on(2026, "端午节"), vec![d("2026-06-19")]);
        assert_eq!(on(2026, "中秋节"), vec![d("2026-09-25")]);
    }

    #[test]
    fn an_arrangement_cannot_make_a_festival_a_working_day() {
        let day = |date: &str, kind| crate::domain::calendar::CalendarDay {
            date: d(date),
            kind,
            name: "x".into(),
        };
        assert_eq!(
            festival_marked_workday(&[
                day("2027-02-20", DayKind::Workday),
                day("2027-10-02", DayKind::Workday),
            ]),
            Some((d("2027-10-02"), "国庆节"))
        );
        // A make-up Saturday and a festival as a holiday are fine.
        assert_eq!(
            festival_marked_workday(&[
                day("2027-02-20", DayKind::Workday),
                day("2027-10-01", DayKind::Holiday),
            ]),
            None
        );
    }

    #[test]
    fn a_holiday_on_a_weekend_is_made_up_on_the_next_free_weekday() {
        // 2027: 元旦 is a Friday (no make-up); 劳动节 1–2 May are Saturday and Sunday: made up
        // on Monday 3 and Tuesday 4 May.
        let made_up: Vec<NaiveDate> = statutory(2027)
            .into_iter()
            .filter(|h| h.make_up && h.name == "劳动节")
            .map(|h| h.date)
            .collect();
        assert_eq!(made_up, vec![d("2027-05-03"), d("2027-05-04")]);
        // 国庆节 2027: 1 Oct Friday, 2–3 Saturday and Sunday: made up on 4 and 5 October.
        assert!(
            statutory(2027)
                .iter()
                .any(|h| h.make_up && h.date == d("2027-10-04"))
        );
        assert!(
            statutory(2027)
                .iter()
                .any(|h| h.make_up && h.date == d("2027-10-05"))
        );
        // No make-up day is a weekend or repeats a festival day.
        for year in 2008..=2099 {
            let all = statutory(year);
            for h in all.iter().filter(|h| h.make_up) {
                assert!(!is_weekend(h.date), "{year}: {:?}", h);
                assert_eq!(all.iter().filter(|o| o.date == h.date).count(), 1);
            }
        }
    }
}
