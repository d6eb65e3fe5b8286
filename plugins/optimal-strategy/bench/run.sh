#!/bin/sh
# Benchmark (not a test): optimal vs greedy strategy on 1k x 4k, 5k x 20k and 10k x 50k random requests.
# Usage: plugins/optimal-strategy/bench/run.sh [repeats=3]   (after mvn install of core/api, core/testkit and greedy)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
mkdir -p target/bench-classes
javac --release 17 -d target/bench-classes -cp "$cp" bench/OptimalBench.java
exec java -Xmx4g -cp "target/bench-classes:$cp" io.mentorhub.plugins.optimal.OptimalBench "$@"
