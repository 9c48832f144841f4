//! One 零就业家庭 case of a household, with the date of each step.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "zero_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub community_code: String,
    pub identified_on: Date,
    pub assisted_on: Option<Date>,
    pub cleared_on: Option<Date>,
    pub stable_on: Option<Date>,
    pub policy_version: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
