# Sourced by the bench scripts (.ci/bench*.sh): the server started and stopped, a demo
# account's session, wrk's figures and a share of the static file. The script sets BIN (the
# release binary) and base (http://127.0.0.1:PORT) before calling these.

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

bench_pid=

# [VAR=value ...] → `$BIN serve` with that environment added, once /healthz answers (5 minutes
# at most: a start on a large database seals and checks before it listens).
bench_start() {
  env "$@" "$BIN" serve & bench_pid=$!
  for _ in $(seq 1 600); do
    curl -fs "$base/healthz" >/dev/null && return 0
    sleep 0.5
  done
  echo "the server did not answer $base/healthz within 5 minutes" >&2
  return 1
}

# Stops the server started by bench_start, if any.
bench_stop() {
  if [[ -n $bench_pid ]]; then
    kill "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  bench_pid=
}

# username → "jiceng_session=…", signed in with the demo password.
bench_cookie() {
  local jar
  jar=$(mktemp)
  curl -fs -c "$jar" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo12345\"}" "$base/api/v1/auth/login" >/dev/null
  awk '$6=="jiceng_session" {print "jiceng_session=" $7}' "$jar"
  rm -f "$jar"
}

# connections seconds url [wrk options...] → "req/s p50 p99 non-2xx" (2 threads; each field
# "-" when wrk did not print it: non-2xx when every answer was 2xx or 3xx, all four when wrk
# failed).
bench_wrk() {
  local out
  out=$(wrk -t2 -c"$1" -d"$2s" --latency "${@:4}" "$3") || echo "wrk failed on $3" >&2
  awk '/Requests\/sec/ {r = $2} $1 == "50%" {a = $2} $1 == "99%" {b = $2} /Non-2xx/ {e = $5}
       function f(v) { return v == "" ? "-" : v }
       END {printf "%s %s %s %s\n", f(r), f(a), f(b), f(e)}' <<<"$out"
}

# The non-2xx field of bench_wrk → "non-2xx: N", or nothing when there were none.
bench_errors() {
  [[ $1 == - ]] || printf 'non-2xx: %s' "$1"
}

# part whole [decimals, default 1] → "12.3 %" ("-" without a whole).
bench_share() {
  awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { if (b > 0) printf "%." d "f %%", 100 * a / b; else print "-" }'
}

# Seconds since the epoch, with nanoseconds (for `bc` differences).
bench_secs() { date +%s.%N; }
