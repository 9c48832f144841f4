#!/usr/bin/env bash
# Builds the release: the server binary and the browser bundle, with cargo, the wasm-bindgen CLI
# and wasm-opt alone (what cargo-leptos did, without building cargo-leptos first):
#   1. the server (`--release`) and the hydrate library (`wasm-release`, wasm32) side by side, in
#      two target directories so that neither waits for the other's lock;
#   2. wasm-bindgen (JS glue for the browser), wasm-opt -Oz (binaryen 132 from npm);
#   3. the stylesheet; then .ci/site.mjs names every file by its content hash, writes the brotli
#      and gzip files beside them and the manifest the server reads (pkg/assets.json).
# Output: $CARGO_TARGET_DIR/release/jiceng and $CARGO_TARGET_DIR/site (default target/).
# Each step's time is printed; a failed step stops the build with its cargo output.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
site=$target/site
wasm_opt=.ci/tools/node_modules/.bin/wasm-opt
say() { printf '\033[1;34m[build]\033[0m %s\n' "$*"; }
now() { date +%s; }

wbg_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wbg_version" || ! "$wasm_opt" --version >/dev/null 2>&1; then
  echo "the wasm-bindgen CLI $wbg_version or wasm-opt ($wasm_opt) is missing: run bash .ci/install-tools.sh first" >&2
  exit 1
fi

# BUILD_TIMINGS=1: cargo's timing reports (target/cargo-timings/) for both builds.
timings=()
[[ -n "${BUILD_TIMINGS:-}" ]] && timings=(--timings)

t0=$(now)
say "server (release) and browser bundle (wasm-release) side by side"
cargo build --locked "${timings[@]}" --release -p server --bin jiceng &
server_pid=$!
cargo build --locked "${timings[@]}" --profile wasm-release --target wasm32-unknown-unknown -p frontend \
  --target-dir "$target/front" &
front_pid=$!
front_ok=0
server_ok=0
wait "$front_pid" || front_ok=$?
t_front=$(now)
wait "$server_pid" || server_ok=$?
t_server=$(now)
if ((front_ok != 0 || server_ok != 0)); then
  echo "build failed (browser bundle: exit $front_ok, server: exit $server_ok)" >&2
  exit 1
fi
say "browser bundle compiled by $((t_front - t0)) s, server by $((t_server - t0)) s"

stage=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-site.XXXXXX")
trap 'rm -rf "$stage"' EXIT
t1=$(now)
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name jiceng \
  "$target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm"
t2=$(now)
# The features rustc enables by default for wasm32-unknown-unknown (Rust ≥ 1.82).
"$wasm_opt" -Oz --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  "$stage/jiceng_bg.wasm" -o "$stage/jiceng_bg.wasm"
t3=$(now)
cp style/main.css "$stage/jiceng.css"
node .ci/site.mjs "$stage" "$site/pkg"
t4=$(now)
say "wasm-bindgen $((t2 - t1)) s, wasm-opt $((t3 - t2)) s, hashing and compression $((t4 - t3)) s"
say "done in $((t4 - t0)) s: $target/release/jiceng, $site/pkg"
