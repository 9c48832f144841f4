#!/usr/bin/env bash
# Prints the build directory (CARGO_TARGET_DIR) kept outside the clone for this tree, and
# creates it: $JICENG_BUILD_CACHE (default ~/.cache/jiceng-build)/target-<key>, where <key> is
# the first 16 hex digits of SHA-256 over the compiler's version (rustc -vV), RUSTFLAGS, the
# toolchain file, Cargo.lock and every Cargo.toml (dependencies, features, profiles), and, when
# set, CARGO_ENCODED_RUSTFLAGS, CARGO_PROFILE_*, per-target RUSTFLAGS and cargo config files. A
# change of any of them starts a fresh directory (cargo's own fingerprints decide within one).
# One CI run at a time per machine: two runs of the same key would share release/ and site/.
# Directories not used for 7 days, and all but the 3 most recently used, are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${JICENG_BUILD_CACHE:-$HOME/.cache/jiceng-build}
compiler=$(rustc -vV) || { echo "rustc -vV failed: no Rust toolchain?" >&2; exit 1; }
key=$({
  printf '%s\n' "$compiler"
  printf 'RUSTFLAGS=%s\n' "${RUSTFLAGS:-}"
  for f in rust-toolchain.toml Cargo.lock Cargo.toml app/Cargo.toml server/Cargo.toml frontend/Cargo.toml; do
    printf '== %s\n' "$f"
    cat "$f"
  done
  # Other settings that change what cargo builds, when present.
  env | grep -E '^(CARGO_ENCODED_RUSTFLAGS|CARGO_PROFILE_|CARGO_TARGET_[A-Z0-9_]+_RUSTFLAGS|CARGO_BUILD_)' | sort || true
  for f in .cargo/config.toml .cargo/config "$HOME/.cargo/config.toml" "$HOME/.cargo/config"; do
    [[ -f "$f" ]] && { printf '== %s\n' "$f"; cat "$f"; }
  done
  true
} | sha256sum | cut -c1-16)
dir=$root/target-$key
mkdir -p "$dir"
touch "$dir"
# Prune: keep this one, the two others used last, nothing older than a week.
ls -1dt "$root"/target-* 2>/dev/null | tail -n +4 | while read -r old; do
  [[ "$old" == "$dir" ]] || rm -rf "$old"
done
find "$root" -maxdepth 1 -name 'target-*' -mtime +7 ! -path "$dir" -exec rm -rf {} + 2>/dev/null || true
echo "$dir"
