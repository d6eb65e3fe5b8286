#!/bin/sh
# Benchmark (not a test): a 100,000-person connector sync through the engine into embedded H2, against a raw
# fetch-and-parse baseline of the same pages, and an incremental sync of 1 % changed.
# Usage: benchmarks/sync/run.sh [people=100000] [page_size=1000] [repeats=3]
# Needs the engine and the fixture connector in the local repository first (mvn -B install -DskipTests at the root).
# MAVEN_REPO=/path: a local repository other than ~/.m2/repository (as for the install).
set -eu
cd "$(dirname "$0")"
mvn -B -o -q ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
exec java -Xmx512m -XX:+UseSerialGC -cp "target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  io.mentorhub.benchmark.sync.SyncBenchmark "$@"
