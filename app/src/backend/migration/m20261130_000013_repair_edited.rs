//! Repairs a database migrated while migrations 000011 and 000012 stood in their first form:
//! both were edited after they had landed (the edits are kept; a migration that has landed is
//! not edited again), so such a database lacks what the edits added:
//! - 000011 later dated the titles already held for re-inspection (two years after they were
//!   granted, the default cycle), so that they come up in the re-inspection lists;
//! - 000012 later added the unique index "one record per coordinator account".
//!
//! Both steps find nothing to do on a database migrated after the edits. A login linked to two
//! coordinator records before the index existed stays with the oldest record (lowest id); the
//! others lose the link, which their HR manager can set again.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Certification {
    Table,
    IssuedOn,
    Status,
    NextInspectionOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum Coordinator {
    Table,
    Id,
    AccountUsername,
}

const ACCOUNT_INDEX: &str = "idx_coordinator_account";

/// Titles held (`valid`) without a re-inspection date: due 24 months after they were granted.
async fn date_reinspections(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let conn = m.get_connection();
    let undated = || {
        Condition::all()
            .add(Expr::col(Certification::Status).eq("valid"))
            .add(Expr::col(Certification::NextInspectionOn).is_null())
    };
    let dates = conn
        .query_all(
            &Query::select()
                .distinct()
                .column(Certification::IssuedOn)
                .from(Certification::Table)
                .cond_where(undated())
                .to_owned(),
        )
        .await?;
    for row in dates {
        let issued: chrono::NaiveDate = row.try_get("", "issued_on")?;
        let due = issued
            .checked_add_months(chrono::Months::new(24))
            .unwrap_or(issued);
        conn.execute(
            &Query::update()
                .table(Certification::Table)
                .value(Certification::NextInspectionOn, due)
                .cond_where(undated().add(Expr::col(Certification::IssuedOn).eq(issued)))
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// The unique index on a coordinator's linked login, after unlinking all but the oldest
/// record of a login linked twice.
async fn one_record_per_account(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    if m.has_index("coordinator", ACCOUNT_INDEX).await? {
        return Ok(());
    }
    let conn = m.get_connection();
    let rows = conn
        .query_all(
            &Query::select()
                .columns([Coordinator::Id, Coordinator::AccountUsername])
                .from(Coordinator::Table)
                .and_where(Expr::col(Coordinator::AccountUsername).is_not_null())
                .order_by(Coordinator::Id, Order::Asc)
                .to_owned(),
        )
        .await?;
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let username: String = row.try_get("", "account_username")?;
        if !seen.insert(username) {
            conn.execute(
                &Query::update()
                    .table(Coordinator::Table)
                    .value(Coordinator::AccountUsername, Option::<String>::None)
                    .and_where(Expr::col(Coordinator::Id).eq(id))
                    .to_owned(),
            )
            .await?;
        }
    }
    m.create_index(
        Index::create()
            .name(ACCOUNT_INDEX)
            .table(Coordinator::Table)
            .col(Coordinator::AccountUsername)
            .unique()
            .to_owned(),
    )
    .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        date_reinspections(m).await?;
        one_record_per_account(m).await
    }

    /// Nothing to undo: the dates and the index belong to 000011 and 000012 as they stand.
    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
