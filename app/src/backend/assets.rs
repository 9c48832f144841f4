//! The browser bundle's file names under `/pkg`, named by content hash at build time.
//!
//! `.ci/site.mjs` writes `pkg/assets.json` beside the files: `{"app": "jiceng-<h>", "css":
//! "jiceng-<c>.css"}` where `<h>` and `<c>` are 16 hex digits of SHA-256 over the JS glue and
//! WASM, and over the stylesheet. The JS glue is `{app}.js`, the WASM `{app}_bg.wasm`. A name
//! that carries its hash never changes content, so it is served as immutable (this system's
//! default: one year, the longest HTTP caches honour).

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The manifest's file name inside the site's `pkg/` directory.
pub const MANIFEST: &str = "assets.json";

/// The longest manifest read (bytes); the real one is about 70.
const MAX_MANIFEST_BYTES: u64 = 4096;

/// Digits of the content hash in a file name.
const HASH_DIGITS: usize = 16;

/// The names of the bundle's files under `/pkg`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SiteAssets {
    /// Stem of the JS glue (`{app}.js`) and the WASM (`{app}_bg.wasm`); Leptos's output name.
    pub app: String,
    /// The stylesheet's file name.
    pub css: String,
}

impl Default for SiteAssets {
    /// The names of a build without hashes (no manifest): `jiceng.js`, `jiceng_bg.wasm`,
    /// `jiceng.css`.
    fn default() -> Self {
        SiteAssets {
            app: "jiceng".into(),
            css: "jiceng.css".into(),
        }
    }
}

/// Why the manifest could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AssetsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is larger than {MAX_MANIFEST_BYTES} bytes")]
    TooLarge { path: PathBuf },
    #[error("{path} is not a valid manifest: {source}")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path} names {name:?}, which is not a plain file name")]
    BadName { path: PathBuf, name: String },
}

impl SiteAssets {
    /// Reads `{site_root}/{pkg_dir}/assets.json`. `Ok(None)` when there is none (a build
    /// without hashed names); an error when it exists but cannot be read, is over 4 KiB, is not
    /// the JSON above, or names something other than a plain file name.
    pub fn load(site_root: &Path, pkg_dir: &str) -> Result<Option<SiteAssets>, AssetsError> {
        let path = site_root.join(pkg_dir).join(MANIFEST);
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(AssetsError::Read { path, source }),
        };
        let mut text = String::new();
        file.take(MAX_MANIFEST_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|source| AssetsError::Read {
                path: path.clone(),
                source,
            })?;
        if text.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(AssetsError::TooLarge { path });
        }
        let assets: SiteAssets =
            serde_json::from_str(&text).map_err(|source| AssetsError::Parse {
                path: path.clone(),
                source,
            })?;
        for name in [&assets.app, &assets.css] {
            if !is_plain_name(name) {
                return Err(AssetsError::BadName {
                    path,
                    name: name.clone(),
                });
            }
        }
        Ok(Some(assets))
    }

    /// The files the manifest names (`{app}.js`, `{app}_bg.wasm`, the stylesheet) that are not
    /// in `{site_root}/{pkg_dir}`: empty for a complete build.
    pub fn missing_files(&self, site_root: &Path, pkg_dir: &str) -> Vec<String> {
        let dir = site_root.join(pkg_dir);
        [
            format!("{}.js", self.app),
            format!("{}_bg.wasm", self.app),
            self.css.clone(),
        ]
        .into_iter()
        .filter(|name| !dir.join(name).is_file())
        .collect()
    }

    /// The stylesheet's address, e.g. `/pkg/jiceng-0123456789abcdef.css`.
    pub fn stylesheet_href(&self, pkg_dir: &str) -> String {
        format!("/{pkg_dir}/{}", self.css)
    }
}

/// ASCII letters, digits, `-`, `_` and `.` only, not starting with a dot: nothing that leaves
/// the directory or needs escaping in a page.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Whether a file name carries a content hash as the build writes it: a stem (which may hold
/// dashes itself), `-`, 16 lowercase hex digits, then `.` or `_` (e.g.
/// `jiceng-0123456789abcdef_bg.wasm`). Such a file is never rewritten under the same name.
pub fn is_hashed(name: &str) -> bool {
    let Some((stem, rest)) = name.rsplit_once('-') else {
        return false;
    };
    let digits = rest.as_bytes();
    !stem.is_empty()
        && is_plain_name(name)
        && digits.len() > HASH_DIGITS
        && digits[..HASH_DIGITS]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        && matches!(digits[HASH_DIGITS], b'.' | b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_the_ones_the_build_writes() {
        assert!(is_hashed("jiceng-0123456789abcdef.js"));
        assert!(is_hashed("jiceng-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("jiceng-fedcba9876543210.css"));
        assert!(is_hashed("my-app-fedcba9876543210.css"));
        // No hash, a short or upper-case hash, nothing after it, a path.
        assert!(!is_hashed("jiceng.js"));
        assert!(!is_hashed("jiceng_bg.wasm"));
        assert!(!is_hashed("jiceng-0123456789abcde.js"));
        assert!(!is_hashed("jiceng-0123456789ABCDEF.js"));
        assert!(!is_hashed("jiceng-0123456789abcdef"));
        assert!(!is_hashed("jiceng-0123456789abcdefX.js"));
        assert!(!is_hashed("-0123456789abcdef.js"));
        assert!(!is_hashed("../jiceng-0123456789abcdef.js"));
        assert!(!is_hashed("assets.json"));
    }

    fn site_with(manifest: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("pkg")).expect("pkg");
        std::fs::write(dir.path().join("pkg").join(MANIFEST), manifest).expect("manifest");
        dir
    }

    #[test]
    fn the_manifest_names_the_files() {
        let site =
            site_with(r#"{"app":"jiceng-0123456789abcdef","css":"jiceng-fedcba9876543210.css"}"#);
        let assets = SiteAssets::load(site.path(), "pkg")
            .expect("loads")
            .expect("present");
        assert_eq!(assets.app, "jiceng-0123456789abcdef");
        assert_eq!(
            assets.stylesheet_href("pkg"),
            "/pkg/jiceng-fedcba9876543210.css"
        );
        // Only the manifest is there: all three files are missing, then none.
        assert_eq!(assets.missing_files(site.path(), "pkg").len(), 3);
        for name in [
            "jiceng-0123456789abcdef.js",
            "jiceng-0123456789abcdef_bg.wasm",
            "jiceng-fedcba9876543210.css",
        ] {
            std::fs::write(site.path().join("pkg").join(name), "x").expect("file");
        }
        assert!(assets.missing_files(site.path(), "pkg").is_empty());
    }

    #[test]
    fn no_manifest_is_a_build_without_hashes() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(SiteAssets::load(dir.path(), "pkg").expect("no error"), None);
        assert_eq!(
            SiteAssets::default().stylesheet_href("pkg"),
            "/pkg/jiceng.css"
        );
    }

    #[test]
    fn a_bad_manifest_is_refused_with_its_reason() {
        let site = site_with("not json");
        assert!(matches!(
            SiteAssets::load(site.path(), "pkg"),
            Err(AssetsError::Parse { .. })
        ));
        let site = site_with(r#"{"app":"../../etc/passwd","css":"a.css"}"#);
        assert!(matches!(
            SiteAssets::load(site.path(), "pkg"),
            Err(AssetsError::BadName { .. })
        ));
        let site = site_with(r#"{"app":"a\"><script>","css":"a.css"}"#);
        assert!(matches!(
            SiteAssets::load(site.path(), "pkg"),
            Err(AssetsError::BadName { .. })
        ));
        let site = site_with(&" ".repeat(5000));
        assert!(matches!(
            SiteAssets::load(site.path(), "pkg"),
            Err(AssetsError::TooLarge { .. })
        ));
    }
}
