#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs dev.tractor.bench.WireBench: tractor's Channel against raw
# sockets between two JVMs, over TCP and Unix-domain sockets (about 3 minutes on 2 cores by default).
#
#   bench/wire.sh                                   # every transport, mode and thread kind
#   bench/wire.sh --transport uds --mode latency    # a subset
#   bench/wire.sh --samples 5 --messages 200000     # fewer or smaller samples
#
# Environment: SKIP_BUILD=1 reuses an existing jar; JAVA_OPTS are options for the measuring (parent) JVM.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. bin/lib/jdk.sh

jar=bench/target/benchmarks.jar
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -B -q -ntp -pl bench -am package -DskipTests
fi

echo "# machine: $(nproc) cores, $(uname -srm)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$jar" dev.tractor.bench.WireBench "$@"
