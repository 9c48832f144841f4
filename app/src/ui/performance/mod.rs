//! 绩效考核 pages: scorecards and the records behind their figures (`scorecard`), and the
//! assessments by the level above with the reward split (`assessment`), and the annual ratings
//! they propose for the HR manager (`ratings`).

use crate::domain::performance::MeasureUnit;
use crate::ui::components::query_string;

mod assessment;
mod ratings;
mod scorecard;

pub use assessment::{AssessmentPage, AssessmentsPage};
pub use ratings::RatingsPage;
pub use scorecard::{FigurePage, PerformancePage};

/// A value as read: ‰ as a percentage with one decimal, a count as a number.
fn shown(unit: MeasureUnit, value: u32) -> String {
    match unit {
        MeasureUnit::PerMille => format!("{}.{}%", value / 10, value % 10),
        MeasureUnit::Count => value.to_string(),
    }
}

/// Hundredths of a point as `19.92`.
fn points(centi: u32) -> String {
    format!("{}.{:02}", centi / 100, centi % 100)
}

fn scorecard_href(area: &str, period: &str) -> String {
    format!(
        "/performance{}",
        query_string(&[("area", Some(area.into())), ("period", Some(period.into()))])
    )
}
