//! A person of the ledger. The same 身份证号 anywhere in the country is one person.
use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::backend::sealing::{self, Field};
use crate::model::AppError;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    /// The household's community, repeated so that scope filters need no join.
    pub community_code: String,
    /// The blind index of the 身份证号 (`sealing`): unique, for lookups; never shown.
    #[sea_orm(unique)]
    #[serde(skip)]
    pub id_number_index: String,
    /// The 身份证号, sealed; read it with [`Model::id_number`].
    #[serde(skip)]
    pub id_number_sealed: Option<String>,
    pub name: String,
    /// The name as names are compared (`person_name::match_key`), for name search; set
    /// with the name by [`name_key`].
    #[serde(skip)]
    pub name_key: String,
    pub birth_date: Date,
    pub sex: String,
    /// The phone, sealed; read it with [`Model::phone`].
    #[serde(skip)]
    pub phone_sealed: Option<String>,
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

/// The search key stored beside a name (`person_name::match_key`, at most the name's length).
pub fn name_key(name: &str) -> String {
    crate::domain::person_name::match_key(name)
}

impl Model {
    /// The 身份证号, opened. Errors: `Internal` when its seal does not open.
    pub fn id_number(&self) -> Result<String, AppError> {
        sealing::open(
            Field::IdNumber,
            self.id_number_sealed.as_deref().unwrap_or_default(),
        )
    }

    /// The phone, opened. Errors: `Internal` when its seal does not open.
    pub fn phone(&self) -> Result<Option<String>, AppError> {
        sealing::open_opt(Field::Phone, self.phone_sealed.as_deref())
    }
}
