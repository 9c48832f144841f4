//! A coordinator's grade from a date: entry, promotion in a round, demotion after a rating.
//! The grade on a day is the newest row from that day or earlier.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coordinator_grade")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub coordinator_id: i64,
    /// `second` or `first`
    pub grade: String,
    pub from_date: Date,
    pub reason: String,
    pub round_id: Option<i64>,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
