//! A 劳动保障协理员: the person, where they work, their employment and contract. Grade,
//! training, exams and ratings are kept in their own tables.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coordinator")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    #[sea_orm(unique)]
    pub id_number: String,
    pub phone: Option<String>,
    /// The community/village (or street/township) assigned.
    pub area_code: String,
    /// `full_time`, `part_time` or `welfare_post` (公益性岗位)
    pub employment: String,
    pub hired_on: Date,
    pub education: Option<String>,
    pub contract_from: Option<Date>,
    pub contract_until: Option<Date>,
    /// Flagged for non-renewal after a 不合格 rating at 二级
    pub non_renewal: bool,
    pub left_on: Option<Date>,
    /// The login of the coordinator's own account, for the phone view
    pub account_username: Option<String>,
    pub is_demo: bool,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
