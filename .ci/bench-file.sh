#!/usr/bin/env bash
# Rerunnable benchmark of a community's certification file (issue 18, item 4), on SQLite and on
# Postgres in one run: all areas imported, the demo accounts and 深圳市's platforms, then
# BENCH_HOUSEHOLDS (default 2,900, about 7,300 people) with two years of history written into one
# community (440305001007, 南头街道). Measured with wrk, as a street officer (ns_street):
#   - the file page /certification/communities/{code} (today's indicators and twelve month ends),
#   - the same file over REST (GET /api/v1/certification/communities/{code}/file, when the build
#     has it),
#   - the indicators of one day over REST (GET /api/v1/certification/indicators/{code}), the
#     cost of reading the community once,
# each beside a static file of the page's size served by the same server in the same run.
# Usage: make bench-file   (BENCH_HOUSEHOLDS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG,
#                           BENCH_DATABASES, BENCH_NO_BUILD=1 to use the release build as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/bench-lib.sh
HOUSEHOLDS=${BENCH_HOUSEHOLDS:-2900}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-4}
PORT=${BENCH_PORT:-3504}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
PG_DB=jiceng_bench_file
DATABASES=${BENCH_DATABASES:-sqlite postgres}
COMMUNITY=440305001007

[[ -n ${BENCH_NO_BUILD:-} ]] || bash .ci/build-site.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$TARGET_DIR/release/jiceng
work=$(mktemp -d)
export LEPTOS_SITE_ROOT=$TARGET_DIR/site
export BIND_ADDR=127.0.0.1:$PORT
export RUST_LOG=warn
base="http://127.0.0.1:$PORT"
static=$TARGET_DIR/site/bench-file-static.html
trap 'bench_stop; rm -rf "$work" "$static"' EXIT

declare -A result
run() { # database case cookie url
  local rps p50 p99 errs
  read -r rps p50 p99 errs <<<"$(bench_wrk "$CONNS" "$SECS" "$4" -H "Cookie: $3")"
  result["$1|$2"]="$rps $p50 $p99"
  printf '  %-8s %-34s %9s req/s  p50 %8s  p99 %8s %s\n' "$1" "$2" "$rps" "$p50" "$p99" "$(bench_errors "$errs")"
}
once() { # cookie url → seconds of one request (the first, nothing kept)
  curl -fs -o /dev/null -w '%{time_total}' -H "Cookie: $1" "$2"
}

cases=("static file (page's size)" "file page" "file API" "indicators API (one day)")
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
  $BIN import-areas >/dev/null 2>&1
  $BIN seed-demo --certifications 0 --areas 4403 2>&1 | tail -n1
  $BIN seed-ledger --households "$HOUSEHOLDS" --area "$COMMUNITY" --history 2>&1 | tail -n1
  [[ $db == postgres ]] && psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
  bench_start SEED_DEMO=0 BACKGROUND_TASKS=0
  street=$(bench_cookie ns_street)
  file_page="$base/certification/communities/$COMMUNITY"
  file_api="$base/api/v1/certification/communities/$COMMUNITY/file"
  one_day="$base/api/v1/certification/indicators/$COMMUNITY"
  printf '  first requests: file page %s s, indicators of one day %s s\n' \
    "$(once "$street" "$file_page")" "$(once "$street" "$one_day")"
  curl -fs -H "Cookie: $street" "$file_page" -o "$static"
  echo "  the file page is $(stat -c %s "$static") bytes; wrk: 2 threads, $CONNS connections, ${SECS}s each"
  run "$db" "${cases[0]}" "" "$base/$(basename "$static")"
  run "$db" "${cases[1]}" "$street" "$file_page"
  if curl -fs -o /dev/null -H "Cookie: $street" "$file_api"; then
    run "$db" "${cases[2]}" "$street" "$file_api"
  else
    echo "  (this build has no $file_api)"
  fi
  run "$db" "${cases[3]}" "$street" "$one_day"
  bench_stop
done
[[ $DATABASES == *postgres* ]] && psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB"

echo
echo "== side by side (req/s, share of the static file served by the same server, p50, p99)"
printf '%-28s' "case"
for db in $DATABASES; do printf ' | %-42s' "$db"; done
echo
for c in "${cases[@]}"; do
  printf '%-28s' "$c"
  for db in $DATABASES; do
    read -r rps p50 p99 <<<"${result["$db|$c"]:-0 - -}"
    read -r srps _ <<<"${result["$db|${cases[0]}"]:-0 -}"
    printf ' | %9s req/s %8s p50 %7s p99 %7s' "$rps" "$(bench_share "$rps" "$srps" 2)" "$p50" "$p99"
  done
  echo
done
