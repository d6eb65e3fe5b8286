#!/bin/sh
# Benchmark (not a test): group strategy on 150×500, 750×2,500 and 3,000×10,000 mentors×mentees.
# Usage: plugins/group-strategy/bench/run.sh   (after mvn install of core/api and core/testkit)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
# Compiled into the plugin's package, on the same class path, so it can reach package-private classes.
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$CP" bench/GroupBench.java
exec java -Xmx2g -cp "target/bench-classes:$CP" io.mentorhub.plugins.group.GroupBench "$@"
