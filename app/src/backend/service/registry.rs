//! The public registry of certified full-employment communities: search, detail, verification.
//! Public reads: no actor, and nothing personal in any answer.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

use super::areas;
use crate::backend::entity::certification;
use crate::backend::{AreaCache, RegistryCache};
use crate::domain::area_code::AreaCode;
use crate::domain::calendar::ymd;
use crate::domain::certification::{self as cert, CertStatus, Tier};
use crate::domain::paging::{Paging, PagingError};
use crate::domain::text::{TextError, like_pattern, search_term};
use crate::model::error::FieldErrors;
use crate::model::{AppError, CertificateView, CommunityDetail, CommunityItem, Page, SearchParams};

/// The longest name fragment searched for.
pub const MAX_QUERY_CHARS: usize = 50;

/// Search parameters after checking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Search {
    pub q: Option<String>,
    pub area: Option<AreaCode>,
    pub tier: Option<Tier>,
    pub paging: Paging,
}

/// Checks raw parameters; every problem is reported at once, per field.
pub fn check(params: &SearchParams) -> Result<Search, AppError> {
    let mut fields = FieldErrors::new();
    let q = match search_term(params.q.as_deref(), MAX_QUERY_CHARS) {
        Ok(q) => q,
        Err(TextError::TooLong { .. } | TextError::TooShort { .. }) => {
            fields.insert("q".into(), "q.too_long".into());
            None
        }
        Err(TextError::ControlChars) => {
            fields.insert("q".into(), "q.invalid".into());
            None
        }
    };
    let area = match areas::parse_filter(params.area.as_deref(), "area") {
        Ok(a) => a,
        Err(_) => {
            fields.insert("area".into(), "area.malformed".into());
            None
        }
    };
    let tier = match params
        .tier
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(t) => {
            let parsed = Tier::parse(t);
            if parsed.is_none() {
                fields.insert("tier".into(), "tier.unknown".into());
            }
            parsed
        }
    };
    let paging = match Paging::parse(params.page.as_deref(), params.per_page.as_deref()) {
        Ok(p) => p,
        Err(PagingError::Page) => {
            fields.insert("page".into(), "page.out_of_range".into());
            Paging::default()
        }
        Err(PagingError::PerPage) => {
            fields.insert("per_page".into(), "per_page.out_of_range".into());
            Paging::default()
        }
    };
    if fields.is_empty() {
        Ok(Search {
            q,
            area,
            tier,
            paging,
        })
    } else {
        Err(AppError::Invalid(fields))
    }
}

/// Searches the registry; a recent answer to the same search comes from `cache` (one request
/// reads it from the database while the others asking the same wait for it).
pub async fn search(
    db: &DatabaseConnection,
    cache: &RegistryCache,
    areas: &AreaCache,
    params: &SearchParams,
) -> Result<Page<CommunityItem>, AppError> {
    let s = check(params)?;
    cache.answer_or(s.clone(), search_db(db, areas, &s)).await
}

/// A name search counts its matches up to this many; past it the page says "more than 1,000"
/// (this system's default).
pub const COUNT_BOUND: u64 = 1_000;

/// The shortest fragment a trigram index serves (SQLite FTS5 `trigram`, Postgres `pg_trgm`).
const TRIGRAM: usize = 3;

/// A page of titles and its total, in one query: the total is kept per area and tier
/// (`registry_tally`) for a search without a name, and counted up to [`COUNT_BOUND`] for one
/// with a name.
async fn search_db(
    db: &DatabaseConnection,
    areas: &AreaCache,
    s: &Search,
) -> Result<Page<CommunityItem>, AppError> {
    let named = match s.q.as_deref() {
        Some(q) if db.get_database_backend() == DatabaseBackend::Sqlite => few_named(db, q).await?,
        _ => None,
    };
    let cond = conditions(s, named.as_deref());
    let total = match &s.q {
        None => kept_total(s),
        Some(_) => bounded_count(cond.clone()),
    };
    // Both descending, so the (year, certificate_no) index serves the order without a sort.
    let rows = certification::Entity::find()
        .select_only()
        .columns([
            certification::Column::CertificateNo,
            certification::Column::CommunityCode,
            certification::Column::CommunityName,
            certification::Column::Tier,
            certification::Column::Year,
            certification::Column::Status,
            certification::Column::IsDemo,
        ])
        .expr_as(total.clone(), "total")
        .filter(cond)
        .order_by_desc(certification::Column::Year)
        .order_by_desc(certification::Column::CertificateNo)
        .offset(s.paging.offset())
        .limit(s.paging.per_page)
        .into_model::<Listed>()
        .all(db)
        .await?;
    let counted = match rows.first() {
        Some(r) => r.total,
        // Past the last page (or nothing found): the total on its own.
        None => db
            .query_one(&Query::select().expr_as(total, "total").to_owned())
            .await?
            .map(|r| r.try_get::<i64>("", "total"))
            .transpose()?
            .unwrap_or(0),
    };
    let counted = u64::try_from(counted).unwrap_or(0);
    if counted == 0
        && let Some(code) = &s.area
        && areas::find(db, code).await?.is_none()
    {
        return Err(AppError::field("area", "area.unknown"));
    }
    let capped = s.q.is_some() && counted > COUNT_BOUND;
    let paths = area_paths(db, areas, rows.iter().map(|r| r.community_code.as_str())).await?;
    let items = rows
        .into_iter()
        .map(|r| CommunityItem {
            area_path: paths.get(&r.community_code).cloned().unwrap_or_default(),
            tier: Tier::parse(&r.tier).unwrap_or(Tier::Community),
            status: CertStatus::parse(&r.status).unwrap_or(CertStatus::Valid),
            certificate_no: r.certificate_no,
            community_code: r.community_code,
            community_name: r.community_name,
            year: r.year,
            is_demo: r.is_demo,
        })
        .collect();
    Ok(Page {
        items,
        total: if capped { COUNT_BOUND } else { counted },
        page: s.paging.page,
        per_page: s.paging.per_page,
        capped,
    })
}

/// One listed title and the search's total.
#[derive(Debug, FromQueryResult)]
struct Listed {
    certificate_no: String,
    community_code: String,
    community_name: String,
    tier: String,
    year: i32,
    status: String,
    is_demo: bool,
    total: i64,
}

/// On SQLite, the titles whose name holds `q`, from the trigram index, when it serves `q` and
/// finds at most [`COUNT_BOUND`] of them; `None` when the fragment is too short for the index
/// or common (the search then walks the titles in the list's order and stops at the page).
async fn few_named<C: ConnectionTrait>(db: &C, q: &str) -> Result<Option<Vec<i64>>, AppError> {
    let Some(term) = trigram_term(q) else {
        return Ok(None);
    };
    let probe = Query::select()
        .expr_as(Expr::cust("rowid"), "id")
        .from(Alias::new("certification_name"))
        .and_where(Expr::col(Alias::new("community_name")).like(LikeExpr::new(format!("%{term}%"))))
        .limit(COUNT_BOUND + 1)
        .to_owned();
    let ids: Vec<i64> = db
        .query_all(&probe)
        .await?
        .iter()
        .map(|r| r.try_get::<i64>("", "id"))
        .collect::<Result<_, _>>()?;
    Ok((ids.len() as u64 <= COUNT_BOUND).then_some(ids))
}

/// The search's filters; `named`, the titles a name index found (the `LIKE` on the title
/// itself keeps the result exact).
fn conditions(s: &Search, named: Option<&[i64]>) -> Condition {
    let mut cond = Condition::all();
    if let Some(code) = &s.area {
        let (lo, hi) = code.subtree_range();
        cond = cond.add(certification::Column::CommunityCode.between(lo, hi));
    }
    if let Some(tier) = s.tier {
        cond = cond.add(certification::Column::Tier.eq(tier.as_str()));
    }
    if let Some(ids) = named {
        cond = cond.add(certification::Column::Id.is_in(ids.iter().copied()));
    }
    if let Some(q) = &s.q {
        cond = cond.add(
            Expr::col((certification::Entity, certification::Column::CommunityName))
                .like(LikeExpr::new(like_pattern(q)).escape('\\')),
        );
    }
    cond
}

/// The fragment as a trigram index can look it up: three characters or more, and none that
/// `LIKE` reads as a wildcard or an escape (those are searched without the index).
fn trigram_term(q: &str) -> Option<&str> {
    (q.chars().count() >= TRIGRAM && !q.contains(['%', '_', '\\'])).then_some(q)
}

/// The total of a search without a name: the kept count of its area's subtree and tier.
fn kept_total(s: &Search) -> Expr {
    let prefix = s.area.map(|a| a.prefix().to_string()).unwrap_or_default();
    let mut q = Query::select();
    q.expr(Func::cast_as(
        Func::coalesce([
            Func::sum(Expr::col(Alias::new("titles"))).into(),
            Expr::val(0),
        ]),
        Alias::new("BIGINT"),
    ))
    .from(Alias::new("registry_tally"))
    .and_where(Expr::col(Alias::new("prefix")).eq(prefix));
    if let Some(tier) = s.tier {
        q.and_where(Expr::col(Alias::new("tier")).eq(tier.as_str()));
    }
    q.to_owned().into()
}

/// The matches of `cond`, counted up to one past [`COUNT_BOUND`].
fn bounded_count(cond: Condition) -> Expr {
    let matches = Query::select()
        .expr(Expr::val(1))
        .from(certification::Entity)
        .cond_where(cond)
        .limit(COUNT_BOUND + 1)
        .to_owned();
    Query::select()
        .expr(Func::cast_as(
            Func::count(Expr::val(1)),
            Alias::new("BIGINT"),
        ))
        .from_subquery(matches, Alias::new("found"))
        .to_owned()
        .into()
}

/// Names of the areas above each community (province … street), in one query.
async fn area_paths<'a, C: ConnectionTrait>(
    db: &C,
    areas: &AreaCache,
    communities: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, Vec<String>>, AppError> {
    let chains: Vec<(String, Vec<String>)> = communities
        .filter_map(|c| AreaCode::parse(c).ok())
        .map(|c| {
            (
                c.as_str().to_string(),
                c.ancestors()
                    .iter()
                    .map(|a| a.as_str().to_string())
                    .collect(),
            )
        })
        .collect();
    let mut all: Vec<String> = chains.iter().flat_map(|(_, a)| a.iter().cloned()).collect();
    all.sort();
    all.dedup();
    let names = areas
        .names(&all, |codes| async move { areas::names(db, &codes).await })
        .await?;
    Ok(chains
        .into_iter()
        .map(|(code, chain)| {
            (
                code,
                chain.iter().filter_map(|a| names.get(a).cloned()).collect(),
            )
        })
        .collect())
}

fn to_view(r: certification::Model, area_path: Vec<String>) -> CertificateView {
    CertificateView {
        certificate_no: r.certificate_no,
        community_code: r.community_code,
        community_name: r.community_name,
        area_path,
        tier: Tier::parse(&r.tier).unwrap_or(Tier::Community),
        year: r.year,
        issuer: r.issuer_name,
        status: CertStatus::parse(&r.status).unwrap_or(CertStatus::Valid),
        issued_on: ymd(r.issued_on),
        revoked_on: r.revoked_on.map(ymd),
        revoke_reason: r.revoke_reason,
        is_demo: r.is_demo,
    }
}

/// Verifies a certificate by its number. A malformed number is a field error; an unknown one 404.
pub async fn certificate(
    db: &DatabaseConnection,
    number: &str,
) -> Result<CertificateView, AppError> {
    let number = cert::normalise_number(number);
    if !cert::is_plausible_number(&number) {
        return Err(AppError::field("number", "certificate.malformed"));
    }
    let row = certification::Entity::find()
        .filter(certification::Column::CertificateNo.eq(&number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let paths = area_paths(
        db,
        &AreaCache::disabled(),
        std::iter::once(row.community_code.as_str()),
    )
    .await?;
    let path = paths.get(&row.community_code).cloned().unwrap_or_default();
    Ok(to_view(row, path))
}

/// A community with all its titles.
pub async fn community(db: &DatabaseConnection, code: &str) -> Result<CommunityDetail, AppError> {
    let code = areas::parse_code(code)?;
    let area = areas::find(db, &code).await?.ok_or(AppError::NotFound)?;
    let rows = certification::Entity::find()
        .filter(certification::Column::CommunityCode.eq(code.as_str()))
        .order_by_desc(certification::Column::Year)
        .order_by_asc(certification::Column::CertificateNo)
        .all(db)
        .await?;
    let paths = area_paths(db, &AreaCache::disabled(), std::iter::once(code.as_str())).await?;
    let path = paths.get(code.as_str()).cloned().unwrap_or_default();
    Ok(CommunityDetail {
        community_code: area.code,
        community_name: area.name,
        area_path: path.clone(),
        certificates: rows.into_iter().map(|r| to_view(r, path.clone())).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &str, area: &str, tier: &str, page: &str, per_page: &str) -> SearchParams {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        SearchParams {
            q: opt(q),
            area: opt(area),
            tier: opt(tier),
            page: opt(page),
            per_page: opt(per_page),
        }
    }

    #[test]
    fn every_bad_field_is_reported() {
        let long = "社".repeat(51);
        let Err(AppError::Invalid(fields)) = check(&params(&long, "12x", "gold", "0", "1000"))
        else {
            panic!("expected field errors");
        };
        assert_eq!(fields.get("q").map(String::as_str), Some("q.too_long"));
        assert_eq!(
            fields.get("area").map(String::as_str),
            Some("area.malformed")
        );
        assert_eq!(fields.get("tier").map(String::as_str), Some("tier.unknown"));
        assert_eq!(
            fields.get("page").map(String::as_str),
            Some("page.out_of_range")
        );
    }

    #[test]
    fn a_trigram_index_serves_three_characters_without_wildcards() {
        assert_eq!(trigram_term("南头城"), Some("南头城"));
        assert_eq!(trigram_term("幸福社区"), Some("幸福社区"));
        assert_eq!(trigram_term("社区"), None, "two characters hold no trigram");
        assert_eq!(trigram_term("ab"), None);
        assert_eq!(
            trigram_term("50%社区"),
            None,
            "a wildcard is searched as it is"
        );
        assert_eq!(trigram_term("a_b"), None);
        assert_eq!(trigram_term("a\\bc"), None);
    }

    #[test]
    fn good_parameters_pass() {
        let s = check(&params("社区", "4403", "provincial_star", "2", "10")).expect("valid");
        assert_eq!(s.q.as_deref(), Some("社区"));
        assert_eq!(
            s.area.map(|a| a.as_str().to_string()).as_deref(),
            Some("440300000000")
        );
        assert_eq!(s.tier, Some(Tier::ProvincialStar));
        assert_eq!(
            s.paging,
            Paging {
                page: 2,
                per_page: 10
            }
        );
    }
}
