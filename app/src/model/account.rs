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
    /// For the signed-in account itself (`/me`, the answer to a sign-in): failed sign-ins for
    /// this username between its previous sign-in and its latest one, from any address, so
    /// that the owner learns of them. Absent in lists of accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_sign_ins: Option<u64>,
}
