//! Labels of grades, ratings and grade rules, and the rule table that explains each rule with
//! its records.

use crate::domain::grading::{Grade, Rating, RuleCheck};
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

/// The rules checked, each met or not, with the records behind it.
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
                    <td class="evidence">{if c.evidence.is_empty() { tr("rule.no_records") } else { c.evidence.join("；") }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="rules">
                <thead><tr><th>{tr("rule.rule")}</th><th>{tr("rule.result")}</th><th>{tr("rule.records")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
