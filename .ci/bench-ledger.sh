#!/usr/bin/env bash
# Rerunnable benchmark of the ledger lists at city scale on Postgres: 400,000 households (about a
# million people) over the communities of 深圳市, then latency and throughput of the list page
# and the REST list for a coordinator (one community), a street, a county and the city, searches
# by address, by a name's start and by 身份证号 (issue 16 item 6), and a coordinator's work list.
# Prints how long the data took to write.
# Usage: make bench-ledger   (BENCH_HOUSEHOLDS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/bench-lib.sh
HOUSEHOLDS=${BENCH_HOUSEHOLDS:-400000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
PORT=${BENCH_PORT:-3501}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=jiceng_bench_ledger

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
# As autovacuum leaves a table that has settled: statistics and the visibility map.
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
counts=$(psql "$DATABASE_URL" -tAc "SELECT (SELECT count(*) FROM household) || ' households, ' || (SELECT count(*) FROM person) || ' people'")

base="http://127.0.0.1:$PORT"
trap bench_stop EXIT
bench_start SEED_DEMO=0
cookie() { bench_cookie "$@"; }

run() { # name cookie url [wrk options...]
  local rps p50 p99 errs
  read -r rps p50 p99 errs <<<"$(bench_wrk "$CONNS" "$SECS" "$3" -H "Cookie: $2" "${@:4}")"
  printf '%-44s %9s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "$(bench_errors "$errs")"
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
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
# A real 身份证号 of the ledger: a coordinator reads a member's full record.
cc=$(cookie ns_coordinator)
hid=$(curl -fs -H "Cookie: $cc" "$base/api/v1/households?per_page=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
pid=$(curl -fs -H "Cookie: $cc" "$base/api/v1/households/$hid" | python3 -c 'import json, sys; print(json.load(sys.stdin)["members"][0]["id"])')
number=$(curl -fs -H "Cookie: $cc" "$base/api/v1/people/$pid" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id_number"])')
count() { # cookie term → "total" or "total+"
  curl -fs -H "Cookie: $1" "$base/api/v1/households?per_page=1&q=$(enc "$2")" |
    python3 -c 'import json, sys; p = json.load(sys.stdin); print(str(p["total"]) + ("+" if p["capped"] else ""))'
}
for term in 幸福路 幸福路123号 王秀英 王秀; do
  run "API ?q=$term as sz_city ($(count "$c" "$term"))" "$c" "$base/api/v1/households?q=$(enc "$term")"
done
# A surname alone searches inside a street (over a city it is refused: q.too_short).
cs=$(cookie ns_street)
run "API ?q=王 as ns_street ($(count "$cs" 王))" "$cs" "$base/api/v1/households?q=$(enc 王)"
run "page /ledger?q=王秀英 as sz_city" "$c" "$base/ledger?q=$(enc 王秀英)"
# By number: the county officer (the widest role that sees numbers in full; the city's are masked).
c=$(cookie ns_county)
run "API ?q=(a 身份证号) as ns_county ($(count "$c" "$number"))" "$c" "$base/api/v1/households?q=$number"
lua=$(mktemp --suffix=.lua)
printf 'wrk.method = "POST"\nwrk.body = [[{"id_number":"%s"}]]\nwrk.headers["Content-Type"] = "application/json"\n' "$number" >"$lua"
run "POST /people/find as ns_county" "$c" "$base/api/v1/people/find" -s "$lua"
rm -f "$lua"
c=$(cookie sz_city)
run "API /households?zero=1 as sz_city" "$c" "$base/api/v1/households?zero=1"
run "API /households?page=500 as sz_city" "$c" "$base/api/v1/households?page=500"
c=$(cookie ns_coordinator)
run "page /work as ns_coordinator" "$c" "$base/work"
