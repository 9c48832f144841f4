//! The public registry: search certified full-employment communities by name, area and tier.
//! Server-rendered and usable without JavaScript (a GET form); once hydrated, typing and
//! choosing filter at once.

use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_navigate, use_query_map};

use super::components::{
    DemoTag, ErrorBox, Pager, StatusBadge, TierBadge, query_string, set_error_status, tier_label,
};
use crate::api::areas::area_choices;
use crate::api::registry::search_communities;
use crate::domain::area_code::{AreaCode, deepest_consistent};
use crate::domain::certification::Tier;
use crate::i18n::tr;
use crate::model::SearchParams;

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
    let params = Memo::new(move |_| {
        query.with(|q| SearchParams {
            q: q.get("q"),
            area: area_from_query(&q.get_all("area").unwrap_or_default()),
            tier: q.get("tier"),
            page: q.get("page"),
            per_page: q.get("per_page"),
        })
    });
    let results = Resource::new(move || params.get(), search_communities);
    let choices = Resource::new(move || params.get().area, area_choices);

    // Hydrated: filter while typing (after a short pause) and on every select change.
    let navigate = use_navigate();
    let go = move |p: SearchParams| navigate(&search_href(&p, None), Default::default());
    let typing = RwSignal::new(0u32);
    let on_q_input = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            typing.update(|n| *n += 1);
            let ticket = typing.get_untracked();
            let go = go.clone();
            debounce(move || {
                if typing.get_untracked() == ticket {
                    let mut p = params.get_untracked();
                    p.q = Some(value.clone());
                    go(p);
                }
            });
        }
    };
    let on_tier_change = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let mut p = params.get_untracked();
            p.tier = Some(event_target_value(&ev));
            go(p);
        }
    };
    let on_area_change = {
        let go = go.clone();
        move |value: String, parent: Option<String>| {
            let mut p = params.get_untracked();
            // "All" at a level means the level above.
            p.area = if value.is_empty() {
                parent
            } else {
                Some(value)
            };
            go(p);
        }
    };

    view! {
        {super::page_title("registry.title")}
        <section class="card">
            <h1>{tr("registry.title")}</h1>
            <p class="lead">{tr("registry.lead")}</p>
            <Form method="GET" action="/" attr:class="search-form" attr:role="search">
                <div class="field">
                    <label for="q">{tr("registry.q")}</label>
                    <input id="q" name="q" type="search" maxlength="50" autocomplete="off"
                        placeholder=tr("registry.q_placeholder")
                        prop:value=move || params.get().q.unwrap_or_default()
                        on:input=on_q_input/>
                </div>
                <div class="field">
                    <label for="tier">{tr("registry.tier")}</label>
                    <select id="tier" name="tier" on:change=on_tier_change>
                        <option value="">{tr("registry.all_tiers")}</option>
                        {Tier::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=move || params.get().tier.as_deref() == Some(t.as_str())>
                                {tier_label(t)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="field area-selects">
                    <legend>{tr("registry.area")}</legend>
                    <Transition fallback=|| ()>
                        {move || Suspend::new({
                            let on_area_change = on_area_change.clone();
                            async move {
                                let list = choices.await.unwrap_or_default();
                                let mut parent: Option<String> = None;
                                list.into_iter().enumerate().map(|(level, choice)| {
                                    let up = parent.clone();
                                    parent = choice.selected.clone();
                                    let on_area_change = on_area_change.clone();
                                    let id = format!("area-{level}");
                                    view! {
                                        <select id=id name="area" aria-label=tr("registry.area")
                                            on:change=move |ev| on_area_change(event_target_value(&ev), up.clone())>
                                            <option value="">{tr("registry.all_areas")}</option>
                                            {choice.options.into_iter().map(|o| {
                                                let selected = choice.selected.as_deref() == Some(o.code.as_str());
                                                view! { <option value=o.code selected=selected>{o.name}</option> }
                                            }).collect_view()}
                                        </select>
                                    }
                                }).collect_view()
                            }
                        })}
                    </Transition>
                </fieldset>
                <button type="submit" class="primary">{tr("registry.search")}</button>
            </Form>
        </section>
        <Transition fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => {
                        let p = params.get_untracked();
                        let pages = page.page_count();
                        let href = Callback::new(move |n: u64| search_href(&p, Some(n)));
                        let empty = page.items.is_empty();
                        view! {
                            <p class="result-count" data-total=page.total>
                                {tr("registry.found").replace("{n}", &page.total.to_string())}
                            </p>
                            {empty.then(|| view! { <p class="empty">{tr("registry.none")}</p> })}
                            <ul class="results">
                                {page.items.into_iter().map(|item| view! {
                                    <li class="result">
                                        <div class="result-head">
                                            <A href=format!("/communities/{}", item.community_code) attr:class="result-name">
                                                {item.community_name}
                                            </A>
                                            <TierBadge tier=item.tier/>
                                        </div>
                                        <p class="muted">{item.area_path.join(" / ")}</p>
                                        <p class="result-meta">
                                            <span>{tr("registry.year")}" "{item.year}</span>
                                            <A href=format!("/verify/{}", item.certificate_no) attr:class="cert-no">
                                                {item.certificate_no.clone()}
                                            </A>
                                            <StatusBadge status=item.status/>
                                            <DemoTag is_demo=item.is_demo/>
                                        </p>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <Pager page=page.page pages=pages href=href/>
                        }.into_any()
                    }
                    Err(e) => {
                        set_error_status(&e);
                        view! { <ErrorBox error=e/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
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
