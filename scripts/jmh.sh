#!/usr/bin/env bash
# Runs the JMH benchmarks (src/test/java/io/ridematch/bench) with any JMH options, e.g.
#   scripts/jmh.sh NearestDriverBenchmark -f 3 -wi 3 -i 5
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh # a JDK 21+, and RIDEMATCH_JAVA
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test
exec $RIDEMATCH_JAVA --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main "$@"
