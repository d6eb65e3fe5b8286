#!/bin/sh
# Benchmark (not a test): the optimal, greedy and stable strategies against OR-Tools min-cost flow.
# Usage: benchmarks/matching/run.sh [a] [b] [c] [--dimacs FILE]... [--write-dimacs DIR] [--seed N] [--warmups N] [--warmup-seconds S] [--repeats N]
# Needs the strategy plugins in the local repository first: mvn -B install -DskipTests (at the root).
set -eu
cd "$(dirname "$0")"
mvn -B -o -q package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
exec java -Xmx2g -cp "target/classes:$(cat target/bench.classpath)" io.mentorhub.benchmark.matching.MatchingBenchmark "$@"
