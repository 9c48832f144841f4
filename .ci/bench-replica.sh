#!/usr/bin/env bash
# Rerunnable benchmark of the public registry served from a Postgres streaming replica (issue
# 18 item 5). It starts two throw-away Postgres clusters on this machine, owned by the postgres
# account and removed at the end (the machine's own cluster is not touched): a primary on port
# BENCH_PRIMARY_PORT (5440) and a streaming replica of it (pg_basebackup -R, hot standby) on
# BENCH_REPLICA_PORT (5441). The primary gets all areas and BENCH_CERTS (100,000) titles; once
# the replica has replayed them, the server runs with DATABASE_URL on the primary and
# READ_DATABASE_URL on the replica, every answer read from the database
# (REGISTRY_CACHE_SECONDS=0), and wrk measures the search API and page beside a static file of
# the page's size, counting the transactions each cluster committed meanwhile. Then, with
# answers kept (the default), a title written on the primary: how long until the public API
# of the server shows it (the replica's delay plus the one-second generation poll).
# Usage: make bench-replica   (BENCH_CERTS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_NO_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/bench-lib.sh
CERTS=${BENCH_CERTS:-100000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-3505}
P1=${BENCH_PRIMARY_PORT:-5440}
P2=${BENCH_REPLICA_PORT:-5441}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)

[[ -n ${BENCH_NO_BUILD:-} ]] || bash .ci/build-site.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$(realpath "$TARGET_DIR/release/jiceng")
work=$(mktemp -d)
chown postgres: "$work"
as_pg() { (cd / && runuser -u postgres -- "$@"); }
export LEPTOS_SITE_ROOT=$TARGET_DIR/site
export BIND_ADDR=127.0.0.1:$PORT
export RUST_LOG=warn
base="http://127.0.0.1:$PORT"
static=$TARGET_DIR/site/bench-replica-static.html

cleanup() {
  bench_stop
  for d in replica primary; do
    [[ -d $work/$d ]] && as_pg "$PGBIN/pg_ctl" -D "$work/$d" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$work" "$static"
}
trap cleanup EXIT

echo "== a primary on port $P1 and a streaming replica on port $P2 ($PGBIN)"
as_pg "$PGBIN/initdb" -D "$work/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$work/primary/postgresql.conf" <<EOF
port = $P1
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
wal_level = replica
max_wal_senders = 4
EOF
echo "host replication postgres 127.0.0.1/32 trust" >>"$work/primary/pg_hba.conf"
as_pg "$PGBIN/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w start >/dev/null
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$work/replica" -R -X stream
sed -i "s/^port = $P1/port = $P2/" "$work/replica/postgresql.conf"
as_pg "$PGBIN/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w start >/dev/null
primary="postgres://postgres@127.0.0.1:$P1"
replica="postgres://postgres@127.0.0.1:$P2"
echo "  replica in recovery: $(psql "$replica/postgres" -tAc 'SELECT pg_is_in_recovery()')," \
  "streaming: $(psql "$primary/postgres" -tAc "SELECT state FROM pg_stat_replication")"

psql "$primary/postgres" -qc "CREATE DATABASE jiceng"
export DATABASE_URL="$primary/jiceng"
export DATA_KEYS_FILE=$work/bench.keys
$BIN new-keys --file "$DATA_KEYS_FILE"
$BIN import-areas >/dev/null 2>&1
start=$(date +%s.%N)
$BIN seed-demo --certifications "$CERTS" --areas "" 2>&1 | tail -n1
psql "$DATABASE_URL" -qc "ANALYZE"
caught_up() { # seconds until the replica has replayed everything the primary wrote so far
  local lsn t0
  lsn=$(psql "$primary/postgres" -tAc "SELECT pg_current_wal_lsn()")
  t0=$(date +%s.%N)
  for _ in $(seq 1 1200); do
    [[ $(psql "$replica/postgres" -tAc "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn") == t ]] && break
    sleep 0.05
  done
  echo "$(date +%s.%N) - $t0" | bc
}
echo "  the replica caught up $(caught_up) s after the seed ended; titles on the replica: $(psql "$replica/jiceng" -tAc 'SELECT count(*) FROM certification')"

commits() { psql "$1/jiceng" -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'jiceng'"; }
declare -A result
run() { # case url
  local rps p50 p99 errs before1 before2
  before1=$(commits "$primary"); before2=$(commits "$replica")
  read -r rps p50 p99 errs <<<"$(bench_wrk "$CONNS" "$SECS" "$2")"
  rps=${rps%.*}
  result[$1]="$rps"
  printf '  %-34s %7s req/s  p50 %8s  p99 %8s  commits: primary +%s, replica +%s %s\n' "$1" "$rps" "$p50" "$p99" \
    "$(( $(commits "$primary") - before1 ))" "$(( $(commits "$replica") - before2 ))" "$(bench_errors "$errs")"
}

echo "== every answer from the database (REGISTRY_CACHE_SECONDS=0), READ_DATABASE_URL on the replica; wrk 2 threads, $CONNS connections, ${SECS}s each"
bench_start REGISTRY_CACHE_SECONDS=0 READ_DATABASE_URL="$replica/jiceng" SEED_DEMO=0 BACKGROUND_TASKS=0
curl -fs "$base/" -o "$static"
run "static file (page's size)" "$base/$(basename "$static")"
run "API list" "$base/api/v1/public/communities"
run "API ?area=4403" "$base/api/v1/public/communities?area=4403"
run "page /" "$base/"
bench_stop
for c in "API list" "API ?area=4403" "page /"; do
  echo "  $c from the replica: $(bench_share "${result[$c]}" "${result["static file (page's size)"]}") of the static file"
done

echo "== answers kept (the default): a valid title revoked on the primary, until the kept search answer shows it"
bench_start READ_DATABASE_URL="$replica/jiceng" SEED_DEMO=0 BACKGROUND_TASKS=0
read -r number community < <(psql "$primary/jiceng" -tA -F ' ' -c \
  "SELECT certificate_no, community_code FROM certification WHERE status = 'valid' ORDER BY id DESC LIMIT 1")
list="$base/api/v1/public/communities?area=$community"
curl -fs "$list" | grep -q "\"certificate_no\":\"$number\"" || { echo "  $number is not in $list" >&2; exit 1; }
curl -fs "$list" >/dev/null # kept from now on
start=$(date +%s.%N)
psql "$primary/jiceng" -qc "UPDATE certification SET status = 'revoked', revoked_on = CURRENT_DATE WHERE certificate_no = '$number'"
replayed=$(caught_up)
shown=
for _ in $(seq 1 400); do
  if curl -fs "$list" | python3 -c 'import json, sys; n = sys.argv[1]; sys.exit(0 if any(i["certificate_no"] == n and i["status"] == "revoked" for i in json.load(sys.stdin)["items"]) else 1)' "$number"; then
    shown=$(date +%s.%N); break
  fi
  sleep 0.025
done
if [[ -n $shown ]]; then
  printf '  %s revoked: replayed on the replica %.2f s after the write (measured from the write'"'"'s return), shown by the kept search answer %.2f s after the write\n' \
    "$number" "$replayed" "$(echo "$shown - $start" | bc)"
else
  echo "  $number revoked, but the kept answer did not show it within 10 s" >&2; exit 1
fi
bench_stop
