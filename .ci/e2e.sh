#!/usr/bin/env bash
# The end-to-end tests in Chromium against the release build (.ci/build-site.sh), one Playwright
# run per project (phone, phone without JavaScript, desktop) side by side. Each run starts its
# own server on its own port and its own SQLite database (end2end/start-server.sh), so the runs
# share no state; inside one run the tests keep their order.
#   E2E_JOBS=1   one project after the other (default: all three at once)
#   E2E_PROJECTS="phone desktop"   only these projects
# Extra arguments go to Playwright (e.g. a spec file).
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
export E2E_SERVER_BIN=$(realpath "$target/release/jiceng")
export LEPTOS_SITE_ROOT=$(realpath "$target/site")
[[ -x "$E2E_SERVER_BIN" && -f "$LEPTOS_SITE_ROOT/pkg/assets.json" ]] \
  || { echo "no release build under $target: run .ci/build-site.sh first" >&2; exit 1; }

# Each run's database lies beside its port (end2end/start-server.sh): never one shared directory.
unset E2E_DB_DIR

read -r -a projects <<<"${E2E_PROJECTS:-phone phone-nojs desktop}"
jobs=${E2E_JOBS:-${#projects[@]}}

run_project() {
  local i=$1 p=$2
  shift 2
  # Ports 3400, 3430, 3460: each run's second servers (its clock ahead) use its port + 11..21.
  (cd end2end && E2E_PORT=$((3400 + 30 * i)) npx playwright test --project="$p" --output="test-results/$p" "$@") 2>&1 \
    | sed -u "s/^/[$p] /"
  return "${PIPESTATUS[0]}"
}

failed=()
pids=()
names=()
for i in "${!projects[@]}"; do
  p=${projects[$i]}
  if ((jobs <= 1)); then
    run_project "$i" "$p" "$@" || failed+=("$p")
  else
    run_project "$i" "$p" "$@" &
    pids+=($!)
    names+=("$p")
  fi
done
for k in "${!pids[@]}"; do
  wait "${pids[$k]}" || failed+=("${names[$k]}")
done
if ((${#failed[@]})); then
  echo "end-to-end tests failed in: ${failed[*]}" >&2
  exit 1
fi
echo "end-to-end tests passed in: ${projects[*]}"
