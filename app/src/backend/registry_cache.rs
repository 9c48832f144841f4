//! Answers of the public registry search and the public pages built from it, kept for a few
//! seconds.
//!
//! The registry changes a few times a year and is read by the public all day, mostly with the
//! same few questions (the front page, a province, a city). An answer, and the page an anonymous
//! visitor was sent, is kept for a short time (`REGISTRY_CACHE_SECONDS`); a write through this
//! server drops everything at once. Every write of titles, by any instance or command, moves
//! the registry's generation in the database; each server reads it every second
//! ([`RegistryCache::follow`]) and drops what it kept when it moved, so another instance's
//! write shows within about a second. When an answer is missing or expired, one request reads
//! it from the database and the others asking the same wait for that answer (no stampede).

use axum::body::Bytes;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use crate::backend::kept::kept_or;
use crate::backend::service::registry::Search;
use crate::model::{AppError, CommunityItem, Page};

/// How many distinct searches, and pages, are kept at most.
const CAPACITY: u64 = 10_000;

/// A rendered public page as it was sent to an anonymous visitor.
#[derive(Clone, Debug)]
pub struct PublicPage {
    pub content_type: String,
    /// The page's Content-Security-Policy (it names the nonce of the page's inline scripts).
    pub content_security_policy: Option<String>,
    pub body: Bytes,
}

/// A response that is not kept (another status than 200, a cookie set, too large).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotKept;

#[derive(Clone)]
pub struct RegistryCache {
    answers: Option<moka::future::Cache<Search, Arc<Page<CommunityItem>>>>,
    pages: Option<moka::future::Cache<String, PublicPage>>,
    /// The registry's generation last seen (`i64::MIN` before the first look).
    generation: Arc<AtomicI64>,
}

impl RegistryCache {
    /// Keeps each answer for `ttl`; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration) -> RegistryCache {
        if ttl.is_zero() {
            return RegistryCache::disabled();
        }
        RegistryCache {
            answers: Some(
                moka::future::Cache::builder()
                    .max_capacity(CAPACITY)
                    .time_to_live(ttl)
                    .build(),
            ),
            pages: Some(
                moka::future::Cache::builder()
                    .max_capacity(CAPACITY)
                    .time_to_live(ttl)
                    .build(),
            ),
            generation: Arc::new(AtomicI64::new(i64::MIN)),
        }
    }

    /// A cache that keeps nothing (tests that write and read at once).
    pub fn disabled() -> RegistryCache {
        RegistryCache {
            answers: None,
            pages: None,
            generation: Arc::new(AtomicI64::new(i64::MIN)),
        }
    }

    /// The answer kept for `search`, or the one `read` gives (kept unless it failed). Errors:
    /// `read`'s, handed to every request that waited for it.
    pub async fn answer_or<F>(
        &self,
        search: Search,
        read: F,
    ) -> Result<Page<CommunityItem>, AppError>
    where
        F: Future<Output = Result<Page<CommunityItem>, AppError>>,
    {
        kept_or(self.answers.as_ref(), search, read)
            .await
            .map(|p| Page::clone(&p))
    }

    /// A page kept under `key` (the language and the address).
    pub async fn page(&self, key: &str) -> Option<PublicPage> {
        self.pages.as_ref()?.get(key).await
    }

    pub async fn put_page(&self, key: String, page: PublicPage) {
        if let Some(pages) = &self.pages {
            pages.insert(key, page).await;
        }
    }

    /// The page kept under `key`, or the one `make` gives: made once while the other requests
    /// for it wait (no stampede when a page expires). `Err` when `make` gave nothing to keep,
    /// or, for a waiting request, when the one it waited for did.
    pub async fn page_or<F>(&self, key: String, make: F) -> Result<PublicPage, NotKept>
    where
        F: Future<Output = Result<PublicPage, NotKept>>,
    {
        match &self.pages {
            None => make.await,
            Some(pages) => pages.try_get_with(key, make).await.map_err(|_| NotKept),
        }
    }

    /// Takes in the registry's generation as read from the database: when it moved since the
    /// last look, everything kept is dropped (another instance, or a command, wrote titles).
    /// Returns whether it dropped.
    pub fn follow(&self, generation: i64) -> bool {
        let seen = self.generation.swap(generation, Ordering::SeqCst);
        let moved = seen != i64::MIN && seen != generation;
        if moved {
            self.invalidate();
        }
        moved
    }

    /// Drops every kept answer and page: call after any write to certifications.
    pub fn invalidate(&self) {
        if let Some(answers) = &self.answers {
            answers.invalidate_all();
        }
        if let Some(pages) = &self.pages {
            pages.invalidate_all();
        }
    }
}

impl std::fmt::Debug for RegistryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistryCache")
            .field("enabled", &self.answers.is_some())
            .field("pages", &self.pages.as_ref().map(|p| p.entry_count()))
            .finish()
    }
}
