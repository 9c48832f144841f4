//! 零就业家庭 by community (`/zero`): for the officers of a street, county or city, each
//! community's count now, whether its base and its new cases were cleared in time (基数归零、
//! 动态归零), and the count at each month end as a small bar chart with its numbers.

use leptos::prelude::*;

use crate::api::ledger::zero_overview;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::work::{CommunityZeroRow, OpenOnDay, ZeroOverview};
use crate::ui::components::{ErrorBox, set_error_status};

#[component]
pub fn ZeroOverviewPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| zero_overview());
    view! {
        {crate::ui::page_title("zero.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => overview(o).into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        let login = matches!(e, AppError::Unauthenticated)
                            .then(|| view! { <p><a href="/login?next=/zero">{tr("nav.login")}</a></p> });
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn overview(o: ZeroOverview) -> impl IntoView {
    let empty = o.communities.is_empty();
    let period = tr("zero.period")
        .replace("{from}", &o.period_start)
        .replace("{to}", &o.on);
    view! {
        <section class="card">
            <h1>{tr("zero.title")}</h1>
            <p class="muted">{period}</p>
            <p class="muted">{tr("zero.explain")}</p>
            {empty.then(|| view! { <p class="empty">{tr("zero.none")}</p> })}
        </section>
        <ul class="results" id="zero-communities">
            {o.communities.into_iter().map(row).collect_view()}
        </ul>
    }
}

fn verdict(ok: bool) -> impl IntoView {
    if ok {
        view! { <span class="badge ok">{tr("zero.met")}</span> }.into_any()
    } else {
        view! { <span class="badge bad">{tr("zero.not_met")}</span> }.into_any()
    }
}

fn row(c: CommunityZeroRow) -> impl IntoView {
    view! {
        <li class="result card" data-community=c.community_code.clone()>
            <div class="result-head">
                <strong>{c.community_name.clone()}</strong>
                {(c.overdue_now > 0).then(|| view! {
                    <span class="badge bad">{tr("zero.overdue").replace("{n}", &c.overdue_now.to_string())}</span>
                })}
            </div>
            <dl class="facts">
                <dt>{tr("zero.open_now")}</dt><dd data-count="open">{c.open_now}</dd>
                <dt>{tr("zero.base")}</dt><dd data-count="base">{c.base}" "{verdict(c.base_cleared)}</dd>
                <dt>{tr("zero.new")}</dt><dd data-count="new">{c.new_in_period}" "{verdict(c.dynamic_cleared)}</dd>
            </dl>
            {chart(&c.history)}
        </li>
    }
}

/// Bars of the open count at each month end, drawn in SVG, with the numbers in a table.
fn chart(history: &[OpenOnDay]) -> impl IntoView + use<> {
    let max = history.iter().map(|h| h.open).max().unwrap_or(0).max(1);
    // Bar width and gap, the bars' height, and room for the count above and the month below.
    let (w, gap, h, top, bottom) = (20u32, 6u32, 40u32, 12u32, 12u32);
    let width = history.len() as u32 * (w + gap);
    let total = top + h + bottom;
    let bars = history
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let bar = (p.open * h) / max;
            let x = i as u32 * (w + gap);
            let mid = x + w / 2;
            // The month of the day (YYYY-MM-DD), without a leading zero.
            let month = p.day.get(5..7).unwrap_or("").trim_start_matches('0').to_string();
            view! {
                <rect x=x y={top + h - bar.max(1)} width=w height={bar.max(1)} class={if p.open > 0 { "bar open" } else { "bar zero" }}>
                    <title>{format!("{}: {}", p.day, p.open)}</title>
                </rect>
                <text x=mid y={top + h - bar - 2} class="count" text-anchor="middle">{p.open}</text>
                <text x=mid y={total - 1} class="month" text-anchor="middle">{month}</text>
            }
        })
        .collect_view();
    let cells = history
        .iter()
        .map(|p| view! { <tr><td>{p.day.clone()}</td><td>{p.open}</td></tr> })
        .collect_view();
    view! {
        <figure class="zero-chart">
            <svg viewBox=format!("0 0 {width} {total}") width=width height=total role="img" aria-label=tr("zero.chart")>{bars}</svg>
            <details>
                <summary>{tr("zero.chart")}</summary>
                <div class="table-scroll">
                    <table class="zero-history">
                        <thead><tr><th>{tr("zero.month_end")}</th><th>{tr("zero.open_now")}</th></tr></thead>
                        <tbody>{cells}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
