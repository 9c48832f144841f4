//! A household of the ledger (台账), surveyed door to door (入户摸底).
use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "household")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The community or village it lives in (level 5).
    pub community_code: String,
    pub address: String,
    /// 户籍 area, if known (any level).
    pub hukou_code: Option<String>,
    pub urban_hukou: bool,
    pub business_income: bool,
    pub note: Option<String>,
    /// 零就业家庭 by the rule, as of the last change (kept for lists and counts).
    pub zero_employment: bool,
    pub last_visit_on: Option<Date>,
    pub next_visit_on: Option<Date>,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
