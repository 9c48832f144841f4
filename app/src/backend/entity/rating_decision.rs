//! An HR manager's decision on a proposed annual rating: confirmed (`decided` = `proposed`) or
//! overridden with a reason.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rating_decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The assessment entry that proposed it (one decision each).
    pub entry_id: i64,
    pub coordinator_id: i64,
    pub year: i32,
    pub proposed: String,
    pub decided: String,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
