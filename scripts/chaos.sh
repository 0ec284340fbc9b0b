#!/usr/bin/env bash
# Faults on purpose: a broker, a platform and a simulator as three processes on 127.0.0.1; the platform is killed
# with -9 and restarted on a schedule, the broker once; the platform's payment provider declines 30 % of charges
# and is down for two minutes, and both processes get 5 % of their Kafka records twice and every record up to
# 100 ms late (so partitions overtake each other); each moving driver reports its position every 4 s (so
# snapshots hold reports and restarts fold them); the simulator's run is drained (every ride must end), then
# `ridematch audit --drained` and the independent check-lifecycle.py read the whole log. Prints a table of what
# was injected and what the audit found; exits 1 if a rule is broken or a ride was lost.
#
#   scripts/chaos.sh                      # small town, 07:00 for 1h at speed 40: platform killed 3 times, broker once
#   CHAOS_PLATFORM_KILLS=5 CHAOS_BROKER_KILLS=0 scripts/chaos.sh
#
# Needs target/ridematch.jar, kcat and python3. Everything it starts it stops, by PID.
set -euo pipefail
. "$(dirname "$0")/jdk.sh" # a JDK 21+, and RIDEMATCH_JAVA to run the jar with
cd "$(dirname "$0")/.."
JAR=target/ridematch.jar
PLATFORM_KILLS=${CHAOS_PLATFORM_KILLS:-3}
BROKER_KILLS=${CHAOS_BROKER_KILLS:-1}
# 40: the run (an hour, then its drain) outlasts the four faults with a margin; at 60, with restarts slower with
# pings, CI's run once ended before the broker's kill
SPEED=${CHAOS_SPEED:-40}
DURATION=${CHAOS_DURATION:-1h}
EVERY=${CHAOS_EVERY:-14}        # wall seconds between faults
DOWN=${CHAOS_DOWN:-3}           # wall seconds a killed process stays down
RECORD_FAULTS=${CHAOS_RECORD_FAULTS:---kafka-fault-duplicate 0.05 --kafka-fault-delay 100ms}
PAYMENT_FAULTS=${CHAOS_PAYMENT_FAULTS:---payment-failure-rate 0.3 --payment-outage 07:40+2m}
LOCATION_EVERY=${CHAOS_LOCATION_EVERY:-4s} # 0s: drivers report only at pickup and drop-off
SNAPSHOT_EVERY=${CHAOS_SNAPSHOT_EVERY:-5s} # so that restarts begin from a snapshot, some killed while writing one
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BOOT=127.0.0.1:$PORT
WORK=$(mktemp -d)
broker_pid=""
platform_pid=""
simulator_pid=""
cleanup() {
  for pid in $simulator_pid $platform_pid $broker_pid; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${CHAOS_KEEP:-}" ]; then echo "chaos: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# wait_for LOG TEXT SECONDS: until the process writing LOG says TEXT; prints the seconds it took
wait_for() {
  local start waited=0
  start=$(date +%s.%N)
  while ! grep -q "$2" "$1" 2>/dev/null; do
    sleep 0.1
    waited=$((waited + 1))
    if [ "$waited" -gt $(($3 * 10)) ]; then
      echo "chaos: gave up after $3 s waiting for '$2' in $1:" >&2
      tail -20 "$1" >&2
      exit 1
    fi
  done
  python3 -c "import time; print(f'{time.time() - $start:.1f}')"
}

broker_starts=0
start_broker() {
  # a log per start: a restart waits for its own "Kafka broker on", not the line the first start left
  broker_starts=$((broker_starts + 1))
  local log="$WORK/broker-$broker_starts.log"
  $RIDEMATCH_JAVA -jar "$JAR" broker --port "$PORT" --data-dir "$WORK/kafka" > "$log" 2>&1 &
  broker_pid=$!
  wait_for "$log" "Kafka broker on" 60 > /dev/null
}

platform_starts=0
start_platform() {
  platform_starts=$((platform_starts + 1))
  local log="$WORK/platform-$platform_starts.log"
  # shellcheck disable=SC2086 # the fault flags are words
  $RIDEMATCH_JAVA -jar "$JAR" platform --kafka-bootstrap "$BOOT" --http-port 0 --progress-every 0s \
    --snapshot-every "$SNAPSHOT_EVERY" $RECORD_FAULTS $PAYMENT_FAULTS > "$log" 2>&1 &
  platform_pid=$!
  local ready
  ready=$(wait_for "$log" "platform serving" 120)
  local rebuilt
  rebuilt=$(grep -o "state rebuilt [^;]*" "$log" || echo "?")
  if grep -q "from snapshot" "$log"; then echo "$platform_starts" >> "$WORK/from-snapshot"; fi
  echo "$ready" >> "$WORK/ready-seconds"
  echo "chaos: platform #$platform_starts ready in $ready s ($rebuilt)"
}

start_broker
start_platform
$RIDEMATCH_JAVA -jar "$JAR" simulator --kafka-bootstrap "$BOOT" --scenario simulator/scenarios/small-town.yaml \
  --duration "$DURATION" --speed "$SPEED" --drain --location-every "$LOCATION_EVERY" --progress-every 10s \
  --report "$WORK/simulator.json" $RECORD_FAULTS \
  > "$WORK/simulator.log" 2>&1 &
simulator_pid=$!
echo "chaos: simulator running (small town, $DURATION at speed $SPEED, drained, positions every $LOCATION_EVERY);" \
  "a process killed every $EVERY s"
echo "chaos: record faults: ${RECORD_FAULTS:-none}; payment faults: ${PAYMENT_FAULTS:-none}"

platform_killed=0
broker_killed=0
while [ "$platform_killed" -lt "$PLATFORM_KILLS" ] || [ "$broker_killed" -lt "$BROKER_KILLS" ]; do
  sleep "$EVERY"
  kill -0 "$simulator_pid" 2>/dev/null || { echo "chaos: the simulator ended before every fault was injected" >&2; break; }
  if [ "$platform_killed" -lt "$PLATFORM_KILLS" ]; then
    kill -9 "$platform_pid"; wait "$platform_pid" 2>/dev/null || true
    platform_killed=$((platform_killed + 1))
    echo "chaos: platform killed with -9 ($platform_killed of $PLATFORM_KILLS)"
    sleep "$DOWN"
    start_platform
  else
    kill -9 "$broker_pid"; wait "$broker_pid" 2>/dev/null || true
    broker_killed=$((broker_killed + 1))
    echo "chaos: broker killed with -9 ($broker_killed of $BROKER_KILLS)"
    sleep "$DOWN"
    start_broker
    echo "chaos: broker back"
  fi
done

sim_rc=0
wait "$simulator_pid" || sim_rc=$?
simulator_pid=""
tail -22 "$WORK/simulator.log"
sleep 2 # the platform's last records

audit_rc=0
$RIDEMATCH_JAVA -jar "$JAR" audit --drained --kafka-bootstrap "$BOOT" > "$WORK/audit.txt" 2>&1 || audit_rc=$?
cat "$WORK/audit.txt"
kcat -C -b "$BOOT" -t ride-events -e -J -q > "$WORK/ride-events.jsonl"
check_rc=0
python3 scripts/check-lifecycle.py --drained < "$WORK/ride-events.jsonl" > "$WORK/check.txt" 2>&1 || check_rc=$?
cat "$WORK/check.txt"

python3 - "$WORK" "$platform_killed" "$broker_killed" "$sim_rc" "$audit_rc" "$check_rc" "$PLATFORM_KILLS" \
  "$BROKER_KILLS" <<'PY'
import json, os, re, sys
work, platform_kills, broker_kills, sim_rc, audit_rc, check_rc, platform_wanted, broker_wanted = \
    sys.argv[1], *map(int, sys.argv[2:])
audit = open(f"{work}/audit.txt").read()
def grab(pattern, text=audit):
    m = re.search(pattern, text)
    return int(m.group(1).replace(",", "")) if m else -1
report = json.load(open(f"{work}/simulator.json")) if sim_rc == 0 else {"outcomes": {}}
o = report["outcomes"]
ready = [float(x) for x in open(f"{work}/ready-seconds").read().split()]
rows = [
    ("platform killed with -9, restarted", platform_kills),
    ("broker killed with -9, restarted", broker_kills),
    ("platform ready after a restart (s)", "max %.1f" % max(ready[1:]) if len(ready) > 1 else "-"),
    ("restarts that began from a snapshot", len(open(f"{work}/from-snapshot").read().split())
        if os.path.exists(f"{work}/from-snapshot") else 0),
    ("rides requested", o.get("requested", "?")),
    ("completed and paid", o.get("paid", "?")),
    ("completed, payment failed after retries", o.get("paymentFailed", "?")),
    ("cancelled", o.get("cancelled", "?")),
    ("lost (never ended)", max(0, grab(r"([\d,]+) rides had not ended", open(f"{work}/simulator.log").read()))),
    ("lifecycle violations (audit --drained)", grab(r"lifecycle violations: +([\d,]+)")),
    ("duplicate ce_id", grab(r"duplicate ce_id: +([\d,]+)")),
    ("check-lifecycle.py violations", grab(r"(\d+) violations", open(f"{work}/check.txt").read())),
]
print("\nchaos summary")
for name, value in rows:
    print(f"  {name:<40} {value}")
lost = rows[[r[0] for r in rows].index("lost (never ended)")][1]
short = platform_kills < platform_wanted or broker_kills < broker_wanted
failed = sim_rc != 0 or audit_rc != 0 or check_rc != 0 or lost != 0 or short
if not failed:
    print("chaos: every ride ended, each exactly once, no rule broken")
elif short:
    print(f"chaos: FAILED (faults injected: platform {platform_kills} of {platform_wanted}, broker {broker_kills} "
          f"of {broker_wanted}; a slower CHAOS_SPEED gives them time)")
else:
    print("chaos: FAILED")
sys.exit(1 if failed else 0)
PY
