#!/usr/bin/env bash
# Rerunnable benchmark of the platform coverage statistics at national scale, on SQLite and on
# Postgres in one run: all 665,271 areas imported (timed: the kept coverage figures are written
# by the import's triggers), the demo registry (every street, township, community and village
# of 广东, about 28,600 platforms), the kept figures proven against a recount (`jiceng rollups`),
# then the coverage report for the whole country, a province, a city, a county and a street:
# one timed request each (cold), then wrk beside a static file of the national report's size
# served by the same server in the same run; a side-by-side table at the end.
# Usage: make bench-platforms   (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG, BENCH_DATABASES,
#                                BENCH_NO_BUILD=1 to use the release build as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/bench-lib.sh
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-4}
PORT=${BENCH_PORT:-3502}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
PG_DB=jiceng_bench_platforms
DATABASES=${BENCH_DATABASES:-sqlite postgres}

[[ -n ${BENCH_NO_BUILD:-} ]] || bash .ci/build-site.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$TARGET_DIR/release/jiceng
work=$(mktemp -d)
export LEPTOS_SITE_ROOT=$TARGET_DIR/site
export BIND_ADDR=127.0.0.1:$PORT
export RUST_LOG=warn
base="http://127.0.0.1:$PORT"
static=$TARGET_DIR/site/bench-coverage-static.json
trap 'bench_stop; rm -rf "$work" "$static"' EXIT

declare -A result
run() { # database case cookie url
  local rps p50 p99 errs
  read -r rps p50 p99 errs <<<"$(bench_wrk "$CONNS" "$SECS" "$4" -H "Cookie: $3")"
  result["$1|$2"]="$rps $p50 $p99"
  printf '  %-8s %-26s %9s req/s  p50 %8s  p99 %8s %s\n' "$1" "$2" "$rps" "$p50" "$p99" "$(bench_errors "$errs")"
}

areas=("" 440000000000 440300000000 440305000000 440305001000)
names=("country" "province 44" "city 4403" "county 440305" "street 440305001")
cases=("static file (country's size)" "${names[@]}")
for db in $DATABASES; do
  unset DATA_KEYS_FILE
  case $db in
    sqlite) export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" ;;
    postgres)
      psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
      export DATABASE_URL="$PG/$PG_DB"
      export DATA_KEYS_FILE=$work/bench.keys
      rm -f "$DATA_KEYS_FILE"
      $BIN new-keys --file "$DATA_KEYS_FILE" ;;
    *) echo "unknown database $db" >&2; exit 2 ;;
  esac
  echo "== $db: ${DATABASE_URL%%\?*}"
  start=$(bench_secs); $BIN import-areas >/dev/null 2>&1
  echo "  import of all areas: $(echo "$(bench_secs) - $start" | bc) s"
  start=$(bench_secs); $BIN import-areas >/dev/null 2>&1
  echo "  the same import again (every area written again): $(echo "$(bench_secs) - $start" | bc) s"
  $BIN seed-demo --certifications 0 --areas 44 2>&1 | tail -n1
  [[ $db == postgres ]] && psql "$DATABASE_URL" -qc "ANALYZE"
  $BIN rollups >"$work/rollups.log" 2>&1 || { cat "$work/rollups.log" >&2; exit 1; }
  grep -E "coverage figures|registry totals" "$work/rollups.log"
  bench_start SEED_DEMO=0 BACKGROUND_TASKS=0
  ministry=$(bench_cookie ministry)
  echo "  one request each (the server's own time as the report gives it, then the whole request)"
  for i in "${!areas[@]}"; do
    url="$base/api/v1/platforms/coverage${areas[$i]:+?area=${areas[$i]}}"
    t=$(curl -fs -o "$work/coverage.json" -w '%{time_total}' -H "Cookie: $ministry" "$url") \
      || { echo "request failed: $url" >&2; exit 1; }
    ms=$(sed -E 's/.*"elapsed_ms":([0-9]+).*/\1/' "$work/coverage.json")
    printf '    %-18s %6s ms in the server, request %6.1f ms\n' "${names[$i]}" "$ms" "$(echo "$t * 1000" | bc)"
  done
  curl -fs -H "Cookie: $ministry" "$base/api/v1/platforms/coverage" -o "$static"
  echo "  wrk: 2 threads, $CONNS connections, ${SECS}s each; the national report is $(stat -c %s "$static") bytes"
  run "$db" "${cases[0]}" "" "$base/$(basename "$static")"
  for i in "${!areas[@]}"; do
    run "$db" "${names[$i]}" "$ministry" "$base/api/v1/platforms/coverage${areas[$i]:+?area=${areas[$i]}}"
  done
  bench_stop
done
[[ $DATABASES == *postgres* ]] && psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB"

echo
echo "== side by side (req/s, share of the static file served by the same server, p50, p99)"
printf '%-30s' "case"
for db in $DATABASES; do printf ' | %-44s' "$db"; done
echo
for c in "${cases[@]}"; do
  printf '%-30s' "$c"
  for db in $DATABASES; do
    read -r rps p50 p99 <<<"${result["$db|$c"]:-0 - -}"
    read -r srps _ <<<"${result["$db|${cases[0]}"]:-0 -}"
    printf ' | %9s req/s %7s p50 %7s p99 %7s' "$rps" "$(bench_share "$rps" "$srps")" "$p50" "$p99"
  done
  echo
done
