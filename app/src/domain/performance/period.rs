//! Assessment periods (月、季、年) in Beijing days: reading them, their first and last days, the
//! share of a period elapsed (时序进度) and the months of a trend.

use chrono::{Datelike, Months, NaiveDate};

/// An assessment period: a calendar month, quarter or year, in Beijing days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year { year: i32 },
}

/// Why a period cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("a period is written 2026-11, 2026-Q4 or 2026")]
    Malformed,
    #[error("the year is out of range (2000–2100)")]
    Year,
}

impl Period {
    /// Reads `2026-11` (a month), `2026-Q4` (a quarter) or `2026` (a year), years 2000–2100.
    pub fn parse(s: &str) -> Result<Period, PeriodError> {
        let s = s.trim();
        let year_of = |y: &str| -> Result<i32, PeriodError> {
            if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
                return Err(PeriodError::Malformed);
            }
            let y: i32 = y.parse().map_err(|_| PeriodError::Malformed)?;
            if (2000..=2100).contains(&y) {
                Ok(y)
            } else {
                Err(PeriodError::Year)
            }
        };
        match s.split_once('-') {
            None => Ok(Period::Year { year: year_of(s)? }),
            Some((y, rest)) => {
                let year = year_of(y)?;
                let number = |t: &str, max: u32| {
                    t.parse::<u32>()
                        .ok()
                        .filter(|n| (1..=max).contains(n) && t.len() <= 2)
                        .ok_or(PeriodError::Malformed)
                };
                match rest.strip_prefix(['Q', 'q']) {
                    Some(q) => Ok(Period::Quarter {
                        year,
                        quarter: number(q, 4)?,
                    }),
                    None => Ok(Period::Month {
                        year,
                        month: number(rest, 12)?,
                    }),
                }
            }
        }
    }

    /// As `parse` reads it.
    pub fn label(self) -> String {
        match self {
            Period::Month { year, month } => format!("{year}-{month:02}"),
            Period::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Period::Year { year } => year.to_string(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let (year, month) = match self {
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, quarter * 3 - 2),
            Period::Year { year } => (year, 1),
        };
        NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The number of months the period spans.
    pub fn months(self) -> u32 {
        match self {
            Period::Month { .. } => 1,
            Period::Quarter { .. } => 3,
            Period::Year { .. } => 12,
        }
    }

    /// The last day, inclusive: the period ends at the next midnight, Beijing time.
    pub fn last_day(self) -> NaiveDate {
        self.first_day()
            .checked_add_months(Months::new(self.months()))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        day >= self.first_day() && day <= self.last_day()
    }

    /// The month holding `day`.
    pub fn month_of(day: NaiveDate) -> Period {
        Period::Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// The twelve months ending with the one holding `day`, oldest first (a trend).
    pub fn last_twelve_months(day: NaiveDate) -> Vec<Period> {
        (0..12u32)
            .rev()
            .filter_map(|back| day.checked_sub_months(Months::new(back)))
            .map(Period::month_of)
            .collect()
    }

    /// The periods whose figures are kept rolled up on `today` (this system's default, what a
    /// dashboard shows): the twelve months ending with the current one, the quarters of this
    /// year and the last begun by today, and those two years; months first, each kind oldest
    /// first.
    pub fn kept(today: NaiveDate) -> Vec<Period> {
        let year = today.year();
        let mut out = Period::last_twelve_months(today);
        for y in [year - 1, year] {
            out.extend((1..=4).map(|quarter| Period::Quarter { year: y, quarter }));
        }
        out.extend([Period::Year { year: year - 1 }, Period::Year { year }]);
        out.retain(|p| p.first_day() <= today);
        out
    }

    /// How much of the period has passed by the end of `today`, ‰ (时序进度): 0 before it, 1000
    /// after it.
    pub fn elapsed(self, today: NaiveDate) -> u32 {
        let (from, to) = (self.first_day(), self.last_day());
        if today < from {
            return 0;
        }
        if today >= to {
            return 1000;
        }
        let total = (to - from).num_days() + 1;
        let gone = (today - from).num_days() + 1;
        u32::try_from(gone * 1000 / total).unwrap_or(1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_periods_are_a_year_of_months_two_years_of_quarters_and_two_years() {
        let labels: Vec<String> = Period::kept(d("2026-05-31"))
            .into_iter()
            .map(Period::label)
            .collect();
        assert_eq!(
            labels,
            [
                "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
                "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2025-Q1", "2025-Q2",
                "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2025", "2026",
            ]
        );
        // On New Year's Day only the new year's first quarter and the year itself have begun.
        let first = Period::kept(d("2027-01-01"));
        assert_eq!(first.len(), 12 + 4 + 1 + 2);
        assert!(first.contains(&Period::Quarter {
            year: 2027,
            quarter: 1
        }));
        assert!(!first.contains(&Period::Quarter {
            year: 2027,
            quarter: 2
        }));
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn periods_read_and_bound_their_days() {
        let m = Period::parse("2026-02").expect("month");
        assert_eq!(
            (m.first_day(), m.last_day()),
            (d("2026-02-01"), d("2026-02-28"))
        );
        let q = Period::parse("2026-q4").expect("quarter");
        assert_eq!(
            (q.first_day(), q.last_day()),
            (d("2026-10-01"), d("2026-12-31"))
        );
        assert_eq!(q.label(), "2026-Q4");
        let y = Period::parse("2028").expect("year");
        assert_eq!(y.last_day(), d("2028-12-31"));
        assert_eq!(
            Period::parse("2028-02").expect("leap").last_day(),
            d("2028-02-29")
        );
        for bad in [
            "",
            "26",
            "2026-13",
            "2026-Q5",
            "2026-Q0",
            "2026-00",
            "2026-1-1",
            "２０２６",
        ] {
            assert_eq!(Period::parse(bad), Err(PeriodError::Malformed), "{bad}");
        }
        assert_eq!(Period::parse("1999"), Err(PeriodError::Year));
        // The last day belongs to the period, the next day (after midnight) does not.
        assert!(m.contains(d("2026-02-28")));
        assert!(!m.contains(d("2026-03-01")));
    }

    #[test]
    fn elapsed_time_counts_whole_days_to_the_end_of_today() {
        let y = Period::Year { year: 2026 };
        assert_eq!(y.elapsed(d("2025-12-31")), 0);
        assert_eq!(y.elapsed(d("2026-01-01")), 2, "one day of 365");
        assert_eq!(
            y.elapsed(d("2026-07-02")),
            501,
            "183 of 365 days, rounded down"
        );
        assert_eq!(y.elapsed(d("2026-12-31")), 1000);
        let months = Period::last_twelve_months(d("2026-03-15"));
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].label(), "2025-04");
        assert_eq!(months[11].label(), "2026-03");
    }
}
