//! Accounts as the browser sees them: never a password hash.

use crate::domain::role::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Home area; `None` for national roles (ministry, admin).
    pub area_code: Option<String>,
    pub area_name: Option<String>,
    pub is_demo: bool,
}
