//! A promotion round (二级 → 一级) an HR manager runs for an area.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promotion_round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub area_code: String,
    pub title: String,
    /// `open` (assessing), `notice` (公示), `closed` (grades effective)
    pub status: String,
    pub notice_from: Option<Date>,
    pub notice_until: Option<Date>,
    pub effective_on: Option<Date>,
    pub is_demo: bool,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
