#!/usr/bin/env bash
# Measures `make serve` as a new user meets it: a clean clone, no build tools of this project
# installed (no wasm-bindgen CLI, no wasm-opt), an empty target directory; the clock stops when
# the first page (/) answers 200. Debian packages, Rust, Node and the registries' caches stay as
# they are. Nothing of the user's is touched: tools go to a throwaway install root, the clone
# and its database to a temporary directory (removed at the end; KEEP=1 keeps it).
#   bash .ci/time-fresh-serve.sh [REPO]     (default: this checkout's committed HEAD)
set -euo pipefail
repo=$(realpath "${1:-$(dirname "$0")/..}")
work=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-fresh.XXXXXX")
port=${PORT:-3977}
cleanup() {
  [[ -n "${pid:-}" ]] && { kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; }
  [[ -n "${KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

# A PATH with cargo and rustup but none of the tools installed into ~/.cargo/bin.
mkdir -p "$work/bin" "$work/tools/bin"
for tool in cargo rustc rustup rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver; do
  [[ -e "$HOME/.cargo/bin/$tool" ]] && ln -s "$HOME/.cargo/bin/$tool" "$work/bin/$tool"
done
export PATH="$work/tools/bin:$work/bin:$(printf '%s' "$PATH" | tr ':' '\n' | grep -v "$HOME/.cargo/bin" | paste -sd:)"
export CARGO_INSTALL_ROOT="$work/tools"
unset CARGO_TARGET_DIR
if command -v wasm-bindgen >/dev/null; then
  echo "wasm-bindgen is still on PATH ($(command -v wasm-bindgen)): cannot measure a fresh machine" >&2
  exit 1
fi

git clone -q "$repo" "$work/clone"
cd "$work/clone"
start=$(date +%s)
echo "[fresh] $(date -u +%FT%TZ) make serve in $work/clone"
setsid bash -c "LEPTOS_SITE_ADDR=127.0.0.1:$port DATABASE_URL='sqlite://$work/jiceng.db?mode=rwc' make serve" \
  >"$work/serve.log" 2>&1 &
pid=$!
while ! curl -fso /dev/null "http://127.0.0.1:$port/"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -40 "$work/serve.log" >&2
    echo "make serve stopped before serving" >&2
    exit 1
  fi
  sleep 2
done
end=$(date +%s)
sed 's/\x1b\[[0-9;]*m//g' "$work/serve.log" | grep -E '^\[(setup|build|serve|site)\]' || true
echo "[fresh] first page after $((end - start)) s ($(((end - start) / 60)) min $(((end - start) % 60)) s) from a clean clone with no tools"
