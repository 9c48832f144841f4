use leptos::prelude::*;

use crate::model::{AppError, AreaWithChildren};

/// An area with ancestors and children; the provinces when `code` is empty.
#[server(endpoint = "areas/drill")]
pub async fn area_drill_down(code: Option<String>) -> Result<AreaWithChildren, AppError> {
    use crate::backend::service::areas;
    let st = super::context::state()?;
    let code = match code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(areas::parse_code(raw)?),
        None => None,
    };
    areas::drill_down(&st.db, code.as_ref()).await
}

/// The drill-down selects of an area filter, down to the street level.
#[server(endpoint = "areas/choices")]
pub async fn area_choices(code: Option<String>) -> Result<Vec<crate::model::AreaChoice>, AppError> {
    use crate::backend::service::areas;
    use crate::domain::area_code::AreaLevel;
    let st = super::context::state()?;
    let code = areas::parse_filter(code.as_deref(), "area")?;
    areas::choices(&st.db, &st.areas, code.as_ref(), AreaLevel::Township).await
}
