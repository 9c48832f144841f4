//! A community's certification file: today's indicators, their course over twelve month ends
//! (a chart with the numbers beside it), its applications, titles and re-inspections.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::parts::{file_row, indicator_table, per_mille};
use crate::api::certification::load_community_file;
use crate::i18n::tr;
use crate::model::certification::IndicatorPoint;
use crate::ui::components::{ErrorBox, StatusBadge, TierBadge, set_error_status};

#[component]
pub fn CommunityFilePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let data = Resource::new(code, load_community_file);
    view! {
        {crate::ui::page_title("cert.community_file")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => {
                        let h = f.history;
                        let titles = h.certificates.iter().map(|c| {
                            let href = format!("/verify/{}", c.certificate_no);
                            view! {
                                <li data-certificate=c.certificate_no.clone()>
                                    <a href=href>{c.certificate_no.clone()}</a>" "
                                    <TierBadge tier=c.tier/>" "<StatusBadge status=c.status/>
                                    " "{c.issued_on.clone()}
                                    {c.revoke_reason.clone().map(|r| view! { <p class="reason">{c.revoked_on.clone().unwrap_or_default()}" · "{r}</p> })}
                                </li>
                            }
                        }).collect_view();
                        let inspections = h.inspections.iter().map(|i| view! {
                            <li data-inspection=i.id>
                                {i.inspected_on.clone()}" · "{i.certificate_no.clone()}" · "
                                <span class={if i.pass { "badge ok" } else { "badge bad" }}>{tr(if i.pass { "cert.inspect_pass" } else { "cert.inspect_fail" })}</span>
                                <p>{i.findings.clone()}</p>
                            </li>
                        }).collect_view();
                        view! {
                            <section class="card">
                                <h1>{h.community_name.clone()}</h1>
                                <p class="muted">{tr("cert.computed_on")}": "{f.today.on.clone()}</p>
                                {indicator_table(&f.today.evaluation)}
                                {behind(&f.today)}
                            </section>
                            <section class="card">
                                <h2>{tr("cert.indicator_history")}</h2>
                                {chart(&f.points)}
                            </section>
                            <section class="card">
                                <h2>{tr("cert.titles")}</h2>
                                {h.certificates.is_empty().then(|| view! { <p class="empty">{tr("cert.no_titles")}</p> })}
                                <ul>{titles}</ul>
                                {(!h.inspections.is_empty()).then(|| view! { <h3>{tr("cert.inspections")}</h3><ul>{inspections}</ul> })}
                            </section>
                            <section class="card">
                                <h2>{tr("cert.files")}</h2>
                                {h.applications.is_empty().then(|| view! { <p class="empty">{tr("cert.no_files")}</p> })}
                                <ul class="results">{h.applications.into_iter().map(file_row).collect_view()}</ul>
                            </section>
                        }.into_any()
                    }
                    Err(e) => {
                        set_error_status(&e);
                        let login = super::login_for(&e, "/certification");
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The employment rate of the able and willing at each month end, as bars against the 95 % line;
/// a failing or vetoed month is marked; the numbers are in a table beside.
fn chart(points: &[IndicatorPoint]) -> impl IntoView + use<> {
    let (w, gap, h, top, bottom) = (20u32, 6u32, 60u32, 12u32, 12u32);
    let width = points.len() as u32 * (w + gap);
    let total = top + h + bottom;
    // The bars show 80 % … 100 %, where the standard's line is.
    let scale = |v: u32| (v.saturating_sub(800) * h) / 200;
    let line = top + h - scale(950);
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let bar = scale(p.rate_able_willing).max(1);
            let x = i as u32 * (w + gap);
            let class = if p.vetoed || !p.pass { "bar open" } else { "bar zero" };
            let month = p.on.get(5..7).unwrap_or("").trim_start_matches('0').to_string();
            view! {
                <rect x=x y={top + h - bar} width=w height=bar class=class>
                    <title>{format!("{}: {}", p.on, per_mille(u64::from(p.rate_able_willing)))}</title>
                </rect>
                <text x={x + w / 2} y={total - 1} class="month" text-anchor="middle">{month}</text>
            }
        })
        .collect_view();
    let rows = points
        .iter()
        .map(|p| view! {
            <tr>
                <td>{p.on.clone()}</td>
                <td>{if p.able_willing == 0 { tr("indicator.no_records") } else { per_mille(u64::from(p.rate_able_willing)) }}</td>
                <td>{tr(if p.vetoed { "indicator.vetoed" } else if p.pass { "indicator.pass" } else { "indicator.fail" })}</td>
                <td class="failed" data-failed={p.failed.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(",")}>
                    {p.failed.iter().map(|i| tr(&format!("indicator.{}", i.as_str()))).collect::<Vec<_>>().join(&tr("calendar.notes_separator"))}
                </td>
            </tr>
        })
        .collect_view();
    view! {
        <figure class="zero-chart">
            <svg viewBox=format!("0 0 {width} {total}") width=width height=total role="img" aria-label=tr("cert.indicator_history")>
                {bars}
                <line x1="0" x2=width y1=line y2=line class="threshold"/>
            </svg>
            <details>
                <summary>{tr("cert.indicator_history")}</summary>
                <div class="table-scroll">
                    <table>
                        <thead><tr><th>{tr("zero.month_end")}</th><th>{tr("indicator.rate_able_willing")}</th><th>{tr("indicator.result")}</th><th>{tr("indicator.failed")}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// The people and households behind the failing numbers, each linked to the ledger.
fn behind(r: &crate::model::certification::IndicatorReport) -> impl IntoView + use<> {
    let people = r
        .people
        .iter()
        .map(|p| {
            let href = format!("/people/{}", p.id);
            view! { <li data-person=p.id><a href=href>{p.name.clone()}</a></li> }
        })
        .collect_view();
    let households = r
        .households
        .iter()
        .map(|h| {
            let href = format!("/ledger/{}", h.id);
            view! { <li data-household=h.id><a href=href>{h.address.clone()}</a></li> }
        })
        .collect_view();
    let (has_people, has_households) = (!r.people.is_empty(), !r.households.is_empty());
    (has_people || has_households).then(move || {
        view! {
            <details class="behind">
                <summary>{tr("cert.behind")}</summary>
                {has_people.then(|| view! { <h3>{tr("cert.behind_people")}</h3> })}
                <ul>{people}</ul>
                {has_households.then(|| view! { <h3>{tr("cert.behind_households")}</h3> })}
                <ul>{households}</ul>
            </details>
        }
    })
}
