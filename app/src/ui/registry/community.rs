//! A community's page: where it is and every title it holds or held.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::registry::get_community;
use crate::i18n::tr;
use crate::ui::components::{
    CertificateFacts, DemoTag, ErrorBox, StatusBadge, TierBadge, set_error_status,
};

#[component]
pub fn CommunityPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        get_community,
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! {
                        <Title text=d.community_name.clone()/>
                        <section class="card">
                            <p class="muted">{d.area_path.join(" / ")}</p>
                            <h1>{d.community_name.clone()}</h1>
                            <p class="muted">{tr("area.code")}": "<A href=format!("/areas/{}", d.community_code)>{d.community_code.clone()}</A></p>
                        </section>
                        <section class="card">
                            <h2>{tr("community.titles")}</h2>
                            {d.certificates.is_empty().then(|| view! { <p class="empty">{tr("community.no_titles")}</p> })}
                            <ul class="results">
                                {d.certificates.into_iter().map(|c| view! {
                                    <li class="result">
                                        <div class="result-head">
                                            <TierBadge tier=c.tier/>
                                            <StatusBadge status=c.status/>
                                            <DemoTag is_demo=c.is_demo/>
                                        </div>
                                        <CertificateFacts cert=c/>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        view! { <ErrorBox error=e/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
