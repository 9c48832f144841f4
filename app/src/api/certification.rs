//! Certification server functions: the officers' and coordinators' page, a file with its
//! decision forms, a round's pipeline, a community's file, and the public 公示 with its
//! objection form. Plain HTML forms; refusals go back with what was typed.

use leptos::prelude::*;

use crate::model::AppError;
use crate::model::certification::{
    ApplicationInput, ApplicationItem, ApplicationView, CertDecisionInput, CertHome, CommunityFile,
    InspectionInput, InvestigationInput, ObjectionInput, PipelineRow, PublicNotice, ResubmitInput,
    RoundForm, RoundView,
};

/// The account's certification page: the summary, and every list's head or one list paged.
#[server(endpoint = "certification/home")]
pub async fn certification_home(
    query: crate::model::certification::CertHomeQuery,
) -> Result<CertHome, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::certification::home::for_actor(&st.db, &actor, &query).await
}

#[server(endpoint = "certification/application")]
pub async fn load_application(id: i64) -> Result<ApplicationView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::certification::applications::get(&st.db, &actor, id).await
}

#[server(endpoint = "certification/apply")]
pub async fn apply_certification(input: ApplicationInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::certification::applications::apply(&st.db, &actor, &input).await
    }
    .await;
    let done = |v: &ApplicationView| format!("/certification/applications/{}?saved=1", v.item.id);
    super::forms::finish(result, done, "cert-apply", &input, "/certification#apply").await
}

#[server(endpoint = "certification/decide")]
pub async fn decide_application(id: i64, input: CertDecisionInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/certification/applications/{id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::certification::applications::decide(
            &st.db,
            &st.registry_cache,
            &actor,
            id,
            &input,
        )
        .await
    }
    .await;
    let done = |_: &ApplicationView| format!("{back}?saved=1");
    super::forms::finish(
        result,
        done,
        &format!("cert-decide-{id}"),
        &input,
        &format!("{back}#decide"),
    )
    .await
}

#[server(endpoint = "certification/resubmit")]
pub async fn resubmit_application(id: i64, input: ResubmitInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/certification/applications/{id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::certification::applications::resubmit(&st.db, &actor, id, &input)
            .await
    }
    .await;
    let done = |_: &ApplicationView| format!("{back}?saved=1");
    super::forms::finish(
        result,
        done,
        &format!("cert-resubmit-{id}"),
        &input,
        &format!("{back}#resubmit"),
    )
    .await
}

#[server(endpoint = "certification/investigate")]
pub async fn investigate_objection(
    application_id: i64,
    id: i64,
    input: InvestigationInput,
) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/certification/applications/{application_id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::certification::objections::investigate(&st.db, &actor, id, &input)
            .await
    }
    .await;
    let done = |_: &_| format!("{back}?saved=1#objections");
    super::forms::finish(
        result,
        done,
        &format!("objection-{id}"),
        &input,
        &format!("{back}#objection-{id}"),
    )
    .await
}

#[server(endpoint = "certification/inspect")]
pub async fn inspect_title(number: String, input: InspectionInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::certification::titles::inspect(
            &st.db,
            &st.registry_cache,
            &actor,
            &number,
            &input,
        )
        .await
    }
    .await;
    let done = |_: &_| format!("/verify/{number}");
    super::forms::finish(
        result,
        done,
        &format!("inspect-{number}"),
        &input,
        "/certification#due",
    )
    .await
}

#[server(endpoint = "certification/round")]
pub async fn load_round(
    id: i64,
) -> Result<(RoundView, Vec<PipelineRow>, Vec<ApplicationItem>), AppError> {
    use crate::backend::service::certification::{applications, rounds};
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    Ok((
        rounds::get(&st.db, &actor, id).await?,
        rounds::pipeline(&st.db, &actor, id).await?,
        applications::list(&st.db, &actor, Some(id)).await?,
    ))
}

#[server(endpoint = "certification/community")]
pub async fn load_community_file(code: String) -> Result<CommunityFile, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::certification::titles::community_file(&st.db, &actor, &code).await
}

#[server(endpoint = "notices")]
pub async fn public_notices() -> Result<Vec<PublicNotice>, AppError> {
    let db = super::context::public_db().await?;
    crate::backend::service::certification::objections::notices(&db, crate::backend::clock::today())
        .await
}

/// Anyone objects to a community under 公示 (no sign-in).
#[server(endpoint = "notices/object")]
pub async fn file_objection(application_id: i64, input: ObjectionInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let ip = super::context::client_ip().await;
    let result = crate::backend::service::certification::objections::file(
        &st.db,
        ip.as_deref(),
        application_id,
        &input,
    )
    .await;
    let done = |r: &crate::model::certification::ObjectionReceipt| {
        format!("/notices?received={}#notice-{application_id}", r.id)
    };
    // Contacts are not kept for refilling (the session is stored).
    let kept = ObjectionInput {
        contact: None,
        ..input.clone()
    };
    super::forms::finish(
        result,
        done,
        &format!("notice-{application_id}"),
        &kept,
        &format!("/notices#notice-{application_id}"),
    )
    .await
}

/// A province officer (its own tiers) or the ministry (national) opens a round from the page.
#[server(endpoint = "certification/round/open")]
pub async fn open_round(input: RoundForm) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        let quotas = crate::domain::cert_review::parse_quota_lines(
            input.quotas.as_deref().unwrap_or_default(),
        )
        .map_err(|_| AppError::field("quotas", "round.quota_lines"))?;
        let round = crate::model::certification::RoundInput {
            tier: input.tier.clone(),
            area_code: input.area_code.clone(),
            year: None,
            title: input.title.clone(),
            opens_on: input.opens_on.clone(),
            closes_on: input.closes_on.clone(),
            quotas,
        };
        crate::backend::service::certification::rounds::open(&st.db, &actor, &round).await
    }
    .await;
    let done = |r: &RoundView| format!("/certification/rounds/{}", r.id);
    super::forms::finish(
        result,
        done,
        "round-open",
        &input,
        "/certification#open-round",
    )
    .await
}
