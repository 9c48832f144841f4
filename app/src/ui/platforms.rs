//! Grassroots platforms: the coverage of an area with a drill-down table, a bar chart and the
//! Excel export (`/platforms?area=`), the platforms of a county or street with their 六到位,
//! and one platform's record with its edit form and history (`/platforms/:code`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::ledger::{
    field_checked, field_error_of, field_value, form_error_of, refused, saved_notice,
};
use crate::api::ledger::take_form_state;
use crate::api::platforms::{SavePlatform, platform_overview, platform_page};
use crate::domain::indicators::Share;
use crate::domain::platform::Coverage;
use crate::i18n::tr;
use crate::model::AreaView;
use crate::model::form::FormState;
use crate::model::ledger::HistoryEntry;
use crate::model::platform::{CoverageReport, PlatformList, PlatformRow, PlatformView};

/// The five figures of a coverage, in the order of the table's columns.
fn figures(c: &Coverage) -> [(&'static str, Share); 5] {
    [
        ("streets", c.streets),
        ("townships", c.townships),
        ("communities", c.communities),
        ("villages", c.villages),
        ("six", c.six_in_place),
    ]
}

#[component]
pub fn PlatformsPage() -> impl IntoView {
    let query = use_query_map();
    let area = move || query.read().get("area").filter(|s| !s.is_empty());
    let data = Resource::new(area, platform_overview);
    view! {
        {super::page_title("platforms.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((report, list)) => view! {
                        {coverage_card(&report)}
                        {list.map(platform_list)}
                    }.into_any(),
                    Err(e) => refused(e, "/platforms".into()),
                }
            })}
        </Suspense>
    }
}

fn crumbs(ancestors: &[AreaView], here: Option<&AreaView>) -> impl IntoView + use<> {
    let links = ancestors
        .iter()
        .map(|a| view! { <a href=format!("/platforms?area={}", a.code)>{a.name.clone()}</a>" › " })
        .collect_view();
    let here = here.map(|a| a.name.clone());
    view! { <p class="muted crumbs">{links}{here}</p> }
}

fn coverage_card(r: &CoverageReport) -> impl IntoView + use<> {
    let title = r
        .area
        .as_ref()
        .map_or_else(|| tr("platforms.national"), |a| a.name.clone());
    let export = format!(
        "/api/v1/platforms/coverage/export{}",
        r.area
            .as_ref()
            .map(|a| format!("?area={}", a.code))
            .unwrap_or_default()
    );
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let cells = figures(&row.coverage)
                .into_iter()
                .map(|(k, s)| view! { <td data-figure=k>{Share::text(s)}</td> })
                .collect_view();
            let drill = row.area.level < crate::domain::area_code::AreaLevel::Village
                && row.area.code != r.area.as_ref().map(|a| a.code.clone()).unwrap_or_default();
            let name = if drill {
                view! { <a href=format!("/platforms?area={}", row.area.code)>{row.area.name.clone()}</a> }.into_any()
            } else {
                view! { <a href=format!("/platforms/{}", row.area.code)>{row.area.name.clone()}</a> }.into_any()
            };
            view! { <tr data-area=row.area.code.clone()><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    let totals = figures(&r.total)
        .into_iter()
        .map(|(k, s)| view! { <td data-figure=k>{Share::text(s)}</td> })
        .collect_view();
    let heads = figures(&r.total)
        .into_iter()
        .map(|(k, _)| view! { <th scope="col">{tr(&format!("platforms.figure.{k}"))}</th> })
        .collect_view();
    let timing = tr("platforms.timing").replace("{ms}", &r.elapsed_ms.to_string());
    view! {
        <section class="card" id="coverage">
            {crumbs(&r.ancestors, r.area.as_ref())}
            <h1>{tr("platforms.title")}" · "{title}</h1>
            <p class="muted">{tr("platforms.explain")}</p>
            {chart(&r.total)}
            <div class="table-scroll">
                <table class="coverage">
                    <thead><tr><th scope="col">{tr("platforms.area")}</th>{heads}</tr></thead>
                    <tbody>
                        <tr class="total" data-area="total"><th scope="row">{tr("platforms.total")}</th>{totals}</tr>
                        {rows}
                    </tbody>
                </table>
            </div>
            <p class="result-meta">
                <a href=export rel="external" download="">{tr("platforms.export")}</a>
                <span class="muted">{timing}</span>
            </p>
        </section>
    }
}

/// Horizontal bars of the five shares, in SVG, each labelled with its number.
fn chart(c: &Coverage) -> impl IntoView + use<> {
    let (label_w, bar_w, row_h) = (120u32, 200u32, 22u32);
    let bars = figures(c)
        .into_iter()
        .enumerate()
        .map(|(i, (k, s))| {
            let y = i as u32 * row_h;
            let len = if s.whole == 0 {
                0
            } else {
                s.per_mille() * bar_w / 1000
            };
            let text = s.percent();
            view! {
                <text x="0" y={y + 15} class="label">{tr(&format!("platforms.figure.{k}"))}</text>
                <rect x=label_w y={y + 4} width=bar_w height="14" class="bar track"/>
                <rect x=label_w y={y + 4} width=len height="14" class="bar open" data-figure=k/>
                <text x={label_w + bar_w + 6} y={y + 15} class="count">{text}</text>
            }
        })
        .collect_view();
    let (w, h) = (label_w + bar_w + 60, 5 * row_h);
    view! {
        <figure class="coverage-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=tr("platforms.chart")>{bars}</svg>
        </figure>
    }
}

fn six_badges(six: [bool; 6]) -> impl IntoView {
    let names = ["institution", "staff", "funding", "venue", "rules", "work"];
    names
        .into_iter()
        .zip(six)
        .map(|(n, ok)| {
            view! {
                <span class={if ok { "badge ok" } else { "badge bad" }} data-item=n>{tr(&format!("platforms.six.{n}"))}</span>
            }
        })
        .collect_view()
}

fn platform_list(l: PlatformList) -> impl IntoView {
    view! {
        <section class="card" id="platforms">
            <h2>{tr("platforms.list")}</h2>
            <ul class="results">{l.rows.into_iter().map(platform_row).collect_view()}</ul>
        </section>
    }
}

fn platform_row(p: PlatformRow) -> impl IntoView {
    let staff = tr("platforms.staff_count")
        .replace("{full}", &p.full_time_staff.to_string())
        .replace("{part}", &p.part_time_staff.to_string());
    view! {
        <li class="result card" data-platform=p.area.code.clone()>
            <div class="result-head">
                <a class="result-name" href=format!("/platforms/{}", p.area.code)>{p.area.name.clone()}</a>
                {(!p.registered).then(|| view! { <span class="badge bad">{tr("platforms.unregistered")}</span> })}
                {p.checks.six_in_place.then(|| view! { <span class="badge ok">{tr("platforms.six_complete")}</span> })}
            </div>
            <p class="muted">{p.name.clone()}" · "{staff}</p>
            <p class="badges">{six_badges(p.six)}</p>
        </li>
    }
}

#[component]
pub fn PlatformPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let saved = move || query.read().get("saved").is_some();
    let data = Resource::new(code, |code| async move {
        let page = platform_page(code.clone()).await?;
        let state = take_form_state(format!("platform-{code}")).await?;
        Ok::<_, crate::model::AppError>((page, state))
    });
    view! {
        {super::page_title("platforms.platform")}
        {move || saved_notice(saved())}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(((p, history), state)) => platform_view(p, history, state).into_any(),
                    Err(e) => refused(e, format!("/platforms/{}", code())),
                }
            })}
        </Suspense>
    }
}

fn yes_no(b: Option<bool>) -> impl IntoView {
    match b {
        Some(true) => view! { <span class="badge ok">{tr("platforms.met")}</span> }.into_any(),
        Some(false) => {
            view! { <span class="badge bad">{tr("platforms.not_met")}</span> }.into_any()
        }
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

fn platform_view(
    p: PlatformView,
    history: Vec<HistoryEntry>,
    state: Option<FormState>,
) -> impl IntoView {
    let r = p.record.clone();
    let funds: Vec<String> = [
        ("budget", r.fund_budget),
        ("purchase", r.fund_purchase),
        ("reward", r.fund_reward),
        ("subsidy", r.fund_subsidy),
    ]
    .into_iter()
    .filter(|(_, on)| *on)
    .map(|(k, _)| tr(&format!("platforms.fund.{k}")))
    .collect();
    let venue_need = if p.area.level == crate::domain::area_code::AreaLevel::Village {
        (p.standard.village_m2, p.standard.village_windows)
    } else {
        (p.standard.township_m2, p.standard.township_windows)
    };
    let six = [r.institution, r.staff, r.funding, r.venue, r.rules, r.work];
    let editor = p.can_edit.then(|| edit_form(&p, state));
    view! {
        <section class="card" data-platform=p.area.code.clone()>
            {crumbs(&p.ancestors, Some(&p.area))}
            <h1>{if r.name.is_empty() { p.area.name.clone() } else { r.name.clone() }}</h1>
            {(!p.registered).then(|| view! { <p class="badge bad">{tr("platforms.unregistered")}</p> })}
            <p class="badges">{six_badges(six)}</p>
            <dl class="facts">
                <dt>{tr("platforms.signage")}</dt><dd>{yes_no(Some(r.signage))}</dd>
                <dt>{tr("platforms.venue_m2")}</dt>
                <dd>{r.venue_m2.map(|m| format!("{m} m²")).unwrap_or_else(|| "—".into())}" ≥ "{venue_need.0}" m² "{yes_no(p.checks.venue_met)}</dd>
                <dt>{tr("platforms.windows")}</dt><dd>{r.windows}" ≥ "{venue_need.1}" "{yes_no(p.checks.windows_met)}</dd>
                <dt>{tr("platforms.equipment")}</dt><dd>{r.equipment.clone()}</dd>
                <dt>{tr("platforms.network")}</dt><dd>{yes_no(Some(r.network))}</dd>
                <dt>{tr("platforms.staff")}</dt>
                <dd>{tr("platforms.staff_count").replace("{full}", &r.full_time_staff.to_string()).replace("{part}", &r.part_time_staff.to_string())}</dd>
                <dt>{tr("platforms.funds")}</dt><dd>{funds.join(&tr("list.separator"))}</dd>
                <dt>{tr("platforms.updated")}</dt>
                <dd>{p.updated_at.clone().unwrap_or_default()}" "{p.updated_by.clone().unwrap_or_default()}</dd>
            </dl>
        </section>
        {editor}
        <section class="card" id="history">
            <h2>{tr("platforms.history")}</h2>
            {history.is_empty().then(|| view! { <p class="empty">{tr("platforms.no_history")}</p> })}
            <ul class="history">
                {history.into_iter().map(|h| view! {
                    <li data-version=h.version>{format!("v{} · {} · {} · ", h.version, h.changed_at, h.changed_by)}{h.changes.join(", ")}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

fn edit_form(p: &PlatformView, state: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<SavePlatform>::new();
    let r = &p.record;
    // Everything the form shows is worked out here: the form's children are a closure.
    let check = |name: &'static str, current: bool| {
        let on = field_checked(&state, name, current);
        view! {
            <label class="check">
                <input type="checkbox" name=format!("input[record][{name}]") checked=on/>
                {tr(&format!("platforms.field.{name}"))}
            </label>
        }
    };
    let number = |name: &'static str, current: Option<u32>| {
        let v = field_value(&state, name, current.map(|n| n.to_string()));
        let error = field_error_of(&state, name);
        view! {
            <div class="field">
                <label for=format!("p-{name}")>{tr(&format!("platforms.field.{name}"))}</label>
                <input id=format!("p-{name}") name=format!("input[record][{name}]") inputmode="numeric" value=v/>
                {error}
            </div>
        }
    };
    let text = |name: &'static str, current: &str, max: &'static str| {
        let v = field_value(&state, name, Some(current.to_string()));
        let error = field_error_of(&state, name);
        view! {
            <div class="field">
                <label for=format!("p-{name}")>{tr(&format!("platforms.field.{name}"))}</label>
                <input id=format!("p-{name}") name=format!("input[record][{name}]") maxlength=max value=v/>
                {error}
            </div>
        }
    };
    let six = (
        check("institution", r.institution),
        check("staff", r.staff),
        check("funding", r.funding),
        check("venue", r.venue),
        check("rules", r.rules),
        check("work", r.work),
    );
    let facts = (
        text("name", &r.name, "100"),
        check("signage", r.signage),
        number("venue_m2", r.venue_m2),
        number("windows", Some(r.windows)),
        text("equipment", &r.equipment, "200"),
        check("network", r.network),
        number("full_time_staff", Some(r.full_time_staff)),
        number("part_time_staff", Some(r.part_time_staff)),
    );
    let funds = (
        check("fund_budget", r.fund_budget),
        check("fund_purchase", r.fund_purchase),
        check("fund_reward", r.fund_reward),
        check("fund_subsidy", r.fund_subsidy),
    );
    let error = form_error_of(&state);
    let code = p.area.code.clone();
    let version = p.version;
    view! {
        <section class="card" id="edit">
            <h2>{tr("platforms.edit")}</h2>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="code" value=code/>
                <input type="hidden" name="input[version]" value=version/>
                <fieldset>
                    <legend>{tr("platforms.six_title")}</legend>
                    {six}
                </fieldset>
                {facts}
                <fieldset>
                    <legend>{tr("platforms.funds")}</legend>
                    {funds}
                </fieldset>
                <button type="submit" class="primary">{tr("form.save")}</button>
            </ActionForm>
        </section>
    }
}
