//! An area whose records changed since its performance figures were counted: every code under
//! it is counted again at the next refresh. `generation` grows with every new change, so a
//! refresh clears only the marks it has read.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "performance_dirty")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub area_code: String,
    pub generation: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
