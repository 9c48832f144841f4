//! The one row saying which Beijing day the kept performance figures of the periods under way
//! were counted as of, and when they were last refreshed.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "performance_rollup_state")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub as_of: Date,
    pub refreshed_at: DateTimeUtc,
    /// Grows by one with every refresh: a refresh that finds it moved since it began gives way.
    pub refreshes: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
