#!/usr/bin/env bash
# Installs the build tools this project needs when they are missing, from the package
# registries only (nothing prebuilt is downloaded from elsewhere):
#   - the wasm32-unknown-unknown target
#   - Debian's fonts-wqy-microhei (the PDFs' CJK font) and fonts-hanazono (their fallback for
#     the ideographs of Extension B and later)
#   - wasm-bindgen CLI, exactly the version pinned in Cargo.lock (built from crates.io, ~1.5 min)
#   - wasm-opt: binaryen 132 from the npm registry (.ci/tools, runs under Node, ~2 s). Debian's
#     binaryen 108 writes the wasm-bindgen externref table export against the wrong table, and
#     the release page fails to start (`WebAssembly.Table.set(): Argument 1 is invalid for table`)
# The release build itself is .ci/build-site.sh (cargo, wasm-bindgen, wasm-opt): no cargo-leptos.
# Usage: .ci/install-tools.sh [--e2e]   (--e2e also installs chromium and the Playwright package)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

# Build installed tools without fat LTO: they run for seconds, and this saves minutes on 2 cores.
export CARGO_PROFILE_RELEASE_LTO=off
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

need_apt=()
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
# The CJK font the server sets the 就业援助卡 PDF in (it embeds only the glyphs used).
[[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || -n "${JICENG_CJK_FONT:-}" ]] || need_apt+=(fonts-wqy-microhei)
# The fallback for the ideographs beyond the main font (Extension B and later, such as 𠮷).
[[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ]] || need_apt+=(fonts-hanazono)
if [[ "${1:-}" == "--e2e" ]]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
fi
if ((${#need_apt[@]})); then
  say "installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Unpack a crate's source from the registry cache, fetching it first if needed.
crate_src() {
  local name=$1 version=$2 dir
  dir=$(mktemp -d)
  local cached
  cached=$(ls ~/.cargo/registry/cache/*/"$name-$version.crate" 2>/dev/null | head -n1 || true)
  if [[ -z "$cached" ]]; then
    # A throwaway manifest makes cargo download exactly this crate into its cache.
    mkdir -p "$dir/fetch/src"
    printf '[package]\nname="fetch-tmp"\nversion="0.0.0"\nedition="2021"\n[dependencies]\n%s = "=%s"\n' "$name" "$version" >"$dir/fetch/Cargo.toml"
    touch "$dir/fetch/src/lib.rs"
    (cd "$dir/fetch" && cargo fetch -q >/dev/null 2>&1 || cargo generate-lockfile -q >/dev/null 2>&1 || true)
    cached=$(ls ~/.cargo/registry/cache/*/"$name-$version.crate" 2>/dev/null | head -n1 || true)
  fi
  [[ -n "$cached" ]] || { echo "cannot fetch $name $version" >&2; return 1; }
  tar -xzf "$cached" -C "$dir"
  echo "$dir/$name-$version"
}

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from source (about 1.5 minutes on 2 cores)"
  src=$(crate_src wasm-bindgen-cli "$WASM_BINDGEN_VERSION")
  # Its lockfile names a webpki-roots patch release the registry mirror lacks.
  (cd "$src" && (cargo update -q -p webpki-roots --precise 1.0.10 2>/dev/null || true) \
     && cargo install -q --locked --path . --force)
fi

# wasm-opt (binaryen 132) and nothing else, pinned with its hash in .ci/tools/package-lock.json.
if [[ "$(.ci/tools/node_modules/.bin/wasm-opt --version 2>/dev/null || true)" != *"version 132"* ]]; then
  say "installing wasm-opt (binaryen 132 from the npm registry)"
  (cd .ci/tools && npm ci --no-audit --no-fund --loglevel=error)
fi

if [[ "${1:-}" == "--e2e" && ! -d end2end/node_modules/@playwright/test ]]; then
  say "installing Playwright (the npm package only; Debian's chromium is the browser)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
say "tools ready"
