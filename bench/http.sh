#!/usr/bin/env bash
# /healthz of the full server (router, middleware, metrics, access log) against a bare
# libmicrohttpd endpoint compiled into the same binary (`xueji serve --bare`), under wrk.
# Target (issue 2): /healthz at least 0.7x the bare endpoint's requests/s.
#
# On a 2-core machine wrk and the server fight for the same cores, and whichever server is cheaper
# leaves more CPU to wrk, which distorts the ratio. So each server runs with one HTTP thread pinned
# to core 0 and wrk runs with one thread pinned to core 1: the ratio then compares the CPU each
# server spends per request. Rounds alternate and each side keeps its best, since the host is shared.
set -euo pipefail
xueji=${XUEJI:-.build/release/xueji}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
work=$(mktemp -d /tmp/xueji-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port_of() {  # waits for the "listening" log line and prints its port
  for _ in $(seq 100); do
    p=$(grep -o '"port":[0-9]*' "$1" 2>/dev/null | head -n 1 | cut -d: -f2)
    [[ -n "$p" ]] && { echo "$p"; return; }
    sleep 0.1
  done
  echo "bench: server did not start: $(cat "$1")" >&2; exit 1
}

"$xueji" migrate --db "sqlite:$work/bench.sqlite" >/dev/null
server_core=0; client_core=1
[[ $(nproc) -ge 2 ]] || { server_core=0; client_core=0; }
taskset -c $server_core "$xueji" serve --threads 1 --port 0 --db "sqlite:$work/bench.sqlite" 2>"$work/full.log" & pids+=($!)
taskset -c $server_core "$xueji" serve --threads 1 --bare --port 0 2>"$work/bare.log" & pids+=($!)
full=$(port_of "$work/full.log")
bare=$(port_of "$work/bare.log")

# Prints "requests/s cpu-microseconds-per-request" for one wrk run against URL, measuring the server's
# own CPU time (utime + stime from /proc) so that neighbours on a shared host do not blur the cost.
measure() {
  local pid=$1 url=$2 before after out
  before=$(awk '{print $14 + $15}' /proc/"$pid"/stat)
  out=$(taskset -c $client_core wrk -t1 -c"$connections" -d"$duration" "$url")
  after=$(awk '{print $14 + $15}' /proc/"$pid"/stat)
  python3 - "$out" "$before" "$after" "$(getconf CLK_TCK)" <<'PY'
import re, sys
out, before, after, hz = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
n = int(re.search(r"(\d+) requests in", out).group(1))
print(f"{rps:.0f} {(after - before) / hz * 1e6 / n:.2f}")
PY
}
full_pid=${pids[0]}; bare_pid=${pids[1]}
# Warm up both, then alternate and keep each side's best.
measure "$full_pid" "http://127.0.0.1:$full/healthz" >/dev/null
measure "$bare_pid" "http://127.0.0.1:$bare/" >/dev/null
best_full=0; best_bare=0; cpu_full=1e9; cpu_bare=1e9
for _ in 1 2 3; do
  read -r f fc < <(measure "$full_pid" "http://127.0.0.1:$full/healthz")
  read -r b bc < <(measure "$bare_pid" "http://127.0.0.1:$bare/")
  best_full=$(python3 -c "print(max($best_full, $f))"); best_bare=$(python3 -c "print(max($best_bare, $b))")
  cpu_full=$(python3 -c "print(min($cpu_full, $fc))"); cpu_bare=$(python3 -c "print(min($cpu_bare, $bc))")
done
ratio=$(python3 -c "print(f'{$best_full / $best_bare:.2f}')")
cpu_ratio=$(python3 -c "print(f'{$cpu_bare / $cpu_full:.2f}')")
printf '%-44s %10s req/s %8s us CPU/req\n' "bare libmicrohttpd endpoint (xueji serve --bare)" "$best_bare" "$cpu_bare"
printf '%-44s %10s req/s %8s us CPU/req\n' "/healthz (router, headers, metrics, log)" "$best_full" "$cpu_full"
printf '%-44s %10s       %8s   (target >= 0.70)\n' "ratio /healthz : bare (req/s, CPU)" "$ratio" "$cpu_ratio"
echo "wrk -t1 -c$connections -d$duration on core $client_core, servers with 1 thread on core $server_core; best of 3 alternating runs; $(date -u +%Y-%m-%dT%H:%MZ)"
