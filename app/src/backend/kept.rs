//! The one rule every kept answer follows (registry search, dashboards, area lists): read from
//! the cache when it holds the key, else made by one request while the others asking for the
//! same key wait for it (no stampede when an answer expires). A failed build is not kept; its
//! error goes to every request that waited.

use moka::future::Cache;
use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;

use crate::model::AppError;

/// The answer kept under `key` in `cache`, or the one `build` gives (kept unless it failed);
/// with no cache (keeping switched off), `build`'s answer. Errors: `build`'s.
pub async fn kept_or<K, V, F>(
    cache: Option<&Cache<K, Arc<V>>>,
    key: K,
    build: F,
) -> Result<Arc<V>, AppError>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Send + Sync + 'static,
    F: Future<Output = Result<V, AppError>>,
{
    match cache {
        None => build.await.map(Arc::new),
        Some(cache) => cache
            .try_get_with(key, async { build.await.map(Arc::new) })
            .await
            .map_err(|e| AppError::clone(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn one_build_serves_every_waiting_request_and_a_failure_is_not_kept() {
        let cache: Cache<u32, Arc<String>> = Cache::new(10);
        let builds = Arc::new(AtomicUsize::new(0));
        let build = |builds: Arc<AtomicUsize>| async move {
            builds.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Ok::<_, AppError>("答".to_string())
        };
        let mut waiting = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (cache, builds) = (cache.clone(), builds.clone());
            waiting.spawn(async move { kept_or(Some(&cache), 1, build(builds)).await });
        }
        while let Some(answer) = waiting.join_next().await {
            let answer = answer.expect("joined");
            assert_eq!(answer.as_deref().map(String::as_str), Ok("答"));
        }
        assert_eq!(builds.load(Ordering::SeqCst), 1);

        let failed = kept_or(Some(&cache), 2, async {
            Err::<String, _>(AppError::NotFound)
        })
        .await;
        assert_eq!(failed, Err(AppError::NotFound));
        let again = kept_or(Some(&cache), 2, async {
            Ok::<_, AppError>("后".to_string())
        })
        .await;
        assert_eq!(again.as_deref().map(String::as_str), Ok("后"));

        // Without a cache every request builds.
        kept_or(None, 1, build(builds.clone()))
            .await
            .expect("built");
        assert_eq!(builds.load(Ordering::SeqCst), 2);
    }
}
