//! Platform server functions: the registry page (a platform or the platforms under an area),
//! the coverage report, and the platform form. Plain HTML forms; refusals go back with what
//! was typed.

use leptos::prelude::*;

use crate::model::AppError;
use crate::model::ledger::HistoryEntry;
use crate::model::platform::{CoverageReport, PlatformInput, PlatformList, PlatformView};

/// The coverage of an area (the whole country when none, for national accounts) and, at a
/// county or street, its platforms.
#[server(endpoint = "platforms/overview")]
pub async fn platform_overview(
    area: Option<String>,
) -> Result<(CoverageReport, Option<PlatformList>), AppError> {
    use crate::backend::service::areas::parse_filter;
    use crate::backend::service::platforms::{self, coverage};
    use crate::domain::area_code::AreaLevel;
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    // Without an area, an account with a home area starts there.
    let code = match parse_filter(area.as_deref(), "area")? {
        Some(c) => Some(c),
        None => match actor.scope {
            crate::domain::role::Scope::Area(home) => Some(home),
            crate::domain::role::Scope::National => None,
        },
    };
    let report = coverage::report(&st.db, &actor, code.as_ref()).await?;
    // Where platforms sit directly below (a county, a street, a city without counties).
    let list = match code {
        Some(c) if c.level() >= AreaLevel::City => {
            match platforms::list(&st.db, &actor, &c).await {
                Ok(l) => Some(l),
                Err(AppError::Invalid(_)) => None,
                Err(e) => return Err(e),
            }
        }
        _ => None,
    };
    Ok((report, list))
}

#[server(endpoint = "platforms/platform")]
pub async fn platform_page(code: String) -> Result<(PlatformView, Vec<HistoryEntry>), AppError> {
    use crate::backend::service::{areas, platforms};
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    let code = areas::parse_code(&code)?;
    Ok((
        platforms::get(&st.db, &actor, &code).await?,
        platforms::history(&st.db, &actor, &code).await?,
    ))
}

#[server(endpoint = "platforms/save")]
pub async fn save_platform(code: String, input: PlatformInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/platforms/{code}");
    let result = async {
        let actor = super::context::require_actor().await?;
        let area = crate::backend::service::areas::parse_code(&code)?;
        crate::backend::service::platforms::save(&st.db, &actor, &area, input.clone()).await
    }
    .await;
    let done = |_: &PlatformView| format!("{back}?saved=1");
    super::forms::finish(
        result,
        done,
        &format!("platform-{code}"),
        &input.record,
        &format!("{back}#edit"),
    )
    .await
}
