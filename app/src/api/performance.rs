//! 绩效管理 server functions: an area's or the reader's own scorecard, its dashboard, the records
//! behind one of its figures, and the assessments with their forms (run, adjust, publish, correct), which
//! work without JavaScript and give back what was typed when refused.

use leptos::prelude::*;

use crate::model::AppError;
use crate::model::performance::{
    AssessmentAction, AssessmentInput, AssessmentList, AssessmentView, Dashboard, DashboardQuery,
    FigureQuery, FigureRecords, Scorecard, ScorecardQuery,
};

#[server(endpoint = "performance/scorecard")]
pub async fn load_scorecard(q: ScorecardQuery) -> Result<Scorecard, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::scorecard::for_area(&st.db, &actor, &q).await
}

#[server(endpoint = "performance/dashboard")]
pub async fn load_dashboard(q: DashboardQuery) -> Result<Dashboard, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::dashboard::for_area(
        st.dashboard_db().await?,
        &st.dashboards,
        &actor,
        &q,
    )
    .await
}

#[server(endpoint = "performance/figure")]
pub async fn load_figure_records(q: FigureQuery) -> Result<FigureRecords, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::figure::records(&st.db, &actor, &q).await
}

#[server(endpoint = "performance/assessments")]
pub async fn load_assessments(area: Option<String>) -> Result<AssessmentList, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::assessment::list(&st.db, &actor, area.as_deref()).await
}

#[server(endpoint = "performance/assessment")]
pub async fn load_assessment(id: i64) -> Result<AssessmentView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::assessment::get(&st.db, &actor, id).await
}

/// The page of an assessment, where each of its forms returns.
#[cfg(feature = "ssr")]
fn page_of(id: i64) -> String {
    format!("/performance/assessments/{id}")
}

/// The new-assessment form: on success the draft's page, refused back to the list.
#[server(endpoint = "performance/assessment/create")]
pub async fn run_assessment(input: AssessmentInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::performance::assessment::create(&st.db, &actor, &input).await
    }
    .await;
    let back = "/performance/assessments";
    super::forms::finish(result, |v| page_of(v.id), "assessment-new", &input, back).await
}

/// One entry's adjustment as its form sends it (the entry named in the form, so one refused
/// state per assessment says which entry's form it was).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntryAdjustment {
    pub entry: i64,
    pub adjustment: Option<String>,
    pub reason: Option<String>,
    pub version: Option<i32>,
}

#[server(endpoint = "performance/assessment/adjust")]
pub async fn adjust_assessment_entry(id: i64, input: EntryAdjustment) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        let adjustment = crate::model::performance::AdjustmentInput {
            adjustment: input.adjustment.clone(),
            reason: input.reason.clone(),
            version: input.version,
        };
        crate::backend::service::performance::assessment::adjust(
            &st.db,
            &actor,
            input.entry,
            &adjustment,
        )
        .await
    }
    .await;
    let back = format!("{}#entry-{}", page_of(id), input.entry);
    let done = |_: &AssessmentView| format!("{}?saved=1#entry-{}", page_of(id), input.entry);
    super::forms::finish(result, done, &format!("adjust-{id}"), &input, &back).await
}

#[server(endpoint = "performance/assessment/publish")]
pub async fn publish_assessment(id: i64, input: AssessmentAction) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::performance::assessment::publish(&st.db, &actor, id, &input).await
    }
    .await;
    let back = format!("{}#publish", page_of(id));
    super::forms::finish(
        result,
        |v| page_of(v.id),
        &format!("publish-{id}"),
        &input,
        &back,
    )
    .await
}

#[server(endpoint = "performance/assessment/correct")]
pub async fn correct_assessment(id: i64, input: AssessmentAction) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::performance::assessment::correct(&st.db, &actor, id, &input).await
    }
    .await;
    let back = format!("{}#correct", page_of(id));
    super::forms::finish(
        result,
        |v| page_of(v.id),
        &format!("correct-{id}"),
        &input,
        &back,
    )
    .await
}

#[server(endpoint = "performance/rating-proposals")]
pub async fn load_rating_proposals(
    year: i32,
) -> Result<Vec<crate::model::performance::RatingProposal>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::ratings::proposals(&st.db, &actor, year).await
}

/// One proposal's decision as its form sends it (the entry named in the form).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProposalDecision {
    pub entry: i64,
    pub rating: Option<String>,
    pub reason: Option<String>,
}

#[server(endpoint = "performance/rating-proposals/decide")]
pub async fn decide_rating_proposal(year: i32, input: ProposalDecision) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        let decision = crate::model::performance::RatingDecisionInput {
            rating: input.rating.clone(),
            reason: input.reason.clone(),
        };
        crate::backend::service::performance::ratings::decide(
            &st.db,
            &actor,
            input.entry,
            &decision,
        )
        .await
    }
    .await;
    let page = format!("/performance/ratings?year={year}");
    let back = format!("{page}#proposal-{}", input.entry);
    let done = |_: &Vec<crate::model::performance::RatingProposal>| {
        format!("{page}#proposal-{}", input.entry)
    };
    super::forms::finish(result, done, &format!("proposal-{year}"), &input, &back).await
}
