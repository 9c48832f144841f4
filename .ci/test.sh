#!/usr/bin/env bash
# Every test, in stages, with the time each took printed at the end (also when one fails):
#   tools  install what is missing (.ci/install-tools.sh --e2e)
#   lint   cargo fmt --check; cargo clippy on every target with warnings as errors
#   unit   unit and integration tests (SQLite; Postgres too with TEST_DATABASE_URL): compiled,
#          then run
#   build  the release build the end-to-end tests and `make serve` use (.ci/build-site.sh)
#   e2e    the end-to-end tests in Chromium, the three projects one after another (.ci/e2e.sh;
#          E2E_JOBS=3 runs them side by side: on 2 cores that stalled pages past the 30 s test
#          timeout in assistance.spec in every run of 2026-11-30, cause not yet found)
# Usage: .ci/test.sh [stage ...]   (default: all five, in that order)
set -euo pipefail
cd "$(dirname "$0")/.."

stages=("$@")
((${#stages[@]})) || stages=(tools lint unit build e2e)

say() { printf '\033[1;34m[test]\033[0m %s\n' "$*"; }

stage_tools() { bash .ci/install-tools.sh --e2e; }
stage_lint() {
  cargo fmt --all -- --check
  cargo clippy --locked --workspace --all-targets --features app/ssr -- -D warnings
}
stage_unit() {
  if [[ -z "${TEST_DATABASE_URL:-}" ]]; then
    say "TEST_DATABASE_URL not set: Postgres tests are skipped, SQLite only"
  fi
  local t=$SECONDS
  cargo test --locked --workspace --features app/ssr --no-run
  local compiled=$((SECONDS - t))
  t=$SECONDS
  cargo test --locked --workspace --features app/ssr
  detail="(compiling $compiled s, running $((SECONDS - t)) s)"
}
stage_build() { bash .ci/build-site.sh; }
stage_e2e() { E2E_JOBS=${E2E_JOBS:-1} bash .ci/e2e.sh; }

report=()
current=""
started=$SECONDS
summary() {
  local rc=$?
  echo
  say "stage times (target dir: ${CARGO_TARGET_DIR:-target})"
  printf '%s\n' "${report[@]}"
  if [[ -n "$current" ]]; then
    printf '  %-6s FAILED after %d s\n' "$current" $((SECONDS - stage_start))
  fi
  printf '  %-6s %d s (%d min %d s)\n' total $((SECONDS - started)) $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
  exit "$rc"
}
trap summary EXIT

for stage in "${stages[@]}"; do
  declare -F "stage_$stage" >/dev/null || { echo "unknown stage: $stage (tools lint unit build e2e)" >&2; exit 2; }
  current=$stage
  stage_start=$SECONDS
  say "stage $stage"
  detail=""
  "stage_$stage"
  report+=("$(printf '  %-6s %d s %s' "$stage" $((SECONDS - stage_start)) "$detail")")
  current=""
done
