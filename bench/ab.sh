#!/usr/bin/env bash
# A/B of two Beacon node builds on the same load generator, alternated so both meet the same
# machine: bench/ab.sh BUILD_A BUILD_B ROUNDS SCENARIO... (a build is a folder holding
# beacon-server.dll, e.g. a copy of src/Beacon.Host/bin/Release/net10.0). Each round starts a fresh
# node of A, measures one run of every scenario, stops it, then does the same for B. Prints one
# line per run: round, build, then the load generator's summary row. A build folder may hold a file
# ab.env of NAME=value lines: the node of that build runs with them in its environment (to compare
# runtime settings on one build). CONCURRENCY (default 64), WARMUP and DURATION pass to the load generator.
# With `trivial` as the first scenario, every later row ends with its server CPU per operation as a
# multiple of the trivial endpoint's in the same round and build ("x trivial"): on this shared machine
# the absolute figure moves by ±30 % with other tenants' load, the multiple by a few percent.
set -euo pipefail
a=$1 b=$2 rounds=$3; shift 3
root="$(cd "$(dirname "$0")/.." && pwd)"
loadgen="$root/bench/Beacon.LoadGen/bin/Release/net10.0/beacon-loadgen.dll"
node_pid=""
trap '[ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null || true' EXIT INT TERM

run_build() { # build-label build-dir scenario...
  local label=$1 dir=$2 port=$((20000 + RANDOM % 20000))
  shift 2
  local settings=() trivial_cpu=""
  [ -f "$dir/ab.env" ] && mapfile -t settings < "$dir/ab.env"
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production "${settings[@]}" dotnet beacon-server.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  node_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  for scenario in "$@"; do
    row=$(dotnet "$loadgen" "$scenario" --server "http://127.0.0.1:$port" --server-pid "$node_pid" \
            --runs 1 --warmup "${WARMUP:-20s}" --duration "${DURATION:-5s}" --concurrency "${CONCURRENCY:-64}" | grep "^| $scenario |")
    local cpu multiple=""
    cpu=$(echo "$row" | awk -F'|' '{ gsub(/ /, "", $9); print $9 }')
    if [ "$scenario" = trivial ]; then
      trivial_cpu=$cpu
    elif [ -n "$trivial_cpu" ]; then
      multiple=$(awk -v a="$cpu" -v t="$trivial_cpu" 'BEGIN { printf " x trivial %.2f", a / t }')
    fi
    echo "round $round $label $row load $(cut -d' ' -f1 /proc/loadavg)$multiple"
  done
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=""
}

for round in $(seq "$rounds"); do
  run_build A "$a" "$@"
  run_build B "$b" "$@"
done
