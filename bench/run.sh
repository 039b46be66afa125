#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the JMH benchmarks of dev.tractor.bench.
#
#   bench/run.sh                                  # every benchmark (about 2 minutes on 2 cores)
#   bench/run.sh SpawnJoin                        # only the benchmarks whose name matches a regex
#   bench/run.sh PingPong -prof gc                # any JMH option is passed through (java -jar ... -h)
#   bench/run.sh -rf json -rff /tmp/result.json   # also write machine-readable results
#
# Environment: SKIP_BUILD=1 reuses an existing jar; JAVA_OPTS are options for the JMH launcher JVM
# (the benchmarks themselves run in forked JVMs configured by their @Fork annotations).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. bin/lib/jdk.sh

jar=bench/target/benchmarks.jar
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -B -q -ntp -pl bench -am package -DskipTests
fi

echo "# machine: $(nproc) cores, $(uname -srm)"
java -version 2>&1 | sed 's/^/# /'
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
