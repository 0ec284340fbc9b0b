#!/usr/bin/env bash
# A three-node Kafka cluster on one machine: three `ridematch broker` processes forming one KRaft cluster on
# 127.0.0.1 (topics with three replicas, min.insync.replicas 2), a platform and a drained simulator on it; one
# node is killed with -9 mid-run and stays down. Afterwards, Kafka's own replication-test criterion: every record
# the two processes had acknowledged is in the log, read from the two nodes left; then `audit --drained`.
#
#   scripts/cluster.sh                   # small town, 07:00 for 30 min at speed 60, node 2 killed 12 s in
#   CLUSTER_KILL_NODE=1 scripts/cluster.sh
#   CLUSTER_KILL_NODE=0 CLUSTER_SPEED=600 CLUSTER_DURATION=1h scripts/cluster.sh   # no node killed: what RF 3 costs
#
# Needs target/ridematch.jar, kcat and python3. Everything it starts it stops, by PID.
set -euo pipefail
. "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
JAR=target/ridematch.jar
SPEED=${CLUSTER_SPEED:-60}
DURATION=${CLUSTER_DURATION:-30m}
KILL_AFTER=${CLUSTER_KILL_AFTER:-12} # wall seconds after the simulator started
KILL_NODE=${CLUSTER_KILL_NODE:-2}
WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -a ports controller_ports broker_pids
for n in 1 2 3; do ports[$n]=$(free_port); controller_ports[$n]=$(free_port); done
CONTROLLERS="1@127.0.0.1:${controller_ports[1]},2@127.0.0.1:${controller_ports[2]},3@127.0.0.1:${controller_ports[3]}"
BOOT="127.0.0.1:${ports[1]},127.0.0.1:${ports[2]},127.0.0.1:${ports[3]}"
platform_pid=""
simulator_pid=""
cleanup() {
  for pid in $simulator_pid $platform_pid "${broker_pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${CLUSTER_KEEP:-}" ]; then echo "cluster: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# wait_for LOG TEXT SECONDS: until the process writing LOG says TEXT
wait_for() {
  for _ in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "cluster: gave up after $3 s waiting for '$2' in $1:" >&2
  tail -20 "$1" >&2
  exit 1
}

for n in 1 2 3; do
  $RIDEMATCH_JAVA -jar "$JAR" broker --node-id "$n" --controllers "$CONTROLLERS" --port "${ports[$n]}" \
    --data-dir "$WORK/node-$n" > "$WORK/node-$n.log" 2>&1 &
  broker_pids[$n]=$!
done
for n in 1 2 3; do wait_for "$WORK/node-$n.log" "Kafka broker on" 150; done
echo "cluster: three nodes up ($BOOT)"

$RIDEMATCH_JAVA -jar "$JAR" platform --kafka-bootstrap "$BOOT" --http-port 0 --progress-every 0s \
  --report "$WORK/platform.json" > "$WORK/platform.log" 2>&1 &
platform_pid=$!
wait_for "$WORK/platform.log" "platform serving" 120
$RIDEMATCH_JAVA -jar "$JAR" simulator --kafka-bootstrap "$BOOT" --scenario simulator/scenarios/small-town.yaml \
  --duration "$DURATION" --speed "$SPEED" --drain --progress-every 10s --report "$WORK/simulator.json" \
  > "$WORK/simulator.log" 2>&1 &
simulator_pid=$!
echo "cluster: platform serving, simulator running (small town, $DURATION at speed $SPEED, drained)"

LEFT=$BOOT
if [ "$KILL_NODE" != 0 ]; then
  sleep "$KILL_AFTER"
  kill -0 "$simulator_pid" 2>/dev/null || { echo "cluster: the simulator ended before the node was killed" >&2; exit 1; }
  kill -9 "${broker_pids[$KILL_NODE]}"
  wait "${broker_pids[$KILL_NODE]}" 2>/dev/null || true
  echo "cluster: node $KILL_NODE killed with -9 $KILL_AFTER s into the run; it stays down"
  LEFT=$(for n in 1 2 3; do [ "$n" != "$KILL_NODE" ] && printf '127.0.0.1:%s,' "${ports[$n]}"; done)
  LEFT=${LEFT%,}
fi

sim_rc=0
wait "$simulator_pid" || sim_rc=$?
simulator_pid=""
tail -16 "$WORK/simulator.log"
sleep 2 # the platform's last records
kill -TERM "$platform_pid"
platform_rc=0
wait "$platform_pid" || platform_rc=$?
platform_pid=""
grep "kafka  " "$WORK/platform.log" || true

audit_rc=0
$RIDEMATCH_JAVA -jar "$JAR" audit --drained --kafka-bootstrap "$LEFT" > "$WORK/audit.txt" 2>&1 || audit_rc=$?
cat "$WORK/audit.txt"
# every record of every topic the two processes write (snapshots have a producer of their own), from the nodes left
: > "$WORK/counts"
for topic in ride-events driver-events ride-commands ride-offers offer-answers sim-clock ride-events.dlq; do
  echo "$topic $(kcat -C -b "$LEFT" -t "$topic" -e -q -f 'r\n' | wc -l)" >> "$WORK/counts"
done

python3 - "$WORK" "$sim_rc" "$platform_rc" "$audit_rc" "$KILL_NODE" <<'PY'
import json, re, sys
work, sim_rc, platform_rc, audit_rc, node = sys.argv[1], *map(int, sys.argv[2:])
counts = {t: int(n) for t, n in (line.split() for line in open(f"{work}/counts"))}
acked = {}
for name in ("simulator", "platform"):
    try:
        acked[name] = json.load(open(f"{work}/{name}.json"))["performance"]["kafkaRecords"]
    except (OSError, KeyError, ValueError):
        acked[name] = None
audit = open(f"{work}/audit.txt").read()
m = re.search(r"lifecycle violations: +([\d,]+)", audit)
violations = int(m.group(1).replace(",", "")) if m else -1
in_log = sum(counts.values())
total_acked = sum(v for v in acked.values() if v is not None)
print("\ncluster summary")
print(f"  {'node killed with -9, left down':<44} " + (f"node {node}" if node else "none"))
print(f"  {'records acknowledged, simulator':<44} {acked['simulator']}")
print(f"  {'records acknowledged, platform':<44} {acked['platform']}")
print(f"  {'records in the log, read from the nodes up':<44} {in_log}")
for topic, n in counts.items():
    print(f"    {topic:<42} {n}")
print(f"  {'lifecycle violations (audit --drained)':<44} {violations}")
failed = (sim_rc != 0 or platform_rc not in (0, 143) or audit_rc != 0 or None in acked.values()
          or in_log < total_acked or violations != 0)
print("cluster: " + ("FAILED" if failed else
      f"every acknowledged record is in the log ({in_log} of {total_acked} acknowledged), no rule broken"))
sys.exit(1 if failed else 0)
PY
