//! 动态更新: one saved version of a ledger record, with who changed which fields.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `household` or `person`.
    pub entity: String,
    pub entity_id: i64,
    pub version: i32,
    pub changed_at: DateTimeUtc,
    pub changed_by: String,
    /// JSON list of the changed field names.
    pub changes: String,
    /// JSON of the whole record after the change.
    pub snapshot: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
