//! An objection to a candidate raised during a promotion round's 公示.
use sea_orm::entity::prelude::*;

use crate::backend::sealing::{self, Field};
use crate::model::AppError;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promotion_objection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub candidate_id: i64,
    pub name: Option<String>,
    /// The contact (phone or e-mail), sealed; read it with [`Model::contact`].
    pub contact_sealed: String,
    pub text: String,
    pub filed_at: DateTimeUtc,
    /// The filer's address prefix, for throttling
    pub filed_from: String,
    /// `open`, `substantiated` or `unfounded`
    pub status: String,
    pub finding: Option<String>,
    pub investigated_by: Option<String>,
    pub investigated_at: Option<DateTimeUtc>,
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
