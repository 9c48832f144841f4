//! Labels of grades, ratings and grade rules, and the rule table that explains each rule with
//! its records.

use crate::domain::grading::{Figure, Grade, Rating, RuleCheck};
use crate::i18n::tr;
use leptos::prelude::*;

pub fn grade_label(g: Option<Grade>) -> String {
    match g {
        Some(g) => tr(&format!("grade.{}", g.as_str())),
        None => tr("grade.none"),
    }
}

pub fn rating_label(r: Rating) -> String {
    tr(&format!("rating.{}", r.as_str()))
}

pub(super) fn rule_label(rule: &str) -> String {
    tr(&format!("rule.{rule}"))
}

/// The rules checked, each met or not, with what it needs, what the records give and how far
/// they fall short, and the records behind it.
pub fn rule_table(checks: &[RuleCheck]) -> impl IntoView + use<> {
    let rows = checks
        .iter()
        .map(|c| {
            view! {
                <tr data-rule=c.rule.clone() data-met=c.met.to_string()>
                    <th scope="row">{rule_label(&c.rule)}</th>
                    <td>{if c.met {
                        view! { <span class="badge ok">{tr("rule.met")}</span> }.into_any()
                    } else {
                        view! { <span class="badge bad">{tr("rule.unmet")}</span> }.into_any()
                    }}</td>
                    <td class="figures" data-short=c.short_by()>{figures_text(c)}</td>
                    <td class="evidence">{if !c.evidence.is_empty() {
                        c.evidence.join(&tr("list.separator"))
                    } else if c.needed.is_none() {
                        tr("rule.no_records")
                    } else {
                        String::new()
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="rules">
                <thead><tr><th>{tr("rule.rule")}</th><th>{tr("rule.result")}</th><th>{tr("rule.figures")}</th><th>{tr("rule.records")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// "Needs 40 training hours in 2 years, has 24 (short 16)", in the page's language.
/// Empty for checks kept before the figures were recorded (their records say it all).
pub fn figures_text(c: &RuleCheck) -> String {
    if c.needed.is_none() && c.found.is_none() {
        return String::new();
    }
    let needed = c
        .needed
        .as_ref()
        .map(|f| tr("rule.needs").replace("{what}", &figure_text(f, true)));
    let found = match &c.found {
        Some(f) => tr("rule.has").replace("{what}", &figure_text(f, false)),
        None => tr("rule.has_none"),
    };
    let short = c
        .short_by()
        .map(|n| tr("rule.short").replace("{n}", &n.to_string()))
        .unwrap_or_default();
    match needed {
        Some(needed) => format!("{needed}{}{found}{short}", tr("calendar.notes_separator")),
        None => format!("{found}{short}"),
    }
}

/// One figure in words; `needed` words a requirement (a pass mark rather than a score).
pub fn figure_text(f: &Figure, needed: bool) -> String {
    match f {
        Figure::Exam { theory, practical } if needed => {
            tr("rule.figure.exam_needed").replace("{pass}", &theory.max(practical).to_string())
        }
        Figure::Exam { theory, practical } => tr("rule.figure.exam")
            .replace("{theory}", &theory.to_string())
            .replace("{practical}", &practical.to_string()),
        Figure::Education { level } => tr(if needed {
            "rule.figure.education_needed"
        } else {
            "rule.figure.education"
        })
        .replace(
            "{level}",
            &tr(&format!("ledger.education.{}", level.as_str())),
        ),
        Figure::Courses { count } => tr("rule.figure.courses").replace("{n}", &count.to_string()),
        Figure::Years { years, since } => match since {
            Some(since) if !needed => tr("rule.figure.years")
                .replace("{n}", &years.to_string())
                .replace("{since}", since),
            _ => tr("rule.figure.years_needed").replace("{n}", &years.to_string()),
        },
        Figure::Hours { hours, .. } if !needed => {
            tr("rule.figure.hours_found").replace("{n}", &hours.to_string())
        }
        Figure::Hours {
            hours,
            within_years,
        } => tr("rule.figure.hours")
            .replace("{n}", &hours.to_string())
            .replace("{within}", &within_years.to_string()),
        Figure::RatingsNeeded {
            years,
            at_least,
            one_at,
        } => tr("rule.figure.ratings_needed")
            .replace("{n}", &years.to_string())
            .replace("{at_least}", &rating_label(*at_least))
            .replace("{one_at}", &rating_label(*one_at)),
        Figure::Ratings { ratings } if ratings.is_empty() => tr("rule.figure.ratings_none"),
        Figure::Ratings { ratings } => ratings
            .iter()
            .map(|r| {
                tr("rule.figure.year_rating")
                    .replace("{year}", &r.year.to_string())
                    .replace("{rating}", &rating_label(r.rating))
            })
            .collect::<Vec<_>>()
            .join(&tr("list.separator")),
        Figure::Score { score } => tr(if needed {
            "rule.figure.pass_mark"
        } else {
            "rule.figure.score"
        })
        .replace("{n}", &score.to_string()),
    }
}
