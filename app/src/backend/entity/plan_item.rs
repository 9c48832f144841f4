//! One service of a 「一人一策」 plan, due by its standard's time limit.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub target_id: i64,
    /// The target's community, repeated so that scope filters need no join.
    pub community_code: String,
    pub service: String,
    pub planned_on: Date,
    pub due_on: Date,
    pub done_on: Option<Date>,
    /// The calendar basis the due date was counted on (`domain::calendar::bases_text`)
    pub due_basis: Option<String>,
    pub created_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
