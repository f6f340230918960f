#!/usr/bin/env bash
# Allocation and GC per request of a Beacon node under one load-generator scenario, read from the
# node's own /metrics (dotnet_gc_* and http_server_request_duration_seconds_count) over 8 s of a
# steady run. Unlike CPU time, bytes allocated per request do not move with the machine's load, so
# they show an allocation change exactly: bench/gc-per-request.sh BUILD_DIR SCENARIO
# (BUILD_DIR holds beacon-server.dll, e.g. a copy of src/Beacon.Host/bin/Release/net10.0).
set -euo pipefail
dir=$1 scenario=$2 port=$((20000 + RANDOM % 20000))
root="$(cd "$(dirname "$0")/.." && pwd)"
loadgen="$root/bench/Beacon.LoadGen/bin/Release/net10.0/beacon-loadgen.dll"
before=$(mktemp) after=$(mktemp)
(cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet beacon-server.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
node=$!
trap 'kill "$node" 2>/dev/null || true; rm -f "$before" "$after"' EXIT INT TERM
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

sample() { # name value lines, sorted for join
  curl -s "http://127.0.0.1:$port/metrics" | awk '
    /^dotnet_gc_collections_total/ { match($0, /gen[0-9]/); print "gc_" substr($0, RSTART, 4), $NF }
    /^dotnet_gc_heap_total_allocated_bytes_total/ { print "allocated", $NF }
    /^dotnet_gc_pause_time_seconds_total/ { print "pause", $NF }
    /^http_server_request_duration_seconds_count/ { requests += $NF }
    END { print "requests", requests }'
  echo "cpu $(awk '{ print ($14 + $15) / 100 }' "/proc/$node/stat")"
}

# 20 s of warm-up (the JIT settles), then 8 s sampled inside the 12 s measured run.
dotnet "$loadgen" "$scenario" --server "http://127.0.0.1:$port" --server-pid "$node" \
  --runs 1 --warmup 20s --duration 12s | grep "^| $scenario |" &
load=$!
sleep 28; sample | sort > "$before"; sleep 8; sample | sort > "$after"
wait "$load"
join "$before" "$after" | awk '{ d[$1] = $3 - $2 } END {
  r = d["requests"]
  printf "%d requests: %.0f B allocated, %.2f µs GC pause, %.1f µs CPU per request; collections gen0 %d, gen1 %d, gen2 %d\n",
    r, d["allocated"] / r, d["pause"] * 1e6 / r, d["cpu"] * 1e6 / r, d["gc_gen0"], d["gc_gen1"], d["gc_gen2"] }'
