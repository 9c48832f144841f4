//! A 《就业援助卡》 as issued.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assistance_card")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub number: String,
    pub target_id: i64,
    pub person_id: i64,
    pub community_code: String,
    /// The holder's name when issued (printed on the card; never shown by the public check).
    pub holder_name: String,
    pub categories: String,
    /// The responsible street/township office.
    pub office_name: String,
    /// The community's coordinator responsible for the holder.
    pub coordinator_name: String,
    pub issued_on: Date,
    pub status: String,
    pub status_on: Date,
    pub version: i32,
    pub coordinator_contact: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
