#!/bin/sh
# Benchmark (not a test): a program's metrics over a large company, on H2 (file) and PostgreSQL.
# Usage: core/engine/bench/program-metrics.sh [people=100000] [pairings=5000]   (after mvn install)
# PostgreSQL: MENTORHUB_TEST_PG_URL, or a throw-away server from Debian's postgresql package.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  io.mentorhub.engine.bench.ProgramMetricsBenchmark "$@"
