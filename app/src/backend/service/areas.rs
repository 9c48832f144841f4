//! 行政区划: look-ups, drill-down and the idempotent import of the national codes.

use crate::backend::db::BeginWrite;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
use std::io::{BufRead, Read};

use crate::backend::area_cache::AreaCache;
use crate::backend::entity::area;
use crate::domain::area_code::{AreaCode, AreaLevel};
use crate::model::{AppError, AreaChoice, AreaView, AreaWithChildren};

pub fn to_view(m: &area::Model) -> AreaView {
    let code = AreaCode::parse(&m.code).ok();
    AreaView {
        code: m.code.clone(),
        name: m.name.clone(),
        level: AreaLevel::from_number(i32::from(m.level)).unwrap_or(AreaLevel::Village),
        parent_code: m.parent_code.clone(),
        township_kind: code.and_then(|c| c.township_kind()),
        village_kind: code.and_then(|c| c.village_kind()),
    }
}

/// Parses a code from a path; a malformed one is a 400.
pub fn parse_code(raw: &str) -> Result<AreaCode, AppError> {
    AreaCode::parse(raw).map_err(|_| AppError::Malformed("area_code".into()))
}

/// Parses an optional area filter from a form or query: malformed is a field error (422).
pub fn parse_filter(raw: Option<&str>, field: &str) -> Result<Option<AreaCode>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => AreaCode::parse(s)
            .map(Some)
            .map_err(|_| AppError::field(field, "area.malformed")),
    }
}

/// The area a form names by its 12-digit code, by its name ("南山区"), or by both as the
/// searchable list offers them ("南山区 440305000000"), inside `range` (the caller's scope;
/// `None` for national roles) and no deeper than `deepest`. Errors, on `field`:
/// `area_code.required` when empty, `area.malformed` for a code of the wrong shape,
/// `area.wrong_level` below `deepest`, `area.unknown` when no area of that code or name is in
/// scope (outside and unknown read the same), `area.ambiguous` when several names match (the
/// code then tells them apart).
pub async fn resolve_in_scope<C: ConnectionTrait>(
    conn: &C,
    raw: Option<&str>,
    field: &str,
    range: Option<(String, String)>,
    deepest: AreaLevel,
) -> Result<AreaCode, AppError> {
    let typed = raw
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::field(field, "area_code.required"))?;
    let in_range = |code: &str| {
        range
            .as_ref()
            .is_none_or(|(lo, hi)| lo.as_str() <= code && code <= hi.as_str())
    };
    let digits = typed
        .split_whitespace()
        .find(|t| t.bytes().all(|b| b.is_ascii_digit()));
    if let Some(digits) = digits {
        let code = AreaCode::parse(digits).map_err(|_| AppError::field(field, "area.malformed"))?;
        if !in_range(code.as_str()) || find(conn, &code).await?.is_none() {
            return Err(AppError::field(field, "area.unknown"));
        }
        if code.level() > deepest {
            return Err(AppError::field(field, "area.wrong_level"));
        }
        return Ok(code);
    }
    let mut q = area::Entity::find()
        .filter(area::Column::Name.eq(typed))
        .filter(area::Column::Level.lte(deepest as i16));
    if let Some((lo, hi)) = range {
        q = q.filter(area::Column::Code.between(lo, hi));
    }
    let found = q.limit(2).all(conn).await?;
    match found.as_slice() {
        [one] => AreaCode::parse(&one.code).map_err(|_| AppError::Internal),
        [] => Err(AppError::field(field, "area.unknown")),
        _ => Err(AppError::field(field, "area.ambiguous")),
    }
}

/// The areas inside `range` (the caller's scope; `None` for the whole country) from the top
/// down to `deepest`, by code, at most `bound` of them: the options of a searchable area field.
pub async fn in_scope_down_to<C: ConnectionTrait>(
    conn: &C,
    range: Option<(String, String)>,
    deepest: AreaLevel,
    bound: u64,
) -> Result<Vec<AreaView>, AppError> {
    let mut q = area::Entity::find().filter(area::Column::Level.lte(deepest as i16));
    if let Some((lo, hi)) = range {
        q = q.filter(area::Column::Code.between(lo, hi));
    }
    let rows = q
        .order_by_asc(area::Column::Code)
        .limit(bound)
        .all(conn)
        .await?;
    Ok(rows.iter().map(to_view).collect())
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    code: &AreaCode,
) -> Result<Option<area::Model>, AppError> {
    Ok(area::Entity::find_by_id(code.as_str().to_string())
        .one(db)
        .await?)
}

/// One area; 404 if the code is well-formed but unknown.
pub async fn get(db: &DatabaseConnection, code: &AreaCode) -> Result<AreaView, AppError> {
    find(db, code)
        .await?
        .map(|m| to_view(&m))
        .ok_or(AppError::NotFound)
}

/// The names of the given codes, in one query.
pub async fn names<C: ConnectionTrait>(
    db: &C,
    codes: &[String],
) -> Result<HashMap<String, String>, AppError> {
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = area::Entity::find()
        .filter(area::Column::Code.is_in(codes.iter().cloned()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|m| (m.code, m.name)).collect())
}

/// An area (or the whole country when `code` is `None`) with its ancestors and children.
pub async fn drill_down(
    db: &DatabaseConnection,
    code: Option<&AreaCode>,
) -> Result<AreaWithChildren, AppError> {
    let Some(code) = code else {
        return Ok(AreaWithChildren {
            area: None,
            ancestors: vec![],
            children: below(db, None).await?,
        });
    };
    let here = find(db, code).await?.ok_or(AppError::NotFound)?;
    let ancestor_codes: Vec<String> = code
        .ancestors()
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    let mut ancestors: Vec<area::Model> = if ancestor_codes.is_empty() {
        vec![]
    } else {
        area::Entity::find()
            .filter(area::Column::Code.is_in(ancestor_codes))
            .all(db)
            .await?
    };
    ancestors.sort_by_key(|a| a.level);
    let children = children_of(db, code).await?;
    Ok(AreaWithChildren {
        area: Some(to_view(&here)),
        ancestors: ancestors.iter().map(to_view).collect(),
        children,
    })
}

/// The areas directly below `code` by code; the provinces for the whole country (`None`).
pub async fn below<C: ConnectionTrait>(
    db: &C,
    code: Option<&AreaCode>,
) -> Result<Vec<AreaView>, AppError> {
    match code {
        Some(code) => children_of(db, code).await,
        None => {
            let provinces = area::Entity::find()
                .filter(area::Column::Level.eq(1))
                .order_by_asc(area::Column::Code)
                .all(db)
                .await?;
            Ok(provinces.iter().map(to_view).collect())
        }
    }
}

pub async fn children_of<C: ConnectionTrait>(
    db: &C,
    code: &AreaCode,
) -> Result<Vec<AreaView>, AppError> {
    let rows = area::Entity::find()
        .filter(area::Column::ParentCode.eq(code.as_str()))
        .order_by_asc(area::Column::Code)
        .all(db)
        .await?;
    Ok(rows.iter().map(to_view).collect())
}

/// The drill-down selects for an area filter: for each level from the province down, the
/// options and the chosen one; one more level of options below `code` while above `deepest`.
/// The lists come from `cache` when kept there.
pub async fn choices(
    db: &DatabaseConnection,
    cache: &AreaCache,
    code: Option<&AreaCode>,
    deepest: AreaLevel,
) -> Result<Vec<AreaChoice>, AppError> {
    let mut chain: Vec<AreaCode> = match code {
        Some(c) => {
            let mut a = c.ancestors();
            a.push(*c);
            a
        }
        None => vec![],
    };
    chain.retain(|c| c.level() <= deepest);
    let mut out = Vec::new();
    let provinces = cache.below("", below(db, None)).await?;
    out.push(AreaChoice {
        selected: chain.first().map(|c| c.as_str().to_string()),
        options: provinces.to_vec(),
    });
    for (i, parent) in chain.iter().enumerate() {
        if parent.level() >= deepest {
            break;
        }
        let options = cache
            .below(parent.as_str(), children_of(db, parent))
            .await?;
        if options.is_empty() {
            break;
        }
        out.push(AreaChoice {
            selected: chain.get(i + 1).map(|c| c.as_str().to_string()),
            options: options.to_vec(),
        });
    }
    Ok(out)
}

pub async fn count(db: &DatabaseConnection) -> Result<u64, AppError> {
    Ok(area::Entity::find().count(db).await?)
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: {reason}")]
    BadRow { line: usize, reason: String },
    #[error("reading the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
}

const BATCH: usize = 2_000;

/// The longest line read (a row is a 12-digit code, a name, a level and a parent code: well
/// under 200 bytes), and the most rows (the national file has 665,271): this system's bounds
/// for the area file, fixed before it is read.
pub const MAX_LINE_BYTES: u64 = 1024;
pub const MAX_ROWS: usize = 2_000_000;

/// Imports areas from CSV (`code,name,level,parent_code` with a header) in one transaction.
/// Idempotent: existing codes are updated in place, so a second run changes nothing.
/// `progress` is called with the number of rows done so far. A line longer than
/// [`MAX_LINE_BYTES`] or more than [`MAX_ROWS`] rows refuse the file (nothing is written).
pub async fn import_csv<R: BufRead>(
    db: &DatabaseConnection,
    mut reader: R,
    mut progress: impl FnMut(u64),
) -> Result<u64, ImportError> {
    let txn = db.begin_write().await?;
    let mut batch: Vec<area::ActiveModel> = Vec::with_capacity(BATCH);
    let mut done = 0u64;
    let mut raw = Vec::with_capacity(256);
    for i in 0.. {
        raw.clear();
        let read = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut raw)?;
        if read == 0 {
            break;
        }
        let bad = |reason: &str| ImportError::BadRow {
            line: i + 1,
            reason: reason.to_string(),
        };
        if raw.len() as u64 > MAX_LINE_BYTES {
            return Err(bad("line too long"));
        }
        if i > MAX_ROWS {
            return Err(bad("too many rows"));
        }
        let line = std::str::from_utf8(&raw).map_err(|_| bad("not UTF-8"))?;
        let line = line.trim_end_matches(['\n', '\r']);
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        batch.push(parse_row(line).map_err(|reason| bad(&reason))?);
        if batch.len() == BATCH {
            done += flush(&txn, &mut batch).await?;
            progress(done);
        }
    }
    done += flush(&txn, &mut batch).await?;
    progress(done);
    txn.commit().await?;
    Ok(done)
}

fn parse_row(line: &str) -> Result<area::ActiveModel, String> {
    let mut cols = line.split(',');
    let (Some(code), Some(name), Some(level), parent) =
        (cols.next(), cols.next(), cols.next(), cols.next())
    else {
        return Err("expected 4 columns".into());
    };
    let parsed = AreaCode::parse(code).map_err(|e| format!("code {code}: {e}"))?;
    if parsed.as_str() != code {
        return Err(format!("code {code} is not 12 digits"));
    }
    let level: i16 = level.trim().parse().map_err(|_| format!("level {level}"))?;
    if !(1..=5).contains(&level) || name.trim().is_empty() {
        return Err("bad level or empty name".into());
    }
    let parent = parent
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    Ok(area::ActiveModel {
        code: Set(code.to_string()),
        name: Set(name.trim().to_string()),
        level: Set(level),
        parent_code: Set(parent),
    })
}

async fn flush<C: ConnectionTrait>(
    conn: &C,
    batch: &mut Vec<area::ActiveModel>,
) -> Result<u64, sea_orm::DbErr> {
    if batch.is_empty() {
        return Ok(0);
    }
    let n = batch.len() as u64;
    area::Entity::insert_many(std::mem::take(batch))
        .on_conflict(
            OnConflict::column(area::Column::Code)
                .update_columns([
                    area::Column::Name,
                    area::Column::Level,
                    area::Column::ParentCode,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_or_say_why() {
        assert!(parse_row("110101001001,多福巷社区居委会,5,110101001000").is_ok());
        assert!(parse_row("110000000000,北京市,1,").is_ok());
        assert!(parse_row("1101,x,2,11").is_err());
        assert!(parse_row("110101001001,多福巷,9,110101001000").is_err());
        assert!(parse_row("110101001001").is_err());
    }
}
