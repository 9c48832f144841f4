//! The public check by number: `/verify/{number}` for a certificate (its QR code's target), and
//! one form at `/verify` (also at `/cards`) that takes a certificate number or a
//! 就业援助卡 number and shows the verdict of whichever it is.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::registry::verify_certificate;
use crate::domain::certification::CertStatus;
use crate::i18n::tr;
use crate::ui::assistance::CardVerdict;
use crate::ui::components::{
    CertificateFacts, DemoTag, ErrorBox, StatusBadge, TierBadge, set_error_status,
};

#[component]
fn VerifyForm(#[prop(into)] value: String) -> impl IntoView {
    view! {
        <Form method="GET" action="/verify" attr:class="search-form">
            <div class="field">
                <label for="number">{tr("verify.number")}</label>
                <input id="number" name="number" required maxlength="40" autocomplete="off"
                    placeholder="XJ-2023-440305-0001 / JY440305-2026-000123" value=value/>
            </div>
            <button type="submit" class="primary">{tr("verify.check")}</button>
        </Form>
    }
}

/// A number typed as a card's (`JY…` once full-width forms and spaces are read, as
/// `JY440305-2026-000123`) is checked as a card, its shape refused there if wrong; any other
/// as a certificate.
fn card_number_of(typed: &str) -> Option<String> {
    let code = crate::domain::identifier::code(typed);
    code.starts_with("JY").then_some(code)
}

/// The verdict on `number`: of a card or of a certificate (see [`card_number_of`]).
fn verdict(number: String) -> AnyView {
    match card_number_of(&number) {
        Some(card) => view! { <CardVerdict number=card/> }.into_any(),
        None => view! { <VerifyResult number=number/> }.into_any(),
    }
}

/// `/verify?number=…` (the form) or just the form; the number may be a card's.
#[component]
pub fn VerifyFormPage() -> impl IntoView {
    let query = use_query_map();
    let number = Memo::new(move |_| query.read().get("number").unwrap_or_default());
    view! {
        {crate::ui::page_title("verify.title")}
        <section class="card">
            <h1>{tr("verify.title")}</h1>
            <p class="lead">{tr("verify.lead")}</p>
            {move || view! { <VerifyForm value=number.get()/> }}
        </section>
        {move || {
            let n = number.get();
            if n.trim().is_empty() {
                return None;
            }
            Some(verdict(n))
        }}
    }
}

/// `/verify/{number}`: the target of the QR code on a certificate (a card number works too).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    view! {
        {crate::ui::page_title("verify.title")}
        <section class="card">
            <h1>{tr("verify.title")}</h1>
            {move || view! { <VerifyForm value=number.get()/> }}
        </section>
        {move || verdict(number.get())}
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
                        let status = c.status;
                        let valid = status == CertStatus::Valid;
                        view! {
                            <section class=if valid { "card verdict ok" } else { "card verdict bad" } data-status=status.as_str()>
                                <h2>{tr(if valid { "verify.valid" } else { "verify.revoked" })}</h2>
                                <div class="result-head">
                                    <TierBadge tier=c.tier/>
                                    <StatusBadge status=c.status/>
                                    <DemoTag is_demo=c.is_demo/>
                                </div>
                                <CertificateFacts cert=c show_community=true/>
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
