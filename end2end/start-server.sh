#!/usr/bin/env bash
# Starts the built server for the end-to-end tests on a fresh SQLite database with the fixture
# areas (a few hundred real codes) and the demo data.
set -euo pipefail
dir=$(mktemp -d)
bin=${E2E_SERVER_BIN:-target/release/jiceng}
export DATABASE_URL="sqlite://$dir/e2e.db?mode=rwc"
export AREAS_FILE=app/tests/fixtures/areas.csv
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
export BIND_ADDR="127.0.0.1:${E2E_PORT:-3400}"
export SEED_DEMO=1
export RUST_LOG=warn
exec "$bin" serve
