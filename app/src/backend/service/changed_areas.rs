//! The areas whose records changed since the performance figures were counted
//! (`performance_dirty`): every writer of a record the measures count marks the area in its
//! own transaction, and `performance::rollup::refresh` counts them again. Apart from the
//! roll-ups so that the writers (ledger, assistance, calendar) need not import them. The
//! coordinators' record marks the area served too: a dashboard lists the coordinators, and the
//! refresh that takes a mark in also drops the dashboard answers kept before it.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use crate::backend::entity::performance_dirty as dirty;

/// The code that marks everything: the whole country.
pub const EVERYWHERE: &str = crate::domain::performance::rollup::NATIONAL;

/// Marks `area_code` (a community's code; [`EVERYWHERE`] when a rule every figure depends on
/// changed) inside the caller's transaction. A mark already there moves to a new generation,
/// so a refresh that read the older one leaves it for the next.
pub async fn mark<C: ConnectionTrait>(conn: &C, area_code: &str) -> Result<(), DbErr> {
    dirty::Entity::insert(dirty::ActiveModel {
        area_code: Set(area_code.to_string()),
        generation: Set(0),
    })
    .on_conflict(
        OnConflict::column(dirty::Column::AreaCode)
            .value(
                dirty::Column::Generation,
                Expr::col((dirty::Entity, dirty::Column::Generation)).add(1),
            )
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
