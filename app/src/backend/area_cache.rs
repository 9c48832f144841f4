//! The area tree as the public pages read it, kept in memory: the names on a title's path and
//! the options of the drill-down selects.
//!
//! The tree changes only when the national division codes are imported again (a few times a
//! year), so its copies are kept for `AREA_CACHE_SECONDS` (this system's default 300 s; 0 keeps
//! nothing). An import through this server drops them at once; other instances sharing the
//! database show the new tree when their copies expire. Concurrent requests for one missing
//! list of children read it once; the others wait for it.

use moka::future::Cache;
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::backend::kept::kept_or;
use crate::model::{AppError, AreaView};

/// How many areas' names, and lists of children, are kept at most (this system's default).
const CAPACITY: u64 = 200_000;

#[derive(Clone)]
pub struct AreaCache {
    kept: Option<Kept>,
}

#[derive(Clone)]
struct Kept {
    /// An area's name by its 12-digit code; `None` for a code that is not in the tree.
    names: Cache<String, Option<String>>,
    /// The children of an area by its code (`""` for the provinces), ordered by code.
    children: Cache<String, Arc<Vec<AreaView>>>,
}

impl AreaCache {
    /// Keeps what was read for `ttl`; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration) -> AreaCache {
        if ttl.is_zero() {
            return AreaCache::disabled();
        }
        AreaCache {
            kept: Some(Kept {
                names: Cache::builder()
                    .max_capacity(CAPACITY)
                    .time_to_live(ttl)
                    .build(),
                children: Cache::builder()
                    .max_capacity(CAPACITY)
                    .time_to_live(ttl)
                    .build(),
            }),
        }
    }

    /// A cache that keeps nothing: every read goes to the database.
    pub fn disabled() -> AreaCache {
        AreaCache { kept: None }
    }

    /// The names of `codes` (12-digit codes); codes not in the tree are left out. `read`
    /// (given the codes not kept) is called at most once.
    pub async fn names<F, Fut>(
        &self,
        codes: &[String],
        read: F,
    ) -> Result<HashMap<String, String>, AppError>
    where
        F: FnOnce(Vec<String>) -> Fut,
        Fut: Future<Output = Result<HashMap<String, String>, AppError>>,
    {
        let Some(kept) = &self.kept else {
            return read(codes.to_vec()).await;
        };
        let mut found = HashMap::with_capacity(codes.len());
        let mut missing = Vec::new();
        for code in codes {
            match kept.names.get(code).await {
                Some(Some(name)) => {
                    found.insert(code.clone(), name);
                }
                Some(None) => {}
                None => missing.push(code.clone()),
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let read = read(missing.clone()).await?;
        for code in missing {
            let name = read.get(&code).cloned();
            kept.names.insert(code.clone(), name.clone()).await;
            if let Some(name) = name {
                found.insert(code, name);
            }
        }
        Ok(found)
    }

    /// The children of the area `code` (`""` for the provinces), as `read` gives them when
    /// they are not kept. Concurrent callers for one missing list wait for one `read`.
    pub async fn below<F>(&self, code: &str, read: F) -> Result<Arc<Vec<AreaView>>, AppError>
    where
        F: Future<Output = Result<Vec<AreaView>, AppError>>,
    {
        kept_or(
            self.kept.as_ref().map(|k| &k.children),
            code.to_string(),
            read,
        )
        .await
    }

    /// Drops everything kept: call after the tree was imported.
    pub fn invalidate(&self) {
        if let Some(kept) = &self.kept {
            kept.names.invalidate_all();
            kept.children.invalidate_all();
        }
    }
}

impl std::fmt::Debug for AreaCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AreaCache")
            .field("enabled", &self.kept.is_some())
            .finish()
    }
}
