//! An objection raised by the public against a community under 公示, and its investigation.
use sea_orm::entity::prelude::*;

use crate::backend::sealing::{self, Field};
use crate::model::AppError;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cert_objection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    /// The notice it was raised in (`notice` or `national_notice`).
    pub stage: String,
    pub name: Option<String>,
    /// The contact (phone or e-mail), sealed; read it with [`Model::contact`].
    pub contact_sealed: String,
    pub text: String,
    /// A keyed hash of the client's address, for throttling (never the address itself).
    pub client_key: String,
    pub filed_at: DateTimeUtc,
    pub outcome: String,
    pub investigation: Option<String>,
    pub decided_by: Option<String>,
    pub decided_on: Option<Date>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The contact, opened. Errors: `Internal` when its seal does not open.
    pub fn contact(&self) -> Result<String, AppError> {
        sealing::open(Field::Contact, &self.contact_sealed)
    }
}
