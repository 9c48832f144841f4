//! Promotion round server functions: the rounds of the area, one round with its forms, and the
//! public 公示 with its objection form. Plain HTML forms; refusals go back with what was typed.

use leptos::prelude::*;

use crate::model::AppError;
use crate::model::certification::ObjectionInput;
use crate::model::promotion::{
    CloseInput, DecisionInput, FindingInput, NominationInput, PromotionNotice, PublishInput,
    RoundInput, RoundItem, RoundView, ScoreInput,
};

#[server(endpoint = "promotions/list")]
pub async fn promotion_rounds() -> Result<Vec<RoundItem>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::promotions::list(&st.db, &actor).await
}

/// The areas the signed-in manager may open a round for (the options of the round form).
#[server(endpoint = "promotions/areas")]
pub async fn promotion_areas() -> Result<Vec<crate::model::AreaView>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::promotions::round_areas(&st.db, &actor).await
}

#[server(endpoint = "promotions/round")]
pub async fn promotion_round(id: i64) -> Result<RoundView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::promotions::get(&st.db, &actor, id).await
}

#[server(endpoint = "promotions/open")]
pub async fn open_promotion_round(input: RoundInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::promotions::open(&st.db, &actor, &input).await
    }
    .await;
    let done = |r: &RoundView| format!("/promotions/{}", r.id);
    super::forms::finish(result, done, "round-new", &input, "/promotions#open").await
}

/// A round step: the form's name, the input, the service call.
macro_rules! round_step {
    ($name:ident, $endpoint:literal, $input:ty, $form:literal, $call:path) => {
        #[server(endpoint = $endpoint)]
        pub async fn $name(id: i64, input: $input) -> Result<(), AppError> {
            let st = super::context::state()?;
            let back = format!("/promotions/{id}");
            let result = async {
                let actor = super::context::require_actor().await?;
                $call(&st.db, &actor, id, &input).await
            }
            .await;
            let done = |_: &RoundView| format!("{back}?saved=1");
            super::forms::finish(
                result,
                done,
                &format!("{}-{id}", $form),
                &input,
                &format!("{back}#{}", $form),
            )
            .await
        }
    };
}

/// A step on one candidate of a round.
macro_rules! candidate_step {
    ($name:ident, $endpoint:literal, $input:ty, $form:literal, $call:path) => {
        #[server(endpoint = $endpoint)]
        pub async fn $name(id: i64, candidate: i64, input: $input) -> Result<(), AppError> {
            let st = super::context::state()?;
            let back = format!("/promotions/{id}");
            let result = async {
                let actor = super::context::require_actor().await?;
                $call(&st.db, &actor, id, candidate, &input).await
            }
            .await;
            let done = |_: &RoundView| format!("{back}?saved=1#candidate-{candidate}");
            super::forms::finish(
                result,
                done,
                &format!("{}-{candidate}", $form),
                &input,
                &format!("{back}#candidate-{candidate}"),
            )
            .await
        }
    };
}

round_step!(
    nominate_candidate,
    "promotions/nominate",
    NominationInput,
    "nominate",
    crate::backend::service::promotions::nominate
);
round_step!(
    publish_round,
    "promotions/publish",
    PublishInput,
    "publish",
    crate::backend::service::promotions::publish
);
round_step!(
    close_round,
    "promotions/close",
    CloseInput,
    "close",
    crate::backend::service::promotions::close
);
candidate_step!(
    score_candidate,
    "promotions/score",
    ScoreInput,
    "score",
    crate::backend::service::promotions::score
);
candidate_step!(
    decide_candidate,
    "promotions/decide",
    DecisionInput,
    "decide",
    crate::backend::service::promotions::decide
);

#[server(endpoint = "promotions/finding")]
pub async fn record_finding(id: i64, objection: i64, input: FindingInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/promotions/{id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::promotions::notices::investigate(
            &st.db, &actor, id, objection, &input,
        )
        .await
    }
    .await;
    let done = |_: &RoundView| format!("{back}?saved=1#objections");
    super::forms::finish(
        result,
        done,
        &format!("finding-{objection}"),
        &input,
        &format!("{back}#objection-{objection}"),
    )
    .await
}

#[server(endpoint = "promotions/notices")]
pub async fn promotion_notices() -> Result<Vec<PromotionNotice>, AppError> {
    let db = super::context::public_db().await?;
    crate::backend::service::promotions::notices::notices(&db).await
}

#[server(endpoint = "promotions/object")]
pub async fn object_to_promotion(
    round: i64,
    candidate: i64,
    input: ObjectionInput,
) -> Result<(), AppError> {
    let st = super::context::state()?;
    let ip = super::context::client_ip().await;
    let result = crate::backend::service::promotions::notices::file(
        &st.db,
        ip.as_deref(),
        round,
        candidate,
        &input,
    )
    .await;
    let done = |r: &crate::model::certification::ObjectionReceipt| {
        format!("/promotion-notices?filed={}", r.id)
    };
    super::forms::finish(
        result,
        done,
        &format!("promotion-objection-{candidate}"),
        &input,
        &format!("/promotion-notices#candidate-{candidate}"),
    )
    .await
}
