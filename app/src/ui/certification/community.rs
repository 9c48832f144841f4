//! A community's certification file: today's indicators, their course over twelve month ends
//! (a chart with the numbers beside it), its applications, titles and re-inspections.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::parts::{file_row, indicator_table, per_mille};
use crate::api::certification::load_community_file;
use crate::domain::indicators::Indicator;
use crate::i18n::tr;
use crate::model::certification::IndicatorPoint;
use crate::ui::components::{ErrorBox, StatusBadge, TierBadge, set_error_status};
use crate::ui::rate_axis::RateAxis;

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
                                {chart(&f.points, standard_rate(&f.today))}
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

/// The employment rate of the able and willing at each month end: bars on an axis that states
/// its scale ([`RateAxis`]), each with its value, the standard's line labelled; a failing or
/// vetoed month is marked; the numbers are also in a table beside.
fn chart(points: &[IndicatorPoint], standard: u32) -> impl IntoView + use<> {
    let (slot, bar_w, h, left, top, bottom) = (26u32, 18u32, 100u32, 34u32, 14u32, 16u32);
    let width = left + points.len() as u32 * slot + 4;
    let total = top + h + bottom;
    let values: Vec<u32> = points.iter().map(|p| p.rate_able_willing).collect();
    let axis = RateAxis::fit(&values, standard);
    let y = |v: u32| top + h - axis.scale(v, h);
    let ticks = axis
        .ticks
        .iter()
        .map(|t| {
            view! {
                <line x1=left - 3 x2=width y1=y(*t) y2=y(*t) class="grid"/>
                <text x=left - 5 y=y(*t) + 3 class="tick" text-anchor="end">{format!("{}%", t / 10)}</text>
            }
        })
        .collect_view();
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let bar = axis.scale(p.rate_able_willing, h).max(1);
            let x = left + i as u32 * slot + (slot - bar_w) / 2;
            let class = if p.vetoed || !p.pass { "bar open" } else { "bar zero" };
            let month = p.on.get(5..7).unwrap_or("").trim_start_matches('0').to_string();
            // Cut, never rounded up: 94.9 % must not read as the 95 % of the standard.
            let value = match p.rate_able_willing {
                _ if p.able_willing == 0 => "—".to_string(),
                1000.. => "100".to_string(),
                v => format!("{}.{}", v / 10, v % 10),
            };
            view! {
                <rect x=x y={top + h - bar} width=bar_w height=bar class=class>
                    <title>{format!("{}: {}", p.on, per_mille(u64::from(p.rate_able_willing)))}</title>
                </rect>
                <text x={x + bar_w / 2} y={top + h - bar - 3} class="value" text-anchor="middle">{value}</text>
                <text x={x + bar_w / 2} y={total - 3} class="month" text-anchor="middle">{month}</text>
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
    let legend = tr("cert.chart_legend")
        .replace("{standard}", &per_mille(u64::from(standard)))
        .replace("{floor}", &format!("{}%", axis.floor / 10));
    let line = y(standard);
    view! {
        <figure class="zero-chart rate-chart">
            <svg viewBox=format!("0 0 {width} {total}") width=width height=total role="img" aria-label=tr("cert.indicator_history")>
                {ticks}
                {bars}
                <line x1=left x2=width y1=line y2=line class="threshold">
                    <title>{per_mille(u64::from(standard))}</title>
                </line>
            </svg>
            <figcaption class="muted chart-legend">{legend}</figcaption>
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

/// The standard's employment rate of the able and willing (‰) the report was judged against;
/// 950 (DOMAIN.md §充分就业社区, 95 %) when the standard does not ask for it.
fn standard_rate(r: &crate::model::certification::IndicatorReport) -> u32 {
    r.evaluation
        .results
        .iter()
        .find(|x| x.indicator == Indicator::RateAbleWilling)
        .and_then(|x| u32::try_from(x.threshold).ok())
        .unwrap_or(950)
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
