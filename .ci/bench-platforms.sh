#!/usr/bin/env bash
# Rerunnable benchmark of the platform coverage statistics at national scale on Postgres: all
# 665,271 areas imported, the demo registry (every street, township, community and village of
# 广东, about 28,600 platforms), then the coverage report for the whole country, a province, a
# city, a county and a street: one timed request each (cold), then latency and throughput.
# Usage: make bench-platforms   (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-4}
PORT=${BENCH_PORT:-3502}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=jiceng_bench_platforms
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

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
$BIN import-areas
$BIN seed-demo --certifications 0 --areas 44
psql "$DATABASE_URL" -qc "ANALYZE"
counts=$(psql "$DATABASE_URL" -tAc "SELECT (SELECT count(*) FROM area) || ' areas, ' || (SELECT count(*) FROM platform) || ' platforms'")

SEED_DEMO=0 $BIN serve & pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
base="http://127.0.0.1:$PORT"

cookie() { # username → "jiceng_session=…"
  local jar
  jar=$(mktemp)
  curl -fs -c "$jar" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo12345\"}" "$base/api/v1/auth/login" >/dev/null
  awk '$6=="jiceng_session" {print "jiceng_session=" $7}' "$jar"
  rm -f "$jar"
}

echo "== $counts"
echo "== one request each (server-side count time as reported by the report, then the whole request)"
ministry=$(cookie ministry)
for area in "" 440000000000 440300000000 440305000000 440305001000; do
  url="$base/api/v1/platforms/coverage${area:+?area=$area}"
  t=$(curl -fs -o /tmp/coverage.json -w '%{time_total}' -H "Cookie: $ministry" "$url")
  ms=$(sed -E 's/.*"elapsed_ms":([0-9]+).*/\1/' /tmp/coverage.json)
  printf '%-16s counted in %6s ms, request %6.0f ms\n' "${area:-country}" "$ms" "$(echo "$t * 1000" | bc)"
done
echo "== wrk: 2 threads, $CONNS connections, ${SECS}s each"
for area in "" 440000000000 440305000000; do
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "Cookie: $ministry" "$base/api/v1/platforms/coverage${area:+?area=$area}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf 'coverage %-16s %9s req/s   p50 %8s   p99 %8s\n' "${area:-country}" "$rps" "$p50" "$p99"
done
