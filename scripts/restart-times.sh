#!/usr/bin/env bash
# How long a platform takes to restart on a log: with snapshots off (the whole log read), then with them on
# (from the latest snapshot, or the whole log again when there is none yet; it writes one), then from the
# snapshot that second start wrote. DIR holds the embedded broker's log; when it has none, a whole day of the
# scenario is simulated into it first (New York: about four minutes, 4.5 million events).
#   scripts/restart-times.sh DIR [SCENARIO]      e.g. scripts/restart-times.sh /tmp/nyday new-york
# Prints, per start: rebuild line, ready (JVM start to "platform serving"), resident memory, and for the second
# start when the read model had read the whole log. Needs target/ridematch.jar and curl; uses HTTP port 18080.
set -euo pipefail
. "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
JAR=target/ridematch.jar
DIR=${1:?usage: scripts/restart-times.sh DIR [SCENARIO]}
SCENARIO=${2:-new-york}
PORT=18080
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

if [ ! -d "$DIR/kafka" ]; then
  echo "simulating a whole day of $SCENARIO into $DIR ..."
  $RIDEMATCH_JAVA -jar "$JAR" simulate --scenario "$SCENARIO" --duration 1d --speed max --data-dir "$DIR" \
    --progress-every 30s | tail -4
fi

# start NAME UNTIL [OPTION...]: a platform on DIR; measures ready, waits (10 min at most) until UNTIL holds, stops it by SIGTERM
start() {
  local log="$DIR/restart-$1.log" t0 ready="" rss=""
  t0=$(date +%s.%N)
  $RIDEMATCH_JAVA -jar "$JAR" platform --scenario "$SCENARIO" --data-dir "$DIR" --http-port $PORT \
    --progress-every 10s "${@:3}" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    kill -0 "$pid" 2>/dev/null || { echo "the platform ended:"; cat "$log"; exit 1; }
    if [ -z "$ready" ] && grep -q "platform serving" "$log"; then
      ready=$(echo "$(date +%s.%N) - $t0" | bc)
    fi
    if [ -n "$ready" ] && $2 "$log"; then break; fi
    sleep 0.5
  done
  [ -n "$ready" ] && $2 "$log" || { echo "gave up after 10 min waiting for the $1 start:"; cat "$log"; exit 1; }
  rss=$(ps -o rss= -p "$pid")
  kill -TERM "$pid"
  wait "$pid" || true
  pid=
  echo "== $1"
  grep "state rebuilt\|not usable\|not of this log\|city view" "$log" | sed 's/^ridematch: /  /'
  printf '  ready %.1f s after the JVM started; %d MiB resident when stopped\n' "$ready" $((rss / 1024))
}
serving() { grep -q "platform serving" "$1"; }
read_model_rebuilt() { grep -q "city view (read model, live map) rebuilt" "$1"; }
snapshot_written() {
  local metrics
  metrics=$(curl -s "localhost:$PORT/metrics") || return 1
  grep -q '^ridematch_snapshots_written_total [1-9]' <<< "$metrics" && { ! grep -q "from snapshot" "$1" || read_model_rebuilt "$1"; }
}

start "snapshots off" serving --snapshot-every 0s
start "snapshots on" snapshot_written
start "from the snapshot" read_model_rebuilt
