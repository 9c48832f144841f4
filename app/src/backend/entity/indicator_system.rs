//! A published version of the 绩效管理 indicator system, as JSON
//! (`domain::performance::IndicatorSystem`), from the ministry or a province.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "indicator_system")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `000000000000` for the ministry's, else the issuing province's code.
    pub issuer_area: String,
    pub version: String,
    pub effective_from: Date,
    pub body: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
