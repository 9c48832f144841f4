//! 绩效考核 pages: scorecards and the records behind their figures (`scorecard`), the
//! dashboards of each level with their trends and drill-down (`dashboard`), and the
//! assessments by the level above with the reward split (`assessment`), and the annual ratings
//! they propose for the HR manager (`ratings`).

use leptos::prelude::*;

use crate::domain::performance::MeasureUnit;
use crate::i18n::tr;
use crate::model::performance::{ScoreLine, TrendPoint};
use crate::ui::components::query_string;

mod assessment;
mod dashboard;
mod ratings;
mod scorecard;

pub use assessment::{AssessmentPage, AssessmentsPage};
pub use dashboard::DashboardPage;
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

/// The dashboard's address for an area and a period.
fn dashboard_href(area: &str, period: &str) -> String {
    format!(
        "/performance/dashboard{}",
        query_string(&[("area", Some(area.into())), ("period", Some(period.into()))])
    )
}

fn scorecard_href(area: &str, period: &str) -> String {
    format!(
        "/performance{}",
        query_string(&[("area", Some(area.into())), ("period", Some(period.into()))])
    )
}

/// An indicator's months as a small server-rendered SVG line (prints, needs no JavaScript):
/// rates on a 0–100 % scale with the target dashed, counts scaled to their largest month; a
/// month with nothing due breaks the line. Labelled with every month's value for screen
/// readers.
fn sparkline(l: &ScoreLine, trend: &[TrendPoint]) -> AnyView {
    const W: f64 = 120.0;
    const H: f64 = 30.0;
    let n = trend.len().max(2) - 1;
    let top = match l.unit {
        MeasureUnit::PerMille => 1000,
        MeasureUnit::Count => trend
            .iter()
            .filter_map(|t| t.value)
            .max()
            .unwrap_or(0)
            .max(1),
    };
    let x = |i: usize| (i as f64) * W / n as f64;
    let y = |v: u32| H - 2.0 - f64::from(v.min(top)) * (H - 4.0) / f64::from(top);
    // Runs of months with a value: each run one polyline.
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    for (i, t) in trend.iter().enumerate() {
        match t.value {
            Some(v) => {
                if !open {
                    runs.push(Vec::new());
                }
                if let Some(run) = runs.last_mut() {
                    run.push((x(i), y(v)));
                }
                open = true;
            }
            None => open = false,
        }
    }
    let lines = runs
        .into_iter()
        .map(|run| {
            let pts: Vec<String> = run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let dots = run
                .iter()
                .map(|(x, y)| view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="1.6" class="dot"/> })
                .collect_view();
            view! { <polyline points=pts.join(" ") class="line"/>{dots} }
        })
        .collect_view();
    let target = (l.unit == MeasureUnit::PerMille && l.indicator.weight > 0).then(|| {
        let ty = format!("{:.1}", y(l.indicator.target));
        view! { <line x1="0" x2=W.to_string() y1=ty.clone() y2=ty class="target"/> }
    });
    let label = trend
        .iter()
        .map(|t| {
            let v = t
                .value
                .map(|v| shown(l.unit, v))
                .unwrap_or_else(|| tr("performance.nothing_due"));
            format!("{} {v}", t.period)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let span = match (trend.first(), trend.last()) {
        (Some(a), Some(b)) => format!("{} — {}", a.period, b.period),
        _ => String::new(),
    };
    view! {
        <figure class="trend">
            <svg class="sparkline" viewBox=format!("0 0 {W} {H}") role="img"
                aria-label=format!("{}: {label}", tr("performance.trend"))>
                {target}
                {lines}
            </svg>
            <figcaption class="muted">{tr("performance.trend")}" "{span}</figcaption>
        </figure>
    }
    .into_any()
}
