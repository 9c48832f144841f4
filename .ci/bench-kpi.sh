#!/usr/bin/env bash
# Rerunnable benchmark of the performance dashboards and assessments at city scale on Postgres
# (issue 17): all 665,271 areas, 400,000 households over 深圳市's communities with two years of
# visits and assistance files (seed-ledger --history); the kept figures (roll-ups) counted from
# nothing and verified against a recount (`jiceng rollups --rebuild`); then wrk on the
# dashboards of 广东省, 深圳市 and 南头街道 (and the country), beside a static file of the same
# size served by the same server in the same run; how long after a write the dashboards hold
# it (the background refresh); a city's monthly assessment of last month (one POST, timed);
# and the verification again after those writes. The server starts with its hourly sweeps
# (BACKGROUND_TASKS), which exit the files the seeded data proves and mark their communities.
# The dashboards are measured with their answers kept between refreshes (the default), with a
# visit recorded every second meanwhile (each refresh drops the kept answers), and built on
# every request (DASHBOARD_CACHE_SECONDS=0, a second server on the same database).
# Usage: make bench-kpi   (BENCH_HOUSEHOLDS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/bench-lib.sh
HOUSEHOLDS=${BENCH_HOUSEHOLDS:-400000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
PORT=${BENCH_PORT:-3503}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=jiceng_bench_kpi

bash .ci/build-site.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$TARGET_DIR/release/jiceng
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export DATABASE_URL="$PG/$DB"
# Postgres needs the key file that seals ID numbers and phones: a fresh one per run.
export DATA_KEYS_FILE=${TMPDIR:-/tmp}/$DB.keys
rm -f "$DATA_KEYS_FILE"
$BIN new-keys --file "$DATA_KEYS_FILE"
export LEPTOS_SITE_ROOT=$TARGET_DIR/site
export BIND_ADDR=127.0.0.1:$PORT
export RUST_LOG=warn
echo "== database: $DATABASE_URL"
$BIN import-areas
$BIN seed-demo --certifications 0 --areas 4403
$BIN seed-ledger --households "$HOUSEHOLDS" --area 440300000000 --history
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
psql "$DATABASE_URL" -tAc "SELECT (SELECT count(*) FROM area) || ' areas, ' || (SELECT count(*) FROM household) || ' households, ' || (SELECT count(*) FROM visit) || ' visits, ' || (SELECT count(*) FROM assistance_target) || ' assistance files, ' || (SELECT count(*) FROM plan_item) || ' plan items, ' || (SELECT count(*) FROM zero_case) || ' 零就业家庭 cases'"
echo "== the kept figures counted from nothing, then recounted and compared"
$BIN rollups --rebuild
psql "$DATABASE_URL" -tAc "SELECT (SELECT count(*) FROM performance_count) || ' figures of area codes, ' || (SELECT count(*) FROM performance_rollup) || ' sums kept'"

base="http://127.0.0.1:$PORT"
start_server() { bench_start SEED_DEMO=0 "$@"; } # extra environment, e.g. DASHBOARD_CACHE_SECONDS=0
stop_server() { bench_stop; }
trap 'bench_stop; rm -f "$TARGET_DIR/site/bench-static.json"' EXIT
start_server
cookie() { bench_cookie "$@"; }

declare -A RPS
run() { # name cookie url
  local rps p50 p99 errs ratio
  read -r rps p50 p99 errs <<<"$(bench_wrk "$CONNS" "$SECS" "$3" -H "Cookie: $2")"
  RPS[$1]=$rps
  ratio=""
  if [ -n "${RPS[static]:-}" ] && [ "$1" != static ]; then
    ratio="$(bench_share "$rps" "${RPS[static]}") of static"
  fi
  printf '%-40s %9s req/s   p50 %8s   p99 %8s   %s %s\n' "$1" "$rps" "$p50" "$p99" "$ratio" "$(bench_errors "$errs")"
}

# The start-up sweep exits the files the seeded data proves, marking their communities: let
# the background refresh take those in before measuring (no marks left twice, 11 s apart).
settle=$(date +%s)
quiet=0
while [ $quiet -lt 2 ] && [ $(( $(date +%s) - settle )) -lt 600 ]; do
  sleep 11
  if [ "$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM performance_dirty")" = 0 ]; then quiet=$((quiet + 1)); else quiet=0; fi
done
echo "== settled $(( $(date +%s) - settle )) s after start: $(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM assistance_target WHERE status = 'exited'") files exited, refreshes so far: $(psql "$DATABASE_URL" -tAc "SELECT refreshes FROM performance_rollup_state")"
province=$(cookie gd_province)
city=$(cookie sz_city)
street=$(cookie ns_street)
ministry=$(cookie ministry)
# A static file of the size of the city's dashboard, served by the same server.
curl -fs -H "Cookie: $city" "$base/api/v1/performance/dashboard" -o "$TARGET_DIR/site/bench-static.json"
echo "== wrk: 2 threads, $CONNS connections, ${SECS}s each; the city's dashboard is $(stat -c %s "$TARGET_DIR/site/bench-static.json") bytes"
run static "" "$base/bench-static.json"
run "API dashboard 000000000000 (ministry)" "$ministry" "$base/api/v1/performance/dashboard"
run "API dashboard 440000000000 (gd_province)" "$province" "$base/api/v1/performance/dashboard"
run "API dashboard 440300000000 (sz_city)" "$city" "$base/api/v1/performance/dashboard"
run "API dashboard 440305001000 (ns_street)" "$street" "$base/api/v1/performance/dashboard"
run "page /performance/dashboard (sz_city)" "$city" "$base/performance/dashboard"
run "page /performance/dashboard (ns_street)" "$street" "$base/performance/dashboard"

coordinator=$(cookie ns_coordinator)
hid=$(curl -fs -H "Cookie: $coordinator" "$base/api/v1/households?per_page=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
today=$(TZ=Asia/Shanghai date +%F)
visit() { # note
  curl -fs -o /dev/null -H "Cookie: $coordinator" -H 'content-type: application/json' \
    -d "{\"visited_on\":\"$today\",\"note\":\"$1\"}" "$base/api/v1/households/$hid/visits"
}
echo "== the street's dashboard while a visit is recorded in one of its communities every second (each refresh drops the kept answers)"
refreshes_before=$(psql "$DATABASE_URL" -tAc "SELECT refreshes FROM performance_rollup_state")
( for n in $(seq 1 $((SECS + 12))); do visit "bench during $n"; sleep 1; done ) & writer=$!
sleep 11 # the first refresh after the writes began
run "API dashboard 440305001000 (ns_street), writes" "$street" "$base/api/v1/performance/dashboard"
wait $writer
echo "  refreshes during the run and the wait before it: $(( $(psql "$DATABASE_URL" -tAc "SELECT refreshes FROM performance_rollup_state") - refreshes_before ))"

echo "== five visits recorded in one of 南头街道's communities: how long until the dashboards hold them"
for _ in $(seq 1 120); do
  [ "$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM performance_dirty")" = 0 ] && break
  sleep 0.25
done
before=$(curl -fs -H "Cookie: $street" "$base/api/v1/performance/dashboard" | python3 -c 'import json, sys; print(json.load(sys.stdin)["refreshed_at"])')
start=$(date +%s.%N)
for n in 1 2 3 4 5; do visit "bench $n"; done
for _ in $(seq 1 120); do
  left=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM performance_dirty")
  [ "$left" = 0 ] && break
  sleep 0.25
done
end=$(date +%s.%N)
printf '  marks taken in %.1f s after the first write (refresh every %s s; refreshed at %s before)\n' \
  "$(echo "$end - $start" | bc)" "${ROLLUP_REFRESH_SECONDS:-10}" "$before"

echo "== 深圳市's monthly assessment of last month (its districts and their coordinators)"
last=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 day" +%Y-%m)
t=$(curl -fs -o /tmp/bench-assessment.json -w '%{time_total}' -H "Cookie: $city" -H 'content-type: application/json' \
  -d "{\"period\":\"$last\"}" "$base/api/v1/performance/assessments")
entries=$(python3 -c 'import json; a = json.load(open("/tmp/bench-assessment.json")); print(len(a["units"]) + len(a["coordinators"]))')
printf '  %s: %s entries computed in %.2f s\n' "$last" "$entries" "$t"

stop_server
echo "== every dashboard answer built on request (DASHBOARD_CACHE_SECONDS=0, no background tasks)"
start_server DASHBOARD_CACHE_SECONDS=0 BACKGROUND_TASKS=0
run "API dashboard 440000000000 (gd_province), built" "$province" "$base/api/v1/performance/dashboard"
run "API dashboard 440300000000 (sz_city), built" "$city" "$base/api/v1/performance/dashboard"
run "API dashboard 440305001000 (ns_street), built" "$street" "$base/api/v1/performance/dashboard"
stop_server
echo "== after those writes: refreshed and compared again"
$BIN rollups
