//! What several test crates share.

/// The day `n` working days after `start`, counted here and not by the app's calendar code:
/// the published arrangements in `app/data/calendar.csv` (holiday, workday), weekends off
/// otherwise; `start` itself does not count.
pub fn working_days_after(start: chrono::NaiveDate, n: u32) -> String {
    use chrono::{Datelike, Weekday};
    let arrangements = include_str!("../../data/calendar.csv");
    let kind = |day: &str| {
        arrangements.lines().find_map(|line| {
            let mut fields = line.split(',');
            (fields.next() == Some(day)).then(|| fields.next().unwrap_or_default())
        })
    };
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().expect("a next day");
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let working = match kind(&day.format("%Y-%m-%d").to_string()) {
            Some("holiday") => false,
            Some("workday") => true,
            _ => !weekend,
        };
        if working {
            left -= 1;
        }
    }
    day.format("%Y-%m-%d").to_string()
}
