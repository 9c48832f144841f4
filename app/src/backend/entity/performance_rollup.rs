//! A measure's part and whole for a kept period, summed over the records of every area code
//! under this one by prefix, this one included (issue 17 roll-ups).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "performance_rollup")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub area_code: String,
    /// `2026-11`, `2026-Q4`, `2026`
    #[sea_orm(primary_key, auto_increment = false)]
    pub period: String,
    /// A measure's code, or `exits.<reason>` for the exits of one reason
    #[sea_orm(primary_key, auto_increment = false)]
    pub measure: String,
    pub part: i64,
    pub whole: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
