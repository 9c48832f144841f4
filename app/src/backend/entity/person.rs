//! A person of the ledger. The same 身份证号 anywhere in the country is one person.
use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    /// The household's community, repeated so that scope filters need no join.
    pub community_code: String,
    #[sea_orm(unique)]
    pub id_number: String,
    pub name: String,
    pub birth_date: Date,
    pub sex: String,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub ability: String,
    pub wants_work: bool,
    pub status: String,
    pub unemployment_cert_no: Option<String>,
    pub unemployed_since: Option<Date>,
    pub employed_since: Option<Date>,
    pub graduated_on: Option<Date>,
    /// Comma-separated need codes.
    pub needs: String,
    pub land_lost_farmer: bool,
    pub disabled: bool,
    pub veteran_or_military_family: bool,
    pub single_parent: bool,
    pub dibao: bool,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
