#!/usr/bin/env bash
# Rerunnable benchmark of the ledger lists at city scale on Postgres: 400,000 households (about a
# million people) over the communities of 深圳市, then latency and throughput of the list page
# and the REST list for a coordinator (one community), a street, a county and the city, a
# search by address, and a coordinator's work list. Prints how long the data took to write.
# Usage: make bench-ledger   (BENCH_HOUSEHOLDS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG)
set -euo pipefail
cd "$(dirname "$0")/.."
HOUSEHOLDS=${BENCH_HOUSEHOLDS:-400000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
PORT=${BENCH_PORT:-3501}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=jiceng_bench_ledger
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
echo "== database: $DATABASE_URL"
$BIN import-areas
$BIN seed-demo --certifications 0 --areas 4403
start=$(date +%s.%N)
$BIN seed-ledger --households "$HOUSEHOLDS" --area 440300000000
end=$(date +%s.%N)
seed_s=$(echo "$end - $start" | bc)
psql "$DATABASE_URL" -qc "ANALYZE"
counts=$(psql "$DATABASE_URL" -tAc "SELECT (SELECT count(*) FROM household) || ' households, ' || (SELECT count(*) FROM person) || ' people'")

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

run() { # name cookie url
  local out rps p50 p99 errs
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "Cookie: $2" "$3")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-44s %9s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errs:+non-2xx: $errs}"
}

echo "== $counts; written in ${seed_s}s"
echo "== wrk: 2 threads, $CONNS connections, ${SECS}s each; 20 households a page"
for who in ns_coordinator ns_street ns_county sz_city; do
  c=$(cookie "$who")
  total=$(curl -fs -H "Cookie: $c" "$base/api/v1/households?per_page=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
  run "page /ledger as $who ($total)" "$c" "$base/ledger"
  run "API /households as $who" "$c" "$base/api/v1/households"
done
c=$(cookie sz_city)
run "API /households?q=幸福路 as sz_city" "$c" "$base/api/v1/households?q=%E5%B9%B8%E7%A6%8F%E8%B7%AF"
run "API /households?zero=1 as sz_city" "$c" "$base/api/v1/households?zero=1"
run "API /households?page=500 as sz_city" "$c" "$base/api/v1/households?page=500"
c=$(cookie ns_coordinator)
run "page /work as ns_coordinator" "$c" "$base/work"
