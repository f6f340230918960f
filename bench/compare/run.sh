#!/usr/bin/env bash
# Beacon, etcd and ZooKeeper side by side (see README.md beside this file). Never run by CI.
#   bench/compare/run.sh --install          # apt-get install etcd-server and zookeeper (as root), then stop
#   bench/compare/run.sh [compare options]  # build, then run the comparison; options go to `beacon-loadgen compare`
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${CI:-}" = "true" ]; then
  echo "bench/compare is a manual benchmark; it does not run in CI." >&2
  exit 0
fi

if [ "${1:-}" = "--install" ]; then
  # policy-rc.d 101 keeps the packages' post-install scripts from starting system-wide daemons:
  # the benchmark starts its own servers, on loopback ports, with data in temp folders.
  created_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    created_policy=yes
  fi
  trap '[ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends etcd-server zookeeper default-jre-headless
  etcd --version | head -n 1
  dpkg-query -W -f='zookeeper ${Version}\n' zookeeper
  exit 0
fi

for needed in /usr/bin/etcd /usr/share/java/zookeeper.jar; do
  [ -e "$needed" ] || { echo "$needed is missing: run bench/compare/run.sh --install first." >&2; exit 1; }
done

dotnet build -c Release Beacon.slnx -v quiet -nologo
loadgen=bench/Beacon.LoadGen/bin/Release/net10.0/beacon-loadgen.dll

# The load generator starts every server itself and stops it (by pid) at the end of each case, on
# Ctrl+C and on errors; this trap only forwards an interrupt to it.
dotnet "$loadgen" compare "$@" &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' INT TERM
wait "$pid"
