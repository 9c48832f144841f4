//! Households and 零就业家庭 per community, moved by every write that changes them (in the
//! writer's transaction, as increments, so concurrent writers add up), and summed for the totals
//! of large lists.

use crate::backend::db::BeginWrite;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::backend::entity::community_tally as tally;
use crate::model::AppError;

/// Adds `households` and `zero` (either may be negative) to a community's counts.
pub async fn add<C: ConnectionTrait>(
    conn: &C,
    community: &str,
    households: i64,
    zero: i64,
) -> Result<(), AppError> {
    if households == 0 && zero == 0 {
        return Ok(());
    }
    tally::Entity::insert(tally::ActiveModel {
        community_code: Set(community.to_string()),
        households: Set(households),
        zero_households: Set(zero),
    })
    .on_conflict(
        OnConflict::column(tally::Column::CommunityCode)
            .value(
                tally::Column::Households,
                Expr::col((tally::Entity, tally::Column::Households)).add(households),
            )
            .value(
                tally::Column::ZeroHouseholds,
                Expr::col((tally::Entity, tally::Column::ZeroHouseholds)).add(zero),
            )
            .to_owned(),
    )
    .exec(conn)
    .await?;
    Ok(())
}

/// The households (or only the 零就业家庭) of the communities in `range`, or everywhere.
pub async fn total<C: ConnectionTrait>(
    conn: &C,
    range: Option<(String, String)>,
    zero_only: bool,
) -> Result<u64, AppError> {
    let column = if zero_only {
        tally::Column::ZeroHouseholds
    } else {
        tally::Column::Households
    };
    // SUM of a BIGINT is NUMERIC on Postgres: cast back.
    let sum = Func::cast_as(Func::sum(Expr::col(column)), Alias::new("BIGINT"));
    let mut q = tally::Entity::find()
        .select_only()
        .column_as(Expr::expr(sum), "n");
    if let Some((lo, hi)) = range {
        q = q.filter(tally::Column::CommunityCode.between(lo, hi));
    }
    let n: Option<Option<i64>> = q.into_tuple().one(conn).await?;
    Ok(u64::try_from(n.flatten().unwrap_or(0)).unwrap_or(0))
}

/// Counts every community again from the households (after bulk writes that bypass the
/// services: the demo and benchmark seeds).
pub async fn recount(db: &sea_orm::DatabaseConnection) -> Result<(), AppError> {
    let txn = db.begin_write().await?;
    tally::Entity::delete_many().exec(&txn).await?;
    txn.execute_unprepared(
        "INSERT INTO community_tally (community_code, households, zero_households) \
         SELECT community_code, COUNT(*), SUM(CASE WHEN zero_employment THEN 1 ELSE 0 END) \
         FROM household GROUP BY community_code",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
