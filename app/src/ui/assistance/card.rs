//! 《就业援助卡》: the public check (`/cards/{number}`, the QR code's target: valid or not, nothing
//! personal) and the card as printed for its holder (`/people/{id}/card`, business-card size).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::assistance::{check_card, person_card};
use crate::domain::assistance_card::CardStatus;
use crate::i18n::tr;
use crate::model::AppError;
use crate::ui::components::{ErrorBox, set_error_status};

fn status_label(s: CardStatus) -> String {
    tr(&format!("card.status.{}", s.as_str()))
}

/// `/cards/{number}`: the target of the QR code on a card.
#[component]
pub fn CardCheckPage() -> impl IntoView {
    let params = use_params_map();
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    view! {
        {crate::ui::page_title("card.check_title")}
        {move || view! { <CardVerdict number=number.get() standalone=true/> }}
    }
}

/// Whether card `number` is valid, with its issuer and nothing about its holder; an unknown
/// number says so. `standalone` pages title it; under the check form the form's title stands.
#[component]
pub fn CardVerdict(number: String, #[prop(optional)] standalone: bool) -> impl IntoView {
    let title = move || standalone.then(|| view! { <h1>{tr("card.check_title")}</h1> });
    let result = Resource::new(move || number.clone(), check_card);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(c) => view! {
                        <section class=if c.valid { "card verdict ok" } else { "card verdict bad" } data-status=c.status.as_str()>
                            {title()}
                            <h2>{tr(if c.valid { "card.valid" } else { "card.not_valid" })}</h2>
                            <dl class="facts">
                                <dt>{tr("card.number")}</dt><dd class="cert-no">{c.number}</dd>
                                <dt>{tr("card.status")}</dt><dd>{status_label(c.status)}</dd>
                                <dt>{tr("card.issued_on")}</dt><dd>{c.issued_on}</dd>
                                <dt>{tr("card.issuer")}</dt><dd>{c.issuer}</dd>
                            </dl>
                            <p class="muted">{tr("card.nothing_personal")}</p>
                        </section>
                    }.into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        let unknown = e.status() == 404;
                        view! {
                            <section class="card verdict bad" data-status="unknown">
                                {title()}
                                {if unknown {
                                    view! { <h2>{tr("card.unknown")}</h2> }.into_any()
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

#[component]
pub fn CardPrintPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let card = Resource::new(id, |id| async move {
        match id {
            Some(id) => person_card(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        {crate::ui::page_title("card.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(c) => {
                        let categories = c.categories.iter()
                            .map(|x| tr(&format!("category.{}", x.as_str())))
                            .collect::<Vec<_>>()
                            .join(&tr("list.separator"));
                        let household = if c.zero_employment_household {
                            tr("card.zero_household").replace("{n}", &c.household_members.to_string())
                        } else {
                            tr("card.household").replace("{n}", &c.household_members.to_string())
                        };
                        view! {
                            <p class="muted no-print">{tr("card.print_hint")}" "
                                <a class="button" id="card-pdf" href=format!("/api/v1/people/{}/card/pdf", id().unwrap_or_default())>{tr("card.pdf")}</a>
                            </p>
                            <article class="assistance-card" data-status=c.status.as_str()>
                                <header>
                                    <strong>{tr("card.title")}</strong>
                                    <span class="cert-no">{c.number.clone()}</span>
                                </header>
                                <div class="assistance-card-body">
                                    <dl>
                                        <dt>{tr("card.holder")}</dt><dd>{c.holder_name.clone()}" "<span class="code">{c.id_number.clone()}</span></dd>
                                        <dt>{tr("card.categories")}</dt><dd>{categories}</dd>
                                        <dt>{tr("card.household_label")}</dt><dd>{household}</dd>
                                        <dt>{tr("card.issuer")}</dt><dd>{c.office_name.clone()}</dd>
                                        <dt>{tr("card.coordinator")}</dt><dd>{c.coordinator_name.clone()}" "{c.coordinator_contact.clone().unwrap_or_default()}</dd>
                                        <dt>{tr("card.issued_on")}</dt><dd>{c.issued_on.clone()}" · "{status_label(c.status)}</dd>
                                    </dl>
                                    <div class="qr" inner_html=c.qr_svg.clone() aria-label=tr("card.qr_label")></div>
                                </div>
                            </article>
                            <p class="muted no-print">{tr("card.check_at")}" "<a href=c.check_url.clone()>{c.check_url.clone()}</a></p>
                        }.into_any()
                    }
                    Err(e) => {
                        set_error_status(&e);
                        view! { <ErrorBox error=e/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
