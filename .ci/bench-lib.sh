# Sourced by the bench scripts (.ci/bench*.sh): the server started and stopped, a demo
# account's session, wrk's figures and a share of the static file. The script sets BIN (the
# release binary) and base (http://127.0.0.1:PORT) before calling these.

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

bench_pid=

# [VAR=value ...] → `$BIN serve` with that environment added, once /healthz answers (60 s at
# most; the import of the areas happens before, in its own command).
bench_start() {
  env "$@" "$BIN" serve & bench_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "$base/healthz" >/dev/null && return 0
    sleep 0.5
  done
  echo "the server did not answer $base/healthz within 60 s" >&2
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

# connections seconds url [wrk options...] → "req/s p50 p99 non-2xx" (2 threads; non-2xx is
# "-" when every answer was 2xx or 3xx).
bench_wrk() {
  local out
  out=$(wrk -t2 -c"$1" -d"$2s" --latency "${@:4}" "$3")
  awk '/Requests\/sec/ {r = $2} $1 == "50%" {a = $2} $1 == "99%" {b = $2} /Non-2xx/ {e = $5}
       END {printf "%s %s %s %s\n", r, a, b, (e == "" ? "-" : e)}' <<<"$out"
}

# part whole [decimals, default 1] → "12.3 %" ("-" without a whole).
bench_share() {
  awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { if (b > 0) printf "%." d "f %%", 100 * a / b; else print "-" }'
}

# Seconds since the epoch, with nanoseconds (for `bc` differences).
bench_secs() { date +%s.%N; }
