#!/usr/bin/env bash
# Rerunnable benchmark (release build): area import time, public search latency and throughput
# with 100,000 demo certifications beside a static file of similar size served by the same
# server in the same run, and the WASM size raw / gzip / brotli.
# Usage: make bench   (BENCH_CERTS, BENCH_SECONDS, BENCH_CONNECTIONS, DATABASE_URL to override)
set -euo pipefail
cd "$(dirname "$0")/.."
CERTS=${BENCH_CERTS:-100000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-3500}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v brotli >/dev/null || { apt-get update -qq && apt-get install -y -qq brotli >/dev/null; }

bash .ci/build-site.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$TARGET_DIR/release/jiceng
work=$(mktemp -d)
export DATABASE_URL=${DATABASE_URL:-"sqlite://$work/bench.db?mode=rwc"}
export LEPTOS_SITE_ROOT=$TARGET_DIR/site
export BIND_ADDR=127.0.0.1:$PORT
export RUST_LOG=warn
echo "== database: ${DATABASE_URL%%\?*}"
if [[ $DATABASE_URL == postgres* && -z ${DATA_KEYS_FILE:-} ]]; then
  # Postgres needs the key file that seals ID numbers and phones.
  export DATA_KEYS_FILE=$work/bench.keys
  $BIN new-keys --file "$DATA_KEYS_FILE"
fi

start=$(date +%s.%N)
$BIN import-areas
end=$(date +%s.%N)
import_s=$(echo "$end - $start" | bc)
start=$(date +%s.%N)
$BIN import-areas >/dev/null 2>&1
end=$(date +%s.%N)
reimport_s=$(echo "$end - $start" | bc)
$BIN seed-demo --certifications "$CERTS" --areas ""

pid=
start_server() { # REGISTRY_CACHE_SECONDS
  REGISTRY_CACHE_SECONDS=$1 $BIN serve & pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
}
stop_server() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$work"' EXIT
start_server 10

base="http://127.0.0.1:$PORT"
# A static file of the same size as the search page, served by the same server.
curl -fs "$base/" -o $TARGET_DIR/site/bench-static.html
page_bytes=$(stat -c %s $TARGET_DIR/site/bench-static.html)

run() { # name url [wrk options]
  local out
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "${@:3}" "$2")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local errs
  errs=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errs:+non-2xx: $errs}"
}
echo "== wrk: 2 threads, $CONNS connections, ${SECS}s each; $CERTS certifications; page ${page_bytes} bytes"
run "static file (same size)" "$base/bench-static.html"
searches() {
  run "search page /" "$base/"
  run "search page ?q=社区&area=44" "$base/?q=%E7%A4%BE%E5%8C%BA&area=44"
  run "API /public/communities" "$base/api/v1/public/communities"
  run "API ?q=社区&area=4403&tier" "$base/api/v1/public/communities?q=%E7%A4%BE%E5%8C%BA&area=4403&tier=community"
}
# The browser bundle's WASM as a phone asks for it: the brotli file written at build time.
wasm_url="$base/pkg/$(basename "$(ls $TARGET_DIR/site/pkg/*.wasm | head -n1)")"
run "bundle WASM (brotli, precompressed)" "$wasm_url" -H "Accept-Encoding: br, gzip"
echo "-- search answers kept for 10 s (REGISTRY_CACHE_SECONDS=10, the default)"
searches
run "API certificate check" "$base/api/v1/public/certificates/$(curl -fs "$base/api/v1/public/communities?per_page=1" | sed -E 's/.*"certificate_no":"([^"]+)".*/\1/')"
echo "-- every search answered from the database (REGISTRY_CACHE_SECONDS=0)"
stop_server
start_server 0
searches
rm -f $TARGET_DIR/site/bench-static.html

wasm=$(ls $TARGET_DIR/site/pkg/*.wasm | head -n1)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(brotli -q 11 -c "$wasm" | wc -c)
echo "== import of all areas: ${import_s}s (second, idempotent run: ${reimport_s}s)"
echo "== WASM $wasm: raw $raw B, gzip $gz B, brotli $br B"
