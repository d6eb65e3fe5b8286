#!/bin/sh
# Benchmark (not a test): peer strategy on pools of 300 (every pair), 1,000, 3,000 and 10,000 (30 peers each).
# Usage: plugins/peer-strategy/bench/run.sh   (after mvn install of core/api and core/testkit)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
# Compiled into the plugin's package, on the same class path, so it can reach package-private classes.
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$CP" bench/PeerBench.java
exec java -Xmx2g -cp "target/bench-classes:$CP" io.mentorhub.plugins.peer.PeerBench "$@"
