#!/bin/sh
# Benchmark (not a test): the SCIM lookups identity providers make (userName eq, externalId eq, a page with its total)
# against the people directory with 100,000 people, in H2 (file) and PostgreSQL.
# Usage: core/engine/bench/directory-lookup.sh [people=100000]   (after mvn install)
# PostgreSQL: MENTORHUB_TEST_PG_URL, or a throw-away server from Debian's postgresql package.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  io.mentorhub.engine.bench.DirectoryLookupBenchmark "$@"
