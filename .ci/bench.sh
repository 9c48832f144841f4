#!/usr/bin/env bash
# Rerunnable benchmark of the public registry (release build), on SQLite and on Postgres in one
# run: all areas imported, 100,000 demo titles, then the search page and the search API for the
# plain list, an area filter, a two-character name with an area (the fragment trigram indexes do
# not serve) and a three-character name (one they do), each as a share of a static file of the
# page's size served by the same server in the same run: first with answers kept
# (REGISTRY_CACHE_SECONDS=10, the default), then with every answer read from the database
# (REGISTRY_CACHE_SECONDS=0). Also the area import's time and the WASM size raw / gzip / brotli.
# Usage: make bench   (BENCH_CERTS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG, BENCH_DATABASES,
#                      BENCH_NO_BUILD=1 to use the release build as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/bench-lib.sh
CERTS=${BENCH_CERTS:-100000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-3500}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
PG_DB=jiceng_bench_registry
DATABASES=${BENCH_DATABASES:-sqlite postgres}
command -v brotli >/dev/null || { apt-get update -qq && apt-get install -y -qq brotli >/dev/null; }

[[ -n ${BENCH_NO_BUILD:-} ]] || bash .ci/build-site.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$TARGET_DIR/release/jiceng
work=$(mktemp -d)
export LEPTOS_SITE_ROOT=$TARGET_DIR/site
export BIND_ADDR=127.0.0.1:$PORT
export RUST_LOG=warn
base="http://127.0.0.1:$PORT"
static=$TARGET_DIR/site/bench-static.html

start_server() { # REGISTRY_CACHE_SECONDS
  bench_start REGISTRY_CACHE_SECONDS="$1" SEED_DEMO=0 BACKGROUND_TASKS=0
}
trap 'bench_stop; rm -rf "$work" "$static"' EXIT

declare -A result
run() { # database mode case url
  local rps p50 p99 errs
  read -r rps p50 p99 errs <<<"$(bench_wrk "$CONNS" "$SECS" "$4")"
  rps=${rps%.*}
  result["$1|$2|$3"]="$rps $p50 $p99 $errs"
  printf '  %-8s %-6s %-30s %7s req/s  p50 %8s  p99 %8s %s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" "$(bench_errors "$errs")"
}

cases=()
urls=()
measure() { # database
  local db=$1 mode
  for mode in kept db; do
    bench_stop
    if [[ $mode == kept ]]; then start_server 10; else start_server 0; fi
    if [[ ${#cases[@]} -eq 0 ]]; then
      # The cases, once: a three-character fragment of a title's name from the middle of the list.
      local name frag enc
      name=$(curl -fs "$base/api/v1/public/communities?per_page=1&page=777" | sed -E 's/.*"community_name":"([^"]+)".*/\1/')
      frag=$(python3 -c 'import sys; print(sys.argv[1][:3])' "$name")
      enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$frag")
      echo "== the three-character name: $frag (from $name)"
      cases=("page /" "page ?area=4403" "page ?q=社区&area=44" "page ?q=$frag"
             "API list" "API ?area=4403" "API ?q=社区&area=4403&tier" "API ?q=$frag")
      urls=("/" "/?area=4403" "/?q=%E7%A4%BE%E5%8C%BA&area=44" "/?q=$enc"
            "/api/v1/public/communities" "/api/v1/public/communities?area=4403"
            "/api/v1/public/communities?q=%E7%A4%BE%E5%8C%BA&area=4403&tier=community"
            "/api/v1/public/communities?q=$enc")
    fi
    if [[ $mode == kept ]]; then
      curl -fs "$base/" -o "$static"
      run "$db" "-" "static file (page's size)" "$base/bench-static.html"
    fi
    local i
    for i in "${!cases[@]}"; do
      run "$db" "$mode" "${cases[$i]}" "$base${urls[$i]}"
    done
    if [[ $mode == kept && $db == sqlite ]]; then
      local wasm_url
      wasm_url="$base/pkg/$(basename "$(ls $TARGET_DIR/site/pkg/*.wasm | head -n1)")"
      read -r rps _ <<<"$(bench_wrk "$CONNS" "$SECS" "$wasm_url" -H "Accept-Encoding: br, gzip")"
      echo "  bundle WASM (brotli, precompressed): $rps req/s"
    fi
  done
  bench_stop
}

for db in $DATABASES; do
  unset DATA_KEYS_FILE
  case $db in
    sqlite) export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" ;;
    postgres)
      psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
      export DATABASE_URL="$PG/$PG_DB"
      # Postgres needs the key file that seals ID numbers and phones.
      export DATA_KEYS_FILE=$work/bench.keys
      rm -f "$DATA_KEYS_FILE"
      $BIN new-keys --file "$DATA_KEYS_FILE" ;;
    *) echo "unknown database $db" >&2; exit 2 ;;
  esac
  echo "== $db: ${DATABASE_URL%%\?*}"
  start=$(bench_secs); $BIN import-areas; import_s=$(echo "$(bench_secs) - $start" | bc)
  start=$(bench_secs); $BIN import-areas >/dev/null 2>&1; reimport_s=$(echo "$(bench_secs) - $start" | bc)
  echo "== $db: import of all areas ${import_s}s (second, idempotent run: ${reimport_s}s)"
  start=$(bench_secs); $BIN seed-demo --certifications "$CERTS" --areas ""; seed_s=$(echo "$(bench_secs) - $start" | bc)
  echo "== $db: $CERTS titles written in ${seed_s}s"
  [[ $db == postgres ]] && psql "$DATABASE_URL" -qc "ANALYZE"
  $BIN rollups >/dev/null 2>"$work/verify.log" || true
  grep "registry totals" "$work/verify.log" || true
  echo "== wrk: 2 threads, $CONNS connections, ${SECS}s each"
  measure "$db"
done
[[ $DATABASES == *postgres* ]] && psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB"

# Side by side: req/s, share of the static file in the same server's run, p99.
echo
echo "== side by side (req/s, share of the static file served by the same server, p99)"
printf '%-36s' "case"
for db in $DATABASES; do printf ' | %-30s' "$db"; done
echo
for mode in kept db; do
  for c in "${cases[@]}"; do
    printf '%-36s' "$c ($mode)"
    for db in $DATABASES; do
      read -r rps _ p99 _ <<<"${result["$db|$mode|$c"]:-0 - - }"
      read -r srps _ <<<"${result["$db|-|static file (page's size)"]:-0 -}"
      printf ' | %7s req/s %8s p99 %7s' "$rps" "$(bench_share "$rps" "$srps")" "$p99"
    done
    echo
  done
done
for db in $DATABASES; do
  read -r srps _ sp99 _ <<<"${result["$db|-|static file (page's size)"]:-0 - -}"
  echo "static file on $db: $srps req/s, p99 $sp99"
done

wasm=$(ls $TARGET_DIR/site/pkg/*.wasm | head -n1)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(brotli -q 11 -c "$wasm" | wc -c)
echo "== WASM $wasm: raw $raw B, gzip $gz B, brotli $br B"
