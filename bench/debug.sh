#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and measures what debug mode costs (issue 13):
#   dev.tractor.bench.DebugBench: what each mode adds to a root and its child (check), a root's start-up
#     (root) and spawn (spawn) with debug mode off, -Dtractor.debug=true and -Dtractor.debug=ide, the three
#     roots running side by side and spawning in turn (about 3 minutes on 2 cores);
#   dev.tractor.bench.DebugPauseBench: from Tractor.pause() in a grandchild to the root's REPL prompt,
#     answering 'continue' at each of N prompts (about 1 minute for 30).
#
#   bench/debug.sh                                        # both, with their default sample counts
#   bench/debug.sh --sections spawn --spawn-samples 30    # DebugBench options (--help lists them)
#   PAUSES=50 bench/debug.sh --sections check             # the pause benchmark with 50 pauses
#   SKIP_PAUSE=1 bench/debug.sh                           # DebugBench only
#
# Environment: SKIP_BUILD=1 reuses an existing jar; JAVA_OPTS are options for the driving JVMs (the roots
# they start get only their own options).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. bin/lib/jdk.sh

jar=bench/target/benchmarks.jar
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -B -q -ntp -pl bench -am package -DskipTests
fi

echo "# machine: $(nproc) cores, $(uname -srm), $(free -g | awk '/^Mem:/ {print $2 " GB"}'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
status=0
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$jar" dev.tractor.bench.DebugBench "$@" || status=$?
[ "$status" = 2 ] && exit 2 # a usage error (or --help): nothing else to run
if [ "${SKIP_PAUSE:-0}" != 1 ]; then
  echo
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "$jar" dev.tractor.bench.DebugPauseBench "${PAUSES:-30}" || status=$?
fi
exit $status
