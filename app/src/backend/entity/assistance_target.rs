//! An assistance target's file (就业援助对象登记认定) and where it stands.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assistance_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub community_code: String,
    /// Comma-separated category codes.
    pub categories: String,
    /// The policy version the file is judged by.
    pub policy_version: String,
    /// `in_review`, `confirmed` or `exited`.
    pub status: String,
    /// The review step while in review.
    pub step: Option<String>,
    pub step_since: Option<Date>,
    pub step_due: Option<Date>,
    /// The calendar basis `step_due` was counted on (`domain::calendar::bases_text`)
    pub step_due_basis: Option<String>,
    /// Categories registered without the ledger's support, comma-separated codes
    pub unsupported_categories: String,
    /// The coordinator's reason for them
    pub category_reason: Option<String>,
    /// The last day of the community's 公示; the community approves after it
    pub notice_until: Option<Date>,
    pub applied_on: Date,
    pub confirmed_on: Option<Date>,
    pub exit_reason: Option<String>,
    pub exited_on: Option<Date>,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
