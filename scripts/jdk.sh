# Sourced by ./ridematch, .ci/run and the check scripts: puts a JDK 21 or newer first on PATH (the jar is Java 21
# bytecode) and sets RIDEMATCH_JAVA, the command that runs the jar. Looks at JAVA_HOME, then java on PATH, then the
# JDKs under RIDEMATCH_JVM_DIR (default /usr/lib/jvm). On Java 23+ the embedded Kafka broker's memory-mapped
# index files would make the JVM warn about sun.misc.Unsafe (Kafka's ByteBufferUnmapper), and Maven's Guava too;
# that access is allowed, so a run and a build print only their own lines.
ridematch_java_feature() { # the feature release of the java binary $1 (17, 21, 25), or 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}
ridematch_find_jdk() {
  local candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" \
      "${RIDEMATCH_JVM_DIR:-/usr/lib/jvm}"/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    if [ "$(ridematch_java_feature "$candidate" || echo 0)" -ge 21 ] 2>/dev/null; then
      dirname "$(dirname "$(readlink -f "$candidate")")"
      return 0
    fi
  done
  return 1
}
if ! RIDEMATCH_JDK="$(ridematch_find_jdk)"; then
  echo "ridematch: needs Java 21 or newer (java -version here says $(java -version 2>&1 | head -1 || echo none));" \
    "set JAVA_HOME to a JDK 21+" >&2
  exit 1
fi
export JAVA_HOME="$RIDEMATCH_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# G1 with a 50 ms pause goal instead of its 200: a young collection inside a bus handler counts as that handler's
# time, and at G1's default New York's day saw its longest handler at 163-178 ms against 87-114 ms with the goal,
# the throughput the same within this machine's noise (BENCHMARKS.md, "Collection pauses and the longest handler")
RIDEMATCH_JAVA="$JAVA_HOME/bin/java -XX:MaxGCPauseMillis=50"
if [ "$(ridematch_java_feature "$JAVA_HOME/bin/java")" -ge 23 ]; then
  RIDEMATCH_JAVA="$RIDEMATCH_JAVA --sun-misc-unsafe-memory-access=allow"
  # Maven 3.8's own Guava does the same on start; the test JVMs get the flag from the pom's java-23 profile
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access=allow "*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
export RIDEMATCH_JAVA
