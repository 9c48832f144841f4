//! 公示 (public notice): a window of working days in which anyone may object, and how many
//! objections one client may raise. Certification files and coordinator promotions both go
//! through one (DOMAIN.md: 公示 lasts at least five working days).

use chrono::NaiveDate;

use super::calendar::WorkCalendar;

/// A 公示 window: the public may object from `from` to `until`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoticeWindow {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl NoticeWindow {
    /// The notice published on `published`: open at once, and then for `working_days` full
    /// working days after that day (the standard's, never fewer than five).
    pub fn starting(published: NaiveDate, working_days: u32, cal: &WorkCalendar) -> NoticeWindow {
        NoticeWindow {
            from: published,
            until: cal.add_working_days(published, working_days.max(MIN_NOTICE_DAYS)),
        }
    }

    pub fn is_open(&self, on: NaiveDate) -> bool {
        self.from <= on && on <= self.until
    }

    /// Whether the decider may act on `on`: the window is over.
    pub fn is_over(&self, on: NaiveDate) -> bool {
        on > self.until
    }
}

/// DOMAIN.md: 公示 lasts at least five working days.
pub const MIN_NOTICE_DAYS: u32 = 5;

/// Objections one client may raise: three an hour, ten a day.
pub const OBJECTIONS_PER_HOUR: u64 = 3;
pub const OBJECTIONS_PER_DAY: u64 = 10;

/// Whether a client that raised `last_hour` objections in the past hour and `last_day` in the
/// past day must wait.
pub fn objection_throttled(last_hour: u64, last_day: u64) -> bool {
    last_hour >= OBJECTIONS_PER_HOUR || last_day >= OBJECTIONS_PER_DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_notice_runs_five_working_days_and_skips_the_weekend() {
        let cal = WorkCalendar::new([]);
        // Published Thursday 2026-11-26: Fri, Mon, Tue, Wed, Thu → until 2026-12-03.
        let w = NoticeWindow::starting(d("2026-11-26"), 5, &cal);
        assert_eq!(w.from, d("2026-11-26"));
        assert_eq!(w.until, d("2026-12-03"));
        assert!(w.is_open(d("2026-11-26")) && !w.is_open(d("2026-11-25")));
        assert!(w.is_open(d("2026-12-03")) && !w.is_over(d("2026-12-03")));
        assert!(w.is_over(d("2026-12-04")));
        // A standard asking fewer than five still gets five.
        assert_eq!(
            NoticeWindow::starting(d("2026-11-26"), 2, &cal).until,
            w.until
        );
    }

    #[test]
    fn the_national_day_holiday_lengthens_a_notice() {
        let cal = WorkCalendar::bundled().expect("bundled calendar");
        // Published 2026-09-30 (Wednesday): 10-01 … 10-07 are the holiday, so five working days
        // run into the week after.
        let w = NoticeWindow::starting(d("2026-09-30"), 5, &cal);
        assert!(w.until > d("2026-10-09"), "{}", w.until);
    }

    #[test]
    fn objections_are_throttled_per_hour_and_per_day() {
        assert!(!objection_throttled(2, 9));
        assert!(objection_throttled(3, 3));
        assert!(objection_throttled(0, 10));
    }
}
