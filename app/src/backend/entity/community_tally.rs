//! Households and 零就业家庭 per community, kept with every write.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community_tally")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub community_code: String,
    pub households: i64,
    pub zero_households: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
