//! 绩效管理 server functions: an area's or the reader's own scorecard, and the records behind
//! one of its figures.

use leptos::prelude::*;

use crate::model::AppError;
use crate::model::performance::{FigureQuery, FigureRecords, Scorecard, ScorecardQuery};

#[server(endpoint = "performance/scorecard")]
pub async fn load_scorecard(q: ScorecardQuery) -> Result<Scorecard, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::scorecard::for_area(&st.db, &actor, &q).await
}

#[server(endpoint = "performance/figure")]
pub async fn load_figure_records(q: FigureQuery) -> Result<FigureRecords, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::performance::figure::records(&st.db, &actor, &q).await
}
