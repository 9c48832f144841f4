//! 工作日: the official working-day calendar. Weekdays are working days and weekends are not,
//! except the holidays the State Council announces each year (放假) and the weekend days worked
//! in exchange (调休上班). The announcements are data (`data/calendar.csv`, updatable per year);
//! a year without its announcement follows the statutory holidays (`domain::holidays`).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use thiserror::Error;

/// What the announcement makes of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    /// 放假: no work, even on a weekday.
    Holiday,
    /// 调休上班: work, even on a weekend day.
    Workday,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    pub fn parse(s: &str) -> Option<DayKind> {
        match s {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// One announced day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CalendarError {
    #[error("line {0}: expected date,kind,name")]
    Shape(usize),
    #[error("line {0}: the date is not YYYY-MM-DD")]
    Date(usize),
    #[error("line {0}: the kind is neither holiday nor workday")]
    Kind(usize),
}

/// A date as the system reads it everywhere (forms, REST bodies, query strings, CSV): `YYYY-MM-DD`
/// after trimming; `None` for anything else (this system's one date parser).
pub fn parse_ymd(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// A date as the system writes it everywhere (pages, wire records, exports): `YYYY-MM-DD`.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `ymd` of an optional date.
pub fn ymd_opt(d: Option<NaiveDate>) -> Option<String> {
    d.map(ymd)
}

/// Parses the calendar file: `date,kind,name` per line, `#` starts a comment.
pub fn parse_csv(text: &str) -> Result<Vec<CalendarDay>, CalendarError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, ',');
        let (Some(date), Some(kind), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(CalendarError::Shape(n));
        };
        let date = parse_ymd(date).ok_or(CalendarError::Date(n))?;
        let kind = DayKind::parse(kind.trim()).ok_or(CalendarError::Kind(n))?;
        out.push(CalendarDay {
            date,
            kind,
            name: name.trim().to_string(),
        });
    }
    Ok(out)
}

/// Which rules a year's working days follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The State Council's arrangement for the year (放假安排 with its 调休) is loaded.
    Arrangement,
    /// No arrangement yet: the statutory holidays of 《全国年节及纪念日放假办法》 with their
    /// 补假 days, and no 调休 (see `domain::holidays`).
    Statutory,
    /// Neither: only weekends rest (years outside the computed range, or a calendar built
    /// without the law, as in pure tests).
    WeekendsOnly,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Arrangement => "arrangement",
            Basis::Statutory => "statutory",
            Basis::WeekendsOnly => "weekends_only",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        match s {
            "arrangement" => Some(Basis::Arrangement),
            "statutory" => Some(Basis::Statutory),
            "weekends_only" => Some(Basis::WeekendsOnly),
            _ => None,
        }
    }
}

/// The basis one calendar year of a deadline's count followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct YearBasis {
    pub year: i32,
    pub basis: Basis,
}

/// Writes the bases of a deadline as stored: `2026=arrangement;2027=statutory`.
pub fn bases_text(bases: &[YearBasis]) -> String {
    bases
        .iter()
        .map(|b| format!("{}={}", b.year, b.basis.as_str()))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`bases_text`]; parts that do not parse are left out (empty for `None` or "").
pub fn parse_bases(text: Option<&str>) -> Vec<YearBasis> {
    text.unwrap_or_default()
        .split(';')
        .filter_map(|part| {
            let (year, basis) = part.split_once('=')?;
            Some(YearBasis {
                year: year.trim().parse().ok()?,
                basis: Basis::parse(basis.trim())?,
            })
        })
        .collect()
}

/// The calendar the deadlines are counted on: per year, the State Council's arrangement when it
/// is loaded, else the statutory holidays, else weekends only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    announced: BTreeMap<NaiveDate, DayKind>,
    /// Years with an announced day: the arrangement of such a year counts as loaded when it
    /// rests on every statutory festival falling on a weekday (see [`WorkCalendar::basis`]).
    announced_years: BTreeSet<i32>,
    /// The law's rest days, shared by every calendar of a process (see [`StatutoryDays`]).
    statutory: Arc<StatutoryDays>,
}

/// The statutory festival days, which rest in every year unless its arrangement says
/// otherwise, the law's 补假 days, which only rest in years without an arrangement (an
/// arrangement places its own), and the years they were computed for. Built once and shared
/// (`Arc`) by the calendars loaded for each request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatutoryDays {
    festivals: BTreeSet<NaiveDate>,
    make_up: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

impl StatutoryDays {
    /// The rest days of `years`: `(date, is_make_up)` per day, as
    /// `domain::holidays::statutory` gives them.
    pub fn new(
        years: impl IntoIterator<Item = i32>,
        rest_days: impl IntoIterator<Item = (NaiveDate, bool)>,
    ) -> Self {
        let mut out = StatutoryDays {
            years: years.into_iter().collect(),
            ..StatutoryDays::default()
        };
        for (day, make_up) in rest_days {
            if make_up {
                out.make_up.insert(day);
            } else {
                out.festivals.insert(day);
            }
        }
        out
    }

    /// The festival days of `year`, in order.
    fn festivals_of(&self, year: i32) -> impl Iterator<Item = &NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let last = NaiveDate::from_ymd_opt(year, 12, 31);
        first
            .zip(last)
            .into_iter()
            .flat_map(move |(a, b)| self.festivals.range(a..=b))
    }
}

impl WorkCalendar {
    /// A calendar of announced days only (without the law, a year with announced days counts
    /// as arranged).
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Self {
        let announced: BTreeMap<NaiveDate, DayKind> = days.into_iter().collect();
        let announced_years = announced.keys().map(|d| d.year()).collect();
        WorkCalendar {
            announced,
            announced_years,
            ..WorkCalendar::default()
        }
    }

    /// Rests on the statutory rest days of `years` (replacing any before): `(date, is_make_up)`
    /// per day, as `domain::holidays::statutory` gives them.
    pub fn with_statutory(
        self,
        years: impl IntoIterator<Item = i32>,
        rest_days: impl IntoIterator<Item = (NaiveDate, bool)>,
    ) -> Self {
        self.with_statutory_days(Arc::new(StatutoryDays::new(years, rest_days)))
    }

    /// Rests on the statutory days already computed (and shared) elsewhere.
    pub fn with_statutory_days(mut self, days: Arc<StatutoryDays>) -> Self {
        self.statutory = days;
        self
    }

    /// The calendar shipped with the system (`data/calendar.csv`).
    pub fn bundled() -> Result<Self, CalendarError> {
        Ok(Self::new(
            parse_csv(BUNDLED_CSV)?
                .into_iter()
                .map(|d| (d.date, d.kind)),
        ))
    }

    /// Which rules `year` follows: its arrangement when one is loaded in full (every statutory
    /// festival on a weekday announced as a rest day: a few days of a year announced with the
    /// next year's arrangement, or a single correction, do not make one), else the law, else
    /// weekends only.
    pub fn basis(&self, year: i32) -> Basis {
        if !self.announced_years.contains(&year) {
            return if self.statutory.years.contains(&year) {
                Basis::Statutory
            } else {
                Basis::WeekendsOnly
            };
        }
        if !self.statutory.years.contains(&year) {
            return Basis::Arrangement;
        }
        let complete = self
            .statutory
            .festivals_of(year)
            .filter(|d| !is_weekend(**d))
            .all(|d| self.announced.get(d) == Some(&DayKind::Holiday));
        if complete {
            Basis::Arrangement
        } else {
            Basis::Statutory
        }
    }

    /// The basis of each calendar year from `from` to `to` (both included; one entry when
    /// `to` is not after `from`): what a deadline counted over those days followed.
    pub fn bases(&self, from: NaiveDate, to: NaiveDate) -> Vec<YearBasis> {
        (from.year()..=to.year().max(from.year()))
            .map(|year| YearBasis {
                year,
                basis: self.basis(year),
            })
            .collect()
    }

    /// Whether the arrangement for `year` is loaded in full.
    pub fn is_arranged(&self, year: i32) -> bool {
        self.basis(year) == Basis::Arrangement
    }

    /// Announced days are as announced in any year; other days rest on weekends, on statutory
    /// festivals, and in a year without its arrangement also on the law's 补假 days.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        match self.announced.get(&day) {
            Some(DayKind::Holiday) => return false,
            Some(DayKind::Workday) => return true,
            None => {}
        }
        let weekday = !is_weekend(day);
        match self.basis(day.year()) {
            Basis::Arrangement => weekday && !self.statutory.festivals.contains(&day),
            Basis::Statutory => {
                weekday
                    && !self.statutory.festivals.contains(&day)
                    && !self.statutory.make_up.contains(&day)
            }
            Basis::WeekendsOnly => weekday,
        }
    }

    /// The day on which `n` working days after `start` have passed: `start` itself does not
    /// count, so a 7-working-day limit from a Monday ends on the Wednesday of the next week.
    /// With `n = 0` it is `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            match day.checked_add_days(Days::new(1)) {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// The last year with announced days, if any: deadlines beyond it follow the statutory
    /// holidays (or weekends only without them).
    pub fn covered_until(&self) -> Option<i32> {
        self.announced_years.last().copied()
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The year whose arrangement an administrator should load now, if any: the current year's when
/// it is missing, and from 1 November next year's (the State Council usually publishes it in
/// late October or November; this system's default).
pub fn arrangement_missing(today: NaiveDate, cal: &WorkCalendar) -> Option<i32> {
    let year = today.year();
    if !cal.is_arranged(year) {
        Some(year)
    } else if today.month() >= WARN_FROM_MONTH && !cal.is_arranged(year + 1) {
        Some(year + 1)
    } else {
        None
    }
}

/// The month from which next year's missing arrangement is warned about.
pub const WARN_FROM_MONTH: u32 = 11;

/// The announcements shipped with the system.
pub const BUNDLED_CSV: &str = include_str!("../../data/calendar.csv");

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn cal() -> WorkCalendar {
        WorkCalendar::bundled().expect("bundled calendar parses")
    }

    #[test]
    fn weekdays_work_weekends_rest_unless_announced() {
        let c = cal();
        assert!(c.is_working_day(d("2026-11-25"))); // Wednesday
        assert!(!c.is_working_day(d("2026-11-28"))); // Saturday
        assert!(!c.is_working_day(d("2026-10-01"))); // 国庆节, Thursday
        assert!(c.is_working_day(d("2026-10-10"))); // 调休, Saturday
        assert!(c.is_working_day(d("2026-02-14"))); // 调休, Saturday
        assert!(!c.is_working_day(d("2025-01-28"))); // 春节, Tuesday
    }

    #[test]
    fn seven_working_days_over_an_ordinary_week() {
        // Monday 2026-11-23 + 7 working days: Tue..Fri (4), Mon..Wed (3) = Wednesday 12-02.
        assert_eq!(cal().add_working_days(d("2026-11-23"), 7), d("2026-12-02"));
        assert_eq!(cal().add_working_days(d("2026-11-23"), 0), d("2026-11-23"));
    }

    #[test]
    fn national_day_pushes_a_deadline_and_the_make_up_saturday_counts() {
        // Filed Tuesday 2026-09-29: Wed 30 (1), Oct 1–7 off, Thu 8 (2), Fri 9 (3),
        // Sat 10 is a 调休 working day (4), Mon 12 (5).
        assert_eq!(cal().add_working_days(d("2026-09-29"), 5), d("2026-10-12"));
        // Without the announcements it would be Tuesday 10-06.
        assert_eq!(
            WorkCalendar::default().add_working_days(d("2026-09-29"), 5),
            d("2026-10-06")
        );
    }

    #[test]
    fn spring_festival_2026() {
        // Friday 2026-02-13: Sat 14 (调休, 1), 15–23 off, Tue 24 (2), Wed 25 (3).
        assert_eq!(cal().add_working_days(d("2026-02-13"), 3), d("2026-02-25"));
    }

    #[test]
    fn counting_between_matches_adding() {
        let c = cal();
        let start = d("2026-09-29");
        for n in 0..20 {
            let end = c.add_working_days(start, n);
            assert_eq!(c.working_days_between(start, end), n);
        }
        assert_eq!(c.working_days_between(d("2026-12-02"), d("2026-11-23")), 0);
    }

    #[test]
    fn next_years_arrangement_is_asked_for_from_november() {
        let c = cal(); // 2025 and 2026 arranged
        assert_eq!(arrangement_missing(d("2026-10-31"), &c), None);
        assert_eq!(arrangement_missing(d("2026-11-01"), &c), Some(2027));
        assert_eq!(arrangement_missing(d("2026-12-31"), &c), Some(2027));
        assert_eq!(arrangement_missing(d("2027-03-01"), &c), Some(2027));
        assert_eq!(arrangement_missing(d("2025-11-01"), &c), None);
    }

    #[test]
    fn bases_are_stored_as_text_and_read_back() {
        let bases = vec![
            YearBasis {
                year: 2026,
                basis: Basis::Arrangement,
            },
            YearBasis {
                year: 2027,
                basis: Basis::Statutory,
            },
        ];
        assert_eq!(bases_text(&bases), "2026=arrangement;2027=statutory");
        assert_eq!(parse_bases(Some(&bases_text(&bases))), bases);
        assert_eq!(parse_bases(None), vec![]);
        assert_eq!(parse_bases(Some("x=1;2027=nope")), vec![]);
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        assert_eq!(
            parse_csv("# c\n2026-01-01,holiday,元旦\n2026-13-01,holiday,x"),
            Err(CalendarError::Date(3))
        );
        assert_eq!(parse_csv("2026-01-01,rest,x"), Err(CalendarError::Kind(1)));
        assert_eq!(parse_csv("2026-01-01"), Err(CalendarError::Shape(1)));
        assert_eq!(cal().covered_until(), Some(2026));
    }
}
