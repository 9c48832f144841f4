//! A person merged into another after a duplicate flag; the merged record's versions stay.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_merge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kept_person_id: i64,
    pub merged_person_id: i64,
    pub merged_name: String,
    /// Masked
    pub merged_id_number: String,
    pub merged_household_id: i64,
    pub merged_by: String,
    pub merged_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
