#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs dev.tractor.bench.ActorBench: child actors (each a JVM) against
# bare child JVMs and raw sockets, measured alternately in one run: spawn, spawn with JVM options (C1 and
# SerialGC, CDS, a JDK 25 AOT cache), call round trip, cancel, memory, and context streams (throughput of a
# stream of ints from a child, and send/receive round trips on a two-way stream, against raw frames over a
# Unix-domain socket between the same two JVMs) (about 3 minutes on 2 cores; streams alone about 35 s).
#
#   bench/actors.sh                                   # every section
#   bench/actors.sh --sections spawn,calls            # a subset (spawn, flags, calls, cancel, memory, streams)
#   bench/actors.sh --sections calls,streams          # portal.run and stream round trips in the same run
#   bench/actors.sh --spawn-samples 10 --calls 5000   # fewer or smaller samples (--help lists them all)
#
# Environment: SKIP_BUILD=1 reuses an existing jar; JAVA_OPTS are options for the measuring (parent) JVM.
# Tractor's children get the options each section names, plus what ChildJvm inherits from the parent
# (-Dtractor.* properties, for example -Dtractor.ipc.threads=platform in JAVA_OPTS).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. bin/lib/jdk.sh

jar=bench/target/benchmarks.jar
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -B -q -ntp -pl bench -am package -DskipTests
fi

echo "# machine: $(nproc) cores, $(uname -srm), $(free -g | awk '/^Mem:/ {print $2 " GB"}'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$jar" dev.tractor.bench.ActorBench "$@"
