#!/usr/bin/env bash
# Starts the built server for the end-to-end tests on a fresh SQLite database with the fixture
# areas (a few hundred real codes) and the demo data.
set -euo pipefail
# A known place, so that a test can start a second server on the same database (its clock
# ahead, to see deadlines and notice periods pass).
dir=${E2E_DB_DIR:-${TMPDIR:-/tmp}/jiceng-e2e-${E2E_PORT:-3400}}
rm -rf "$dir"
mkdir -p "$dir"
bin=${E2E_SERVER_BIN:-target/release/jiceng}
export DATABASE_URL="sqlite://$dir/e2e.db?mode=rwc"
export AREAS_FILE=app/tests/fixtures/areas.csv
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
export BIND_ADDR="127.0.0.1:${E2E_PORT:-3400}"
export SEED_DEMO=1
export RUST_LOG=warn
exec "$bin" serve
