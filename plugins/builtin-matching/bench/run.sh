#!/bin/sh
# Benchmark (not a test): every built-in scorer and constraint on 2,000 x 2,000 and 5,000 x 5,000 random pools.
# Usage: plugins/builtin-matching/bench/run.sh [repeats=3]   (after mvn install of core/api)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
mkdir -p target/bench-classes
javac --release 17 -d target/bench-classes -cp "$cp" bench/ScorerBench.java
exec java -Xmx2g -cp "target/bench-classes:$cp" io.mentorhub.plugins.matching.ScorerBench "$@"
