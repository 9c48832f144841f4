//! The public registry: search certified full-employment communities by name, area and tier.
//! Server-rendered and usable without JavaScript (a GET form); the form and results are an
//! island, so once its small WASM has loaded, typing and choosing filter at once.

pub mod community;
pub mod verify;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::areas::area_choices;
use crate::api::registry::search_communities;
use crate::domain::area_code::{AreaCode, deepest_consistent};
use crate::domain::certification::Tier;
use crate::i18n::{tr, use_locale};
use crate::model::{AppError, AreaChoice, CommunityItem, Page, SearchParams};
use crate::ui::components::{
    DemoTag, ErrorBox, Pager, StatusBadge, TierBadge, query_string, set_error_status, tier_label,
};

/// The area filter from the drill-down selects (several `area` values, shallow to deep).
/// A malformed value is passed on as it is, so the service reports it.
fn area_from_query(values: &[String]) -> Option<String> {
    let raw: Vec<&str> = values
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = raw.iter().find(|s| AreaCode::parse(s).is_err()) {
        return Some((*bad).to_string());
    }
    let codes: Vec<AreaCode> = raw.iter().filter_map(|s| AreaCode::parse(s).ok()).collect();
    deepest_consistent(&codes).map(|c| c.prefix().to_string())
}

fn search_href(p: &SearchParams, page: Option<u64>) -> String {
    let qs = query_string(&[
        ("q", p.q.clone()),
        ("area", p.area.clone()),
        ("tier", p.tier.clone()),
        ("page", page.filter(|n| *n > 1).map(|n| n.to_string())),
    ]);
    format!("/{qs}")
}

#[component]
pub fn RegistryPage() -> impl IntoView {
    let query = use_query_map();
    let params = query.with_untracked(|q| SearchParams {
        q: q.get("q"),
        area: area_from_query(&q.get_all("area").unwrap_or_default()),
        tier: q.get("tier"),
        page: q.get("page"),
        per_page: q.get("per_page"),
    });
    // Read once, in a resource: the Suspend below may be made more than once while the page
    // renders, and a read begun in a dropped one would be cancelled half-way (on Postgres that
    // closed the pool's connection, so every page opened a new one).
    let found = Resource::new(
        || (),
        move |_| {
            let params = params.clone();
            async move {
                let first = search_communities(params.clone()).await;
                let choices = area_choices(params.area.clone()).await.unwrap_or_default();
                (params, first, choices)
            }
        },
    );
    view! {
        {crate::ui::page_title("registry.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let (params, first, choices) = found.await;
                if let Err(e) = &first {
                    set_error_status(e);
                }
                view! { <RegistrySearch params first choices/> }
            })}
        </Suspense>
    }
}

/// The search form and its results: the one interactive part of the public pages.
/// Without JavaScript the form is sent as a GET request; with it, typing (after a short
/// pause) and every choice fetch the new results in place and update the address.
#[island]
fn RegistrySearch(
    params: SearchParams,
    first: Result<Page<CommunityItem>, AppError>,
    choices: Vec<AreaChoice>,
) -> impl IntoView {
    let initial = params.clone();
    let params = RwSignal::new(params);
    let results = RwSignal::new(first);
    let choices = RwSignal::new(choices);
    // True from a change until its answer is shown: the results say so (`aria-busy`).
    let busy = RwSignal::new(false);

    let apply = move |mut p: SearchParams| {
        p.page = None;
        params.set(p.clone());
        busy.set(true);
        show_address(&search_href(&p, None));
        refresh(p, params, results, choices, busy);
    };
    let typing = RwSignal::new(0u32);
    let on_q_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        typing.update(|n| *n += 1);
        let ticket = typing.get_untracked();
        debounce(move || {
            if typing.get_untracked() == ticket {
                let mut p = params.get_untracked();
                p.q = Some(value);
                apply(p);
            }
        });
    };
    let on_tier_change = move |ev: leptos::ev::Event| {
        let mut p = params.get_untracked();
        p.tier = Some(event_target_value(&ev));
        apply(p);
    };
    // A refused field's message, shown under it (the summary stays above the results).
    let locale = use_locale();
    let field_error = move |field: &'static str| {
        move || {
            results.with(|r| {
                r.as_ref()
                    .err()
                    .and_then(|e| e.field_messages(locale.code()).remove(field))
                    .map(|msg| view! { <p class="field-error" data-field=field>{msg}</p> })
            })
        }
    };
    // "All" at a level means the level above.
    let on_area_change = move |value: String, parent: Option<String>| {
        let mut p = params.get_untracked();
        p.area = if value.is_empty() {
            parent
        } else {
            Some(value)
        };
        apply(p);
    };

    view! {
        <section class="card">
            <h1>{tr("registry.title")}</h1>
            <p class="lead">{tr("registry.lead")}</p>
            <form method="GET" action="/" class="search-form" role="search">
                <div class="field">
                    <label for="q">{tr("registry.q")}</label>
                    <input id="q" name="q" type="search" maxlength="50" autocomplete="off"
                        placeholder=tr("registry.q_placeholder")
                        value=initial.q.clone().unwrap_or_default()
                        on:input=on_q_input/>
                    {field_error("q")}
                </div>
                <div class="field">
                    <label for="tier">{tr("registry.tier")}</label>
                    <select id="tier" name="tier" on:change=on_tier_change>
                        <option value="">{tr("registry.all_tiers")}</option>
                        {Tier::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=initial.tier.as_deref() == Some(t.as_str())>
                                {tier_label(t)}
                            </option>
                        }).collect_view()}
                    </select>
                    {field_error("tier")}
                </div>
                <fieldset class="field area-selects">
                    <legend>{tr("registry.area")}</legend>
                    {move || {
                        let mut parent: Option<String> = None;
                        choices.get().into_iter().enumerate().map(|(level, choice)| {
                            let up = parent.clone();
                            parent = choice.selected.clone();
                            view! {
                                <select id=format!("area-{level}") name="area" aria-label=tr("registry.area")
                                    on:change=move |ev| on_area_change(event_target_value(&ev), up.clone())>
                                    <option value="">{tr("registry.all_areas")}</option>
                                    {choice.options.into_iter().map(|o| {
                                        let selected = choice.selected.as_deref() == Some(o.code.as_str());
                                        view! { <option value=o.code selected=selected>{o.name}</option> }
                                    }).collect_view()}
                                </select>
                            }
                        }).collect_view()
                    }}
                    {field_error("area")}
                </fieldset>
                <button type="submit" class="primary">{tr("registry.search")}</button>
            </form>
        </section>
        <div class="results-region" aria-live="polite" aria-busy=move || busy.get().to_string()>
        {move || match results.get() {
            Ok(page) => {
                let p = params.get_untracked();
                let pages = page.page_count();
                let href = Callback::new(move |n: u64| search_href(&p, Some(n)));
                let empty = page.items.is_empty();
                view! {
                    <p class="result-count" data-total=page.total data-capped=page.capped.to_string()>
                        {tr(if page.capped { "registry.found_capped" } else { "registry.found" })
                            .replace("{n}", &page.total.to_string())}
                    </p>
                    {empty.then(|| view! { <p class="empty">{tr("registry.none")}</p> })}
                    <ul class="results">
                        {page.items.into_iter().map(|item| view! {
                            <li class="result">
                                <div class="result-head">
                                    <a href=format!("/communities/{}", item.community_code) class="result-name">
                                        {item.community_name}
                                    </a>
                                    <TierBadge tier=item.tier/>
                                </div>
                                <p class="muted">{item.area_path.join(" / ")}</p>
                                <p class="result-meta">
                                    <span>{tr("registry.year")}" "{item.year}</span>
                                    <a href=format!("/verify/{}", item.certificate_no) class="cert-no">
                                        {item.certificate_no.clone()}
                                    </a>
                                    <StatusBadge status=item.status/>
                                    <DemoTag is_demo=item.is_demo/>
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                    <Pager page=page.page pages=pages href=href/>
                }.into_any()
            }
            Err(e) => view! { <ErrorBox error=e/> }.into_any(),
        }}
        </div>
    }
}

/// Fetches the results and the area choices for `p` together; an answer that arrives after
/// the visitor has moved on is dropped (browser only).
fn refresh(
    p: SearchParams,
    params: RwSignal<SearchParams>,
    results: RwSignal<Result<Page<CommunityItem>, AppError>>,
    choices: RwSignal<Vec<AreaChoice>>,
    busy: RwSignal<bool>,
) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let (found, levels) =
            futures::join!(search_communities(p.clone()), area_choices(p.area.clone()));
        if params.get_untracked() == p {
            results.set(found);
            if let Ok(levels) = levels {
                choices.set(levels);
            }
            busy.set(false);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (p, params, results, choices, busy);
}

/// Shows `href` in the address bar without loading it (browser only).
fn show_address(href: &str) {
    #[cfg(feature = "hydrate")]
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// Runs `f` after a short pause (browser only).
fn debounce(f: impl FnOnce() + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(250).await;
        f();
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = f;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_selects_resolve_to_the_deepest_consistent_choice() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            area_from_query(&v(&["440000000000", "440300000000", ""])),
            Some("4403".into())
        );
        assert_eq!(
            area_from_query(&v(&["110000000000", "440300000000"])),
            Some("11".into())
        );
        assert_eq!(area_from_query(&v(&["", ""])), None);
        assert_eq!(area_from_query(&v(&["44", "12x"])), Some("12x".into()));
    }
}
