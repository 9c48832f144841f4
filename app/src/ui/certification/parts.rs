//! Pieces the certification pages share: the indicator table, labels of steps and statuses,
//! a file's row in a list.

use leptos::prelude::*;

use crate::domain::cert_review::{ApplicationStatus, CertStep};
use crate::domain::indicators::{Evaluation, Indicator, IndicatorResult};
use crate::i18n::tr;
use crate::model::certification::ApplicationItem;
use crate::ui::components::{DemoTag, TierBadge};

pub fn step_label(step: CertStep) -> String {
    tr(&format!("cert.step.{}", step.as_str()))
}

pub fn status_label(status: ApplicationStatus) -> String {
    tr(&format!("cert.status.{}", status.as_str()))
}

/// Where a file stands, as a badge: its step, or its final status.
pub fn stage_badge(item: &ApplicationItem) -> impl IntoView + use<> {
    let (class, text) = match (item.status, item.step) {
        (ApplicationStatus::InReview, Some(step)) => ("badge", step_label(step)),
        (ApplicationStatus::Certified, _) => ("badge ok", status_label(item.status)),
        (ApplicationStatus::Stopped, _) => ("badge bad", status_label(item.status)),
        (status, _) => ("badge warn", status_label(status)),
    };
    view! { <span class=class data-stage=item.step.map(|s| s.as_str()).unwrap_or(item.status.as_str())>{text}</span> }
}

/// A rate in ‰ as a percentage with one decimal.
pub fn per_mille(v: u64) -> String {
    format!("{}.{}%", v / 10, v % 10)
}

fn is_rate(i: Indicator) -> bool {
    matches!(
        i,
        Indicator::RateAbleWilling
            | Indicator::RateRegistered
            | Indicator::RateDifficult
            | Indicator::FullRegistration
    )
}

fn shown(r: &IndicatorResult) -> (String, String) {
    match r.indicator {
        i if is_rate(i) => (per_mille(r.value), format!("≥ {}", per_mille(r.threshold))),
        Indicator::SixInPlace | Indicator::StarStatus => (
            tr(if r.value > 0 {
                "common.yes"
            } else {
                "common.no"
            }),
            tr("common.yes"),
        ),
        Indicator::ConsecutiveYears => (r.value.to_string(), format!("≥ {}", r.threshold)),
        _ => (r.value.to_string(), format!("= {}", r.threshold)),
    }
}

/// The quantitative indicators judged, the veto item first, with the overall verdict.
pub fn indicator_table(e: &Evaluation) -> impl IntoView + use<> {
    let verdict = if e.vetoed {
        view! { <p class="badge bad" data-verdict="vetoed">{tr("indicator.vetoed")}</p> }.into_any()
    } else if e.pass {
        view! { <p class="badge ok" data-verdict="pass">{tr("indicator.pass")}</p> }.into_any()
    } else {
        view! { <p class="badge bad" data-verdict="fail">{tr("indicator.fail")}</p> }.into_any()
    };
    let rows = e
        .results
        .iter()
        .map(|r| {
            let (value, threshold) = shown(r);
            let class = if r.pass { "ok" } else { "bad" };
            view! {
                <tr data-indicator=r.indicator.as_str() class=class>
                    <th scope="row">
                        {tr(&format!("indicator.{}", r.indicator.as_str()))}
                        {r.veto.then(|| view! { " " <span class="badge bad">{tr("indicator.veto")}</span> })}
                    </th>
                    <td>{value}</td>
                    <td>{threshold}</td>
                    <td>{tr(if r.pass { "indicator.met" } else { "indicator.not_met" })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {verdict}
        <div class="table-scroll">
            <table class="indicators">
                <thead><tr>
                    <th>{tr("indicator.name")}</th><th>{tr("indicator.value")}</th>
                    <th>{tr("indicator.threshold")}</th><th>{tr("indicator.result")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A file in a list: the community, its tier, where it stands and its deadline.
pub fn file_row(a: ApplicationItem) -> impl IntoView {
    let href = format!("/certification/applications/{}", a.id);
    let badge = stage_badge(&a);
    view! {
        <li class="result" data-application=a.id>
            <div class="result-head">
                <a href=href class="result-name">{a.community_name.clone()}</a>
                <TierBadge tier=a.tier/>
                {badge}
                {a.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                <DemoTag is_demo=a.is_demo/>
            </div>
            <p class="result-meta">
                <span>{tr("cert.applied_on")}": "{a.applied_on.clone()}</span>
                {a.step_due.clone().map(|d| view! { <span class="due">{tr("reviews.due")}": "{d}</span> })}
                {a.notice_until.clone().map(|d| view! { <span>{tr("cert.notice_until")}": "{d}</span> })}
                {a.certificate_no.clone().map(|n| {
                    let href = format!("/verify/{n}");
                    view! { <a href=href>{n}</a> }
                })}
            </p>
        </li>
    }
}
