//! The working-day calendar the deadlines are counted on.

use leptos::prelude::*;

use crate::model::AppError;

/// The working-day calendar's basis per year and the arrangement to load (any signed-in
/// account; the account page shows it to administrators).
#[server(endpoint = "calendar/status")]
pub async fn calendar_status() -> Result<crate::model::calendar::CalendarStatus, AppError> {
    let st = super::context::state()?;
    super::context::require_actor().await?;
    crate::backend::service::calendar::status(&st.db).await
}
