//! Certificate check by number: `/verify/{number}`, and a form at `/verify`.

use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::components::{DemoTag, ErrorBox, StatusBadge, TierBadge, set_error_status};
use crate::api::registry::verify_certificate;
use crate::domain::certification::CertStatus;
use crate::i18n::tr;

#[component]
fn VerifyForm(#[prop(into)] value: String) -> impl IntoView {
    view! {
        <Form method="GET" action="/verify" attr:class="search-form">
            <div class="field">
                <label for="number">{tr("verify.number")}</label>
                <input id="number" name="number" required maxlength="40" autocomplete="off"
                    placeholder="XJ-2023-440305-0001" value=value/>
            </div>
            <button type="submit" class="primary">{tr("verify.check")}</button>
        </Form>
    }
}

/// `/verify?number=…` (the form) or just the form.
#[component]
pub fn VerifyFormPage() -> impl IntoView {
    let query = use_query_map();
    let number = Memo::new(move |_| query.read().get("number").unwrap_or_default());
    view! {
        {super::page_title("verify.title")}
        <section class="card">
            <h1>{tr("verify.title")}</h1>
            <p class="lead">{tr("verify.lead")}</p>
            {move || view! { <VerifyForm value=number.get()/> }}
        </section>
        {move || {
            let n = number.get();
            (!n.trim().is_empty()).then(|| view! { <VerifyResult number=n/> })
        }}
    }
}

/// `/verify/{number}`: the target of the QR code on a certificate.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    view! {
        {super::page_title("verify.title")}
        <section class="card">
            <h1>{tr("verify.title")}</h1>
            {move || view! { <VerifyForm value=number.get()/> }}
        </section>
        {move || view! { <VerifyResult number=number.get()/> }}
    }
}

#[component]
fn VerifyResult(number: String) -> impl IntoView {
    let result = Resource::new(move || number.clone(), verify_certificate);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(c) => {
                        let valid = c.status == CertStatus::Valid;
                        view! {
                            <section class=if valid { "card verdict ok" } else { "card verdict bad" } data-status=c.status.as_str()>
                                <h2>{tr(if valid { "verify.valid" } else { "verify.revoked" })}</h2>
                                <div class="result-head">
                                    <TierBadge tier=c.tier/>
                                    <StatusBadge status=c.status/>
                                    <DemoTag is_demo=c.is_demo/>
                                </div>
                                <dl class="facts">
                                    <dt>{tr("cert.number")}</dt><dd class="cert-no">{c.certificate_no.clone()}</dd>
                                    <dt>{tr("cert.community")}</dt>
                                    <dd><A href=format!("/communities/{}", c.community_code)>{c.community_name.clone()}</A></dd>
                                    <dt>{tr("cert.area")}</dt><dd>{c.area_path.join(" / ")}</dd>
                                    <dt>{tr("registry.year")}</dt><dd>{c.year}</dd>
                                    <dt>{tr("cert.issuer")}</dt><dd>{c.issuer}</dd>
                                    <dt>{tr("cert.issued_on")}</dt><dd>{c.issued_on}</dd>
                                    {c.revoked_on.map(|d| view! { <dt>{tr("cert.revoked_on")}</dt><dd>{d}</dd> })}
                                    {c.revoke_reason.map(|r| view! { <dt>{tr("cert.revoke_reason")}</dt><dd>{r}</dd> })}
                                </dl>
                            </section>
                        }.into_any()
                    }
                    Err(e) => {
                        set_error_status(&e);
                        let not_found = e.status() == 404;
                        view! {
                            <section class="card verdict bad" data-status="unknown">
                                {if not_found {
                                    view! { <h2>{tr("verify.unknown")}</h2> }.into_any()
                                } else {
                                    view! { <ErrorBox error=e/> }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
