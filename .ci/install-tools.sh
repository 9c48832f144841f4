#!/usr/bin/env bash
# Installs the build tools this project needs when they are missing, from the package
# registries only (no prebuilt downloads: cargo-leptos would otherwise try GitHub and fail).
#   - the wasm32-unknown-unknown target
#   - Debian's fonts-wqy-microhei (the card PDF's CJK font)
#   - wasm-bindgen CLI, exactly the version pinned in Cargo.lock
#   - cargo-leptos 0.3.11
#   - wasm-opt 116 (binaryen), built from the `wasm-opt` crate: Debian's binaryen 108 writes the
#     wasm-bindgen externref table export against the wrong table, and the release page fails
#     to start (`WebAssembly.Table.set(): Argument 1 is invalid for table`)
# Usage: .ci/install-tools.sh [--e2e]   (--e2e also installs chromium and the Playwright package)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

CARGO_LEPTOS_VERSION=0.3.11
WASM_OPT_CRATE_VERSION=0.116.1
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

# Build installed tools without fat LTO: they run for seconds, and this saves ~15 min on 2 cores.
export CARGO_PROFILE_RELEASE_LTO=off
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

need_apt=()
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
# The CJK font the server sets the 就业援助卡 PDF in (it embeds only the glyphs used).
[[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || -n "${JICENG_CJK_FONT:-}" ]] || need_apt+=(fonts-wqy-microhei)
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
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from source (about 8 minutes on 2 cores)"
  src=$(crate_src wasm-bindgen-cli "$WASM_BINDGEN_VERSION")
  # Its lockfile names a webpki-roots patch release the registry mirror lacks.
  (cd "$src" && (cargo update -q -p webpki-roots --precise 1.0.10 2>/dev/null || true) \
     && cargo install -q --locked --path . --force)
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "building cargo-leptos $CARGO_LEPTOS_VERSION from source (about 10 minutes on 2 cores)"
  src=$(crate_src cargo-leptos "$CARGO_LEPTOS_VERSION")
  # Its lockfile has cargo-util-schemas 0.14.2, which needs a newer rustc than 1.95.
  (cd "$src" && (cargo update -q -p cargo-util-schemas --precise 0.14.1 2>/dev/null || true) \
     && cargo install -q --locked --path . --force)
fi

# wasm-opt on PATH must be binaryen 116 or newer (see the top of this file).
wasm_opt_version=$(wasm-opt --version 2>/dev/null | awk '{print $3}' || true)
if [[ -z "$wasm_opt_version" || "$wasm_opt_version" -lt 116 ]]; then
  say "building wasm-opt (binaryen 116) from the wasm-opt crate (about 12 minutes on 2 cores)"
  cargo install -q --locked wasm-opt --version "$WASM_OPT_CRATE_VERSION" --force
  wasm_opt_version=$(wasm-opt --version 2>/dev/null | awk '{print $3}' || true)
  if [[ "${wasm_opt_version:-0}" -lt 116 ]]; then
    echo "an older wasm-opt ($(command -v wasm-opt)) comes before ~/.cargo/bin on PATH; remove it" >&2
    exit 1
  fi
fi

if [[ "${1:-}" == "--e2e" && ! -d end2end/node_modules/@playwright/test ]]; then
  say "installing Playwright (the npm package only; Debian's chromium is the browser)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
say "tools ready"
