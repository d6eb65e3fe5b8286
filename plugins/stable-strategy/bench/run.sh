#!/bin/sh
# Benchmark (not a test): deferred acceptance on 1k×4k, 5k×20k and 10k×50k mentors×mentees.
# Usage: plugins/stable-strategy/bench/run.sh   (after mvn install of core/api and core/testkit)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
# Compiled into the plugin's package, on the same class path, so it can reach the package-private checker.
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$CP" bench/StableBench.java
exec java -Xmx2g -cp "target/bench-classes:$CP" io.mentorhub.plugins.stable.StableBench "$@"
