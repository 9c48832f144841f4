//! The kept performance figures (issue 17 roll-ups): each measure's part and whole for the
//! kept periods ([`Period::kept`]), counted from the records of each area code
//! (`performance_count`) and summed for every code above it by prefix (`performance_rollup`),
//! so a dashboard reads a handful of rows instead of the ledger.
//!
//! Kept up to date incrementally: every writer of a record the measures count marks the area
//! (`service::changed_areas::mark`) in its own transaction; [`refresh`] counts the marked areas again from the
//! records and moves every sum above them by the difference. The figures of the periods under
//! way are counted as of a Beijing day, so the first refresh of a new day counts everything
//! again, as does a mark over the whole country (the calendar). A new policy version needs no
//! mark: it applies from today or later, to re-checks started from then (files and cases keep
//! the version they were filed under), so the next day's full count takes it in. [`verify`]
//! recounts everything from the records and lists every kept figure that differs.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QuerySelect, Set,
};

use super::facts;
use crate::backend::clock::{now, today};
use crate::backend::db::BeginWrite;
use crate::backend::entity::{
    performance_count as count, performance_dirty as dirty, performance_rollup as rollup,
    performance_rollup_state as state,
};
use crate::domain::area_code::AreaCode;
use crate::domain::performance::Period;
use crate::domain::performance::measures::Window;
use crate::domain::performance::rollup::{self as rules, Figures, Key, Mismatch, NATIONAL};
use crate::model::AppError;

/// One refresh at a time in this process; between processes the state row's counter decides.
static REFRESHING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The state row's id.
const STATE: i32 = 1;

/// Rows per insert statement (5 values each: within SQLite's and Postgres' limits).
const CHUNK: usize = 1000;

/// What a refresh did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refreshed {
    /// Everything was counted again (a new day, a mark over the whole country, the first
    /// refresh)
    pub full: bool,
    /// The marked areas counted again (all of them on a full count)
    pub marks: usize,
    /// Figures of area codes counted
    pub counted: usize,
    /// The Beijing day the periods under way are counted as of
    pub as_of: NaiveDate,
}

/// The kept periods on `on` and the days their records are read over.
fn kept(on: NaiveDate) -> (Vec<Period>, Window) {
    let periods = Period::kept(on);
    let from = periods.iter().map(|p| p.first_day()).min().unwrap_or(on);
    (periods, Window { from, to: on })
}

/// The figures the records of the codes in `ranges` (everything for `None`) give on `on`,
/// judged by rules read once.
async fn count_from_records<C: ConnectionTrait>(
    conn: &C,
    ranges: Option<&[(String, String)]>,
    on: NaiveDate,
) -> Result<Figures, AppError> {
    let (periods, w) = kept(on);
    let judged_by = facts::Rules::load(conn).await?;
    let mut out = Figures::new();
    let ranges: Vec<Option<&(String, String)>> = match ranges {
        None => vec![None],
        Some(list) => list.iter().map(Some).collect(),
    };
    for range in ranges {
        for (code, facts) in facts::read_by_area(conn, &judged_by, range, w).await? {
            rules::count_area(&code, &facts, &periods, on, &mut out);
        }
    }
    Ok(out)
}

/// More marked areas than this are counted again as everything: one read of all the records
/// costs less than this many reads of one area each (this system's default).
const MOST_MARKS: usize = 200;

/// The smallest set of code ranges covering the marks; `None` when one covers everything, or
/// when there are more than [`MOST_MARKS`].
fn ranges_of(marks: &[dirty::Model]) -> Option<Vec<(String, String)>> {
    if marks.len() > MOST_MARKS {
        return None;
    }
    let mut codes = Vec::new();
    for m in marks {
        if m.area_code == NATIONAL {
            return None;
        }
        codes.push(AreaCode::parse(&m.area_code).ok()?);
    }
    codes.sort_by_key(|c| c.prefix().len());
    let mut kept: Vec<AreaCode> = Vec::new();
    for c in codes {
        if !kept.iter().any(|k| k.contains(&c)) {
            kept.push(c);
        }
    }
    Some(kept.iter().map(AreaCode::subtree_range).collect())
}

/// Brings the kept figures up to date: counts the marked areas again (everything on a new day)
/// and moves the sums above them. `None` when nothing was marked, or when another refresh
/// moved first (its result stands; the marks it did not see stay for the next). Errors: the
/// database's.
pub async fn refresh(db: &DatabaseConnection) -> Result<Option<Refreshed>, AppError> {
    let _one = REFRESHING.lock().await;
    let on = today();
    let seen = state::Entity::find_by_id(STATE).one(db).await?;
    let marks = dirty::Entity::find().all(db).await?;
    let ranges = if seen.as_ref().is_some_and(|s| s.as_of == on) {
        if marks.is_empty() {
            return Ok(None);
        }
        ranges_of(&marks)
    } else {
        None
    };
    let counted = count_from_records(db, ranges.as_deref(), on).await?;
    let txn = db.begin_write().await?;
    if !claim(&txn, seen.as_ref(), on).await? {
        txn.rollback().await?;
        return Ok(None);
    }
    match &ranges {
        None => {
            count::Entity::delete_many().exec(&txn).await?;
            rollup::Entity::delete_many().exec(&txn).await?;
            insert(&txn, "performance_count", &counted, false).await?;
            insert(&txn, "performance_rollup", &rules::roll_up(&counted), false).await?;
        }
        Some(list) => {
            let mut before = Figures::new();
            for (lo, hi) in list {
                before.extend(read_counts(&txn, Some((lo, hi))).await?);
                count::Entity::delete_many()
                    .filter(count::Column::AreaCode.between(lo.as_str(), hi.as_str()))
                    .exec(&txn)
                    .await?;
            }
            insert(&txn, "performance_count", &counted, false).await?;
            let moved = rules::roll_up(&rules::difference(&before, &counted));
            insert(&txn, "performance_rollup", &moved, true).await?;
        }
    }
    // The marks read, unless marked again since (a newer generation stays for the next).
    for m in &marks {
        dirty::Entity::delete_many()
            .filter(dirty::Column::AreaCode.eq(m.area_code.as_str()))
            .filter(dirty::Column::Generation.eq(m.generation))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(Some(Refreshed {
        full: ranges.is_none(),
        marks: marks.len(),
        counted: counted.len(),
        as_of: on,
    }))
}

/// Takes the turn to write: moves the state row on from what was `seen` (its first write, so
/// no other refresh can have written in between). `false` when another refresh moved first.
async fn claim<C: ConnectionTrait>(
    txn: &C,
    seen: Option<&state::Model>,
    on: NaiveDate,
) -> Result<bool, AppError> {
    let written = match seen {
        Some(s) => {
            state::Entity::update_many()
                .col_expr(state::Column::Refreshes, Expr::value(s.refreshes + 1))
                .col_expr(state::Column::AsOf, Expr::value(on))
                .col_expr(state::Column::RefreshedAt, Expr::value(now()))
                .filter(state::Column::Id.eq(STATE))
                .filter(state::Column::Refreshes.eq(s.refreshes))
                .exec(txn)
                .await?
                .rows_affected
        }
        None => {
            state::Entity::insert(state::ActiveModel {
                id: Set(STATE),
                as_of: Set(on),
                refreshed_at: Set(now()),
                refreshes: Set(1),
            })
            .on_conflict(
                OnConflict::column(state::Column::Id)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?
        }
    };
    Ok(written == 1)
}

/// Writes figures into `table`, or adds them to what it holds (`add`: the sums moved by a
/// difference).
async fn insert<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    figures: &Figures,
    add: bool,
) -> Result<(), AppError> {
    let rows: Vec<(&Key, &(i64, i64))> = figures.iter().collect();
    let t = Alias::new(table);
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(t.clone())
            .columns(["area_code", "period", "measure", "part", "whole"].map(Alias::new));
        for ((area, period, measure), (part, whole)) in chunk {
            q.values([
                area.as_str().into(),
                period.as_str().into(),
                measure.as_str().into(),
                (*part).into(),
                (*whole).into(),
            ])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        if add {
            let sum = |c: &str| {
                Expr::col((t.clone(), Alias::new(c)))
                    .add(Expr::col((Alias::new("excluded"), Alias::new(c))))
            };
            q.on_conflict(
                OnConflict::columns(["area_code", "period", "measure"].map(Alias::new))
                    .value(Alias::new("part"), sum("part"))
                    .value(Alias::new("whole"), sum("whole"))
                    .to_owned(),
            );
        }
        conn.execute(&q).await?;
    }
    Ok(())
}

/// The figures kept per area code in `range` (everything for `None`).
async fn read_counts<C: ConnectionTrait>(
    conn: &C,
    range: Option<(&String, &String)>,
) -> Result<Figures, AppError> {
    let mut q = count::Entity::find().select_only().columns([
        count::Column::AreaCode,
        count::Column::Period,
        count::Column::Measure,
        count::Column::Part,
        count::Column::Whole,
    ]);
    if let Some((lo, hi)) = range {
        q = q.filter(count::Column::AreaCode.between(lo.as_str(), hi.as_str()));
    }
    let rows: Vec<Row> = q.into_tuple().all(conn).await?;
    Ok(figures(rows))
}

/// The kept sums of the areas `codes` for the periods `periods` (labels); a figure absent is
/// `(0, 0)`.
pub async fn sums<C: ConnectionTrait>(
    conn: &C,
    codes: &[String],
    periods: &[String],
) -> Result<Figures, AppError> {
    let mut out = Figures::new();
    for chunk in codes.chunks(CHUNK) {
        let chosen = Condition::all()
            .add(rollup::Column::AreaCode.is_in(chunk.iter().cloned()))
            .add(rollup::Column::Period.is_in(periods.iter().cloned()));
        out.extend(read_sums(conn, chosen).await?);
    }
    Ok(out)
}

/// The kept sums that meet `chosen`.
async fn read_sums<C: ConnectionTrait>(conn: &C, chosen: Condition) -> Result<Figures, AppError> {
    let rows: Vec<Row> = rollup::Entity::find()
        .select_only()
        .columns([
            rollup::Column::AreaCode,
            rollup::Column::Period,
            rollup::Column::Measure,
            rollup::Column::Part,
            rollup::Column::Whole,
        ])
        .filter(chosen)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(figures(rows))
}

/// A kept figure as read: area code, period, measure, part, whole.
type Row = (String, String, String, i64, i64);

fn figures(rows: Vec<Row>) -> Figures {
    rows.into_iter()
        .map(|(a, p, m, part, whole)| ((a, p, m), (part, whole)))
        .collect()
}

/// Where the kept figures stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kept {
    /// The Beijing day the figures of the periods under way are counted as of
    pub as_of: NaiveDate,
    /// When they were last refreshed
    pub refreshed_at: DateTime<Utc>,
    /// How many refreshes have written them: moves with every change of a kept figure
    pub refreshes: i64,
}

/// Where the kept figures stand; `None` before the first refresh.
pub async fn kept_state<C: ConnectionTrait>(conn: &C) -> Result<Option<Kept>, AppError> {
    Ok(state::Entity::find_by_id(STATE)
        .one(conn)
        .await?
        .map(|s| Kept {
            as_of: s.as_of,
            refreshed_at: s.refreshed_at,
            refreshes: s.refreshes,
        }))
}

/// The Beijing day the kept figures of the periods under way are counted as of, and when they
/// were last refreshed; `None` before the first refresh.
pub async fn as_of<C: ConnectionTrait>(
    conn: &C,
) -> Result<Option<(NaiveDate, DateTime<Utc>)>, AppError> {
    Ok(kept_state(conn).await?.map(|k| (k.as_of, k.refreshed_at)))
}

/// Whether any area is marked since the last refresh.
pub async fn pending<C: ConnectionTrait>(conn: &C) -> Result<bool, AppError> {
    Ok(dirty::Entity::find().one(conn).await?.is_some())
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub as_of: NaiveDate,
    /// Figures kept per area code, and sums kept
    pub kept_counts: usize,
    pub kept_sums: usize,
    /// Every kept figure that differs from the recount: key, kept, counted (per area code
    /// first, then the sums)
    pub mismatches: Vec<Mismatch>,
}

/// Brings the kept figures up to date ([`refresh`]), then counts everything again from the
/// records and compares, figure by figure, the kept per-area figures and every kept sum. Run
/// it while nobody writes: a write between the two makes a difference until the next
/// refresh. Errors: the database's.
pub async fn verify(db: &DatabaseConnection) -> Result<Verified, AppError> {
    refresh(db).await?;
    // No refresh of this process in between.
    let _one = REFRESHING.lock().await;
    let on = match as_of(db).await? {
        Some((on, _)) => on,
        None => today(),
    };
    let kept_counts = read_counts(db, None).await?;
    let kept_sums = read_sums(db, Condition::all()).await?;
    let counted = count_from_records(db, None, on).await?;
    let mut mismatches = rules::mismatches(&kept_counts, &counted);
    mismatches.extend(rules::mismatches(&kept_sums, &rules::roll_up(&counted)));
    Ok(Verified {
        as_of: on,
        kept_counts: kept_counts.len(),
        kept_sums: kept_sums.len(),
        mismatches,
    })
}
