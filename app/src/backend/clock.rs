//! The one clock of the server: every "now", every "today" and every date or time taken from
//! a stored timestamp comes from here.
//!
//! Timestamps are stored in UTC (`DateTime<Utc>`). Dates that rules count on (deadlines, ages,
//! 公示 periods) and every time a page shows are in the service's time zone: Asia/Shanghai
//! (Beijing time, UTC+8) unless the configuration names another (this system's default, after
//! the brief: "Dates and times are Beijing time from one clock").
//!
//! Two knobs move the clock, both for tests and rehearsals, never in production:
//! - [`install`] sets a whole number of days the clock runs ahead, for a server rehearsing
//!   deadlines (`JICENG_CLOCK_OFFSET_DAYS`);
//! - [`pin`] stops the clock of the current thread at one instant until the returned guard is
//!   dropped, so a test runs at a fixed date and time (tests run on tokio's current-thread
//!   runtime, where every task of the test, the test server's included, runs on that thread).

use std::cell::Cell;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, Utc};
pub use chrono_tz::Tz;

/// The service's time zone when none is configured: Beijing time.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Shanghai;

struct Settings {
    offset: Duration,
    zone: Tz,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

thread_local! {
    static PINNED: Cell<Option<DateTime<Utc>>> = const { Cell::new(None) };
}

/// Sets the days the clock runs ahead and the service's time zone, once per process (a later
/// call changes nothing; before it the offset is 0 and the zone [`DEFAULT_ZONE`]).
pub fn install(offset_days: i64, zone: Tz) {
    let _ = SETTINGS.set(Settings {
        offset: Duration::days(offset_days),
        zone,
    });
}

fn settings() -> (Duration, Tz) {
    SETTINGS
        .get()
        .map_or((Duration::zero(), DEFAULT_ZONE), |s| (s.offset, s.zone))
}

/// The service's time zone.
pub fn zone() -> Tz {
    settings().1
}

/// Now, as a UTC instant: the pinned instant of this thread, or the system time plus the
/// installed offset.
#[allow(clippy::disallowed_methods)] // the one reader of the system time
pub fn now() -> DateTime<Utc> {
    PINNED
        .with(Cell::get)
        .unwrap_or_else(|| Utc::now() + settings().0)
}

/// Today in the service's time zone: the date deadlines, ages and 公示 periods count from.
pub fn today() -> NaiveDate {
    date_of(now())
}

/// The date an instant falls on in the service's time zone (2026-11-29 22:16 UTC is
/// 2026-11-30 in Beijing).
pub fn date_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&zone()).date_naive()
}

/// An instant as a page shows it: `YYYY-MM-DD HH:MM` in the service's time zone.
pub fn minute(at: DateTime<Utc>) -> String {
    at.with_timezone(&zone())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// An instant as the API gives it: RFC 3339 with the service zone's offset
/// (`2026-11-30T06:16:00+08:00`), so its first ten characters are the local date.
pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.with_timezone(&zone()).to_rfc3339()
}

/// Stops this thread's clock at `at` until the guard is dropped (then the previous pin, if
/// any, returns). For tests at a fixed date and time.
#[must_use = "the clock runs again when the guard is dropped"]
pub fn pin(at: DateTime<Utc>) -> Pin {
    let before = PINNED.with(|p| p.replace(Some(at)));
    Pin { before }
}

/// Keeps the clock of the thread that made it pinned; see [`pin`].
pub struct Pin {
    before: Option<DateTime<Utc>>,
}

impl Drop for Pin {
    fn drop(&mut self) {
        PINNED.with(|p| p.set(self.before));
    }
}

/// A time zone by its IANA name (`Asia/Shanghai`). Errors: the name is not in the zone
/// database (the message names it).
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| format!("unknown time zone {name:?} (an IANA name such as Asia/Shanghai)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("instant").to_utc()
    }

    #[test]
    fn dates_are_taken_in_beijing_time() {
        // 06:16 on the 30th in Beijing is 22:16 on the 29th in UTC.
        let at = utc("2026-11-29T22:16:00Z");
        assert_eq!(date_of(at).to_string(), "2026-11-30");
        assert_eq!(minute(at), "2026-11-30 06:16");
        assert_eq!(rfc3339(at), "2026-11-30T06:16:00+08:00");
        // 23:30 and 00:30 Beijing time fall on the two sides of midnight.
        assert_eq!(
            date_of(utc("2026-11-30T15:30:00Z")).to_string(),
            "2026-11-30"
        );
        assert_eq!(
            date_of(utc("2026-11-30T16:30:00Z")).to_string(),
            "2026-12-01"
        );
    }

    #[test]
    fn a_pin_holds_until_dropped_and_nests() {
        let outer = utc("2026-09-24T02:00:00Z");
        let inner = utc("2026-11-30T16:30:00Z");
        {
            let _a = pin(outer);
            assert_eq!(now(), outer);
            {
                let _b = pin(inner);
                assert_eq!(today().to_string(), "2026-12-01");
            }
            assert_eq!(today().to_string(), "2026-09-24");
        }
        assert_ne!(now(), outer);
    }

    #[test]
    fn zones_are_read_by_name() {
        assert_eq!(parse_zone(" Asia/Shanghai "), Ok(DEFAULT_ZONE));
        assert_eq!(
            parse_zone("Asia/Beijing"),
            Err("unknown time zone \"Asia/Beijing\" (an IANA name such as Asia/Shanghai)".into())
        );
    }
}
