//! Two ledger people who may be one: similar name and the same birth date in one area.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "duplicate_flag")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub other_person_id: i64,
    pub community_code: String,
    pub reason: String,
    /// `open`, `merged` or `dismissed`.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
