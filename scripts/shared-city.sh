#!/usr/bin/env bash
# Several platform processes share one city: a broker, SHARED_PLATFORMS platforms (consumer group
# ridematch-platform, one --instance each) and two simulators as processes on 127.0.0.1, a small town drained.
# Kafka's range assignment gives each platform the zones of its partitions. With SHARED_KILL=1 (the default) the
# last platform is killed with -9 mid-run and not restarted: the others take its zones over after the group's 6 s
# session timeout and rebuild them from the log. Then `ridematch audit --drained` reads the whole log. Prints
# how long the killed platform's zones went without an assignment, how the work was split, the outcomes, and
# what the surviving first platform's city-wide view shows; exits 1 if a rule is broken, a ride was lost,
# matching in the killed platform's zones did not resume, or that view misses a ride or an ending.
#
#   scripts/shared-city.sh                                   # 2 platforms, one killed
#   SHARED_PLATFORMS=3 SHARED_KILL=0 scripts/shared-city.sh  # 3 platforms, nothing killed (BENCHMARKS.md)
#
# Needs target/ridematch.jar, kcat, curl and python3. Everything it starts it stops, by PID.
set -euo pipefail
. "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
JAR=target/ridematch.jar
PLATFORMS=${SHARED_PLATFORMS:-2}
KILL=${SHARED_KILL:-1}
SPEED=${SHARED_SPEED:-60}
DURATION=${SHARED_DURATION:-1h}
KILL_AFTER=${SHARED_KILL_AFTER:-20}   # wall seconds into the simulators' run
PARTITIONS=${SHARED_PARTITIONS:-6}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BOOT=127.0.0.1:$PORT
WORK=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${SHARED_KEEP:-}" ]; then echo "shared-city: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

wait_for() { # LOG TEXT SECONDS
  local waited=0
  while ! grep -q "$2" "$1" 2>/dev/null; do
    sleep 0.1; waited=$((waited + 1))
    if [ "$waited" -gt $(($3 * 10)) ]; then
      echo "shared-city: gave up after $3 s waiting for '$2' in $1:" >&2; tail -20 "$1" >&2; exit 1
    fi
  done
}

$RIDEMATCH_JAVA -jar "$JAR" broker --port "$PORT" --partitions "$PARTITIONS" --data-dir "$WORK/kafka" \
  > "$WORK/broker.log" 2>&1 &
pids+=($!)
wait_for "$WORK/broker.log" "Kafka broker on" 60
platform_pids=()
for i in $(seq 1 "$PLATFORMS"); do
  $RIDEMATCH_JAVA -jar "$JAR" platform --kafka-bootstrap "$BOOT" --partitions "$PARTITIONS" --instance "p$i" \
    --http-port 0 --progress-every 0s > "$WORK/platform-$i.log" 2>&1 &
  pids+=($!); platform_pids+=($!)
  wait_for "$WORK/platform-$i.log" "platform serving" 120
done
sleep 8 # the group settles: every platform owns its zones
for s in 1 2; do
  $RIDEMATCH_JAVA -jar "$JAR" simulator --kafka-bootstrap "$BOOT" --partitions "$PARTITIONS" \
    --scenario simulator/scenarios/small-town.yaml --seed "$s" --duration "$DURATION" --speed "$SPEED" --drain \
    --progress-every 20s --report "$WORK/simulator-$s.json" > "$WORK/simulator-$s.log" 2>&1 &
  pids+=($!); eval "sim_$s=$!"
done
echo "shared-city: $PLATFORMS platforms, 2 simulators (small town, $DURATION at speed $SPEED, drained), $PARTITIONS zones"

killed_at=0
if [ "$KILL" = 1 ]; then
  sleep "$KILL_AFTER"
  victim=${platform_pids[$((PLATFORMS - 1))]}
  # the zones it decides, as it says on /api/cluster (Kafka's range assignment orders members by their ids)
  vport=$(grep -o 'API on http://localhost:[0-9]*' "$WORK/platform-$PLATFORMS.log" | grep -o '[0-9]*$')
  curl -s --max-time 5 "http://127.0.0.1:$vport/api/cluster" \
    | python3 -c 'import json, sys; print(" ".join(str(z["zone"]) for z in json.load(sys.stdin)["zones"]))' \
    > "$WORK/victim-zones"
  kill -9 "$victim"; wait "$victim" 2>/dev/null || true
  killed_at=$(python3 -c 'import time; print(int(time.time() * 1000))')
  echo "shared-city: platform p$PLATFORMS killed with -9, not restarted"
fi
sim_rc=0
# shellcheck disable=SC2154 # set by eval above
wait "$sim_1" || sim_rc=$?
wait "$sim_2" || sim_rc=$?
sleep 2
tail -3 "$WORK/simulator-1.log"
grep -h "now owns zones" "$WORK"/platform-*.log || true
# each live platform's match-latency histogram (request to assignment, wall time), merged below
for i in $(seq 1 "$PLATFORMS"); do
  port=$(grep -o 'API on http://localhost:[0-9]*' "$WORK/platform-$i.log" | grep -o '[0-9]*$' || true)
  if [ -n "$port" ]; then curl -s --max-time 5 "http://127.0.0.1:$port/metrics" > "$WORK/metrics-$i.txt" || true; fi
done
# the first platform's city-wide view (it lives on): it must show every ride of both simulators, ended
port=$(grep -o 'API on http://localhost:[0-9]*' "$WORK/platform-1.log" | grep -o '[0-9]*$' || true)
curl -s --max-time 5 "http://127.0.0.1:$port/api/stats" > "$WORK/stats-1.json" || true

audit_rc=0
$RIDEMATCH_JAVA -jar "$JAR" audit --drained --kafka-bootstrap "$BOOT" > "$WORK/audit.txt" 2>&1 || audit_rc=$?
cat "$WORK/audit.txt"
kcat -C -b "$BOOT" -t ride-events -e -q -f '%p %T %s\n' > "$WORK/ride-events.txt"

python3 - "$WORK" "$PLATFORMS" "$KILL" "$killed_at" "$sim_rc" "$audit_rc" "$PARTITIONS" <<'PY'
import json, re, sys
work, platforms, kill, killed_at, sim_rc, audit_rc, partitions = sys.argv[1], *map(int, sys.argv[2:])
# which zones the killed platform owned, as its /api/cluster said just before the kill
owned_last = set(map(int, open(f"{work}/victim-zones").read().split())) if kill else set()
assigned = []  # (partition, wall ms) of every DriverAssigned
for line in open(f"{work}/ride-events.txt"):
    p, ts, value = line.split(" ", 2)
    if '"driverPosition"' in value:
        assigned.append((int(p), int(ts)))
by_zone = {}
for p, ts in assigned:
    by_zone[p] = by_zone.get(p, 0) + 1
resumed = None
if kill:
    after = [ts for p, ts in assigned if p in owned_last and ts > killed_at]
    resumed = (min(after) - killed_at) / 1000 if after else None
import glob
buckets = {}
for path in glob.glob(f"{work}/metrics-*.txt"):
    for line in open(path):
        m = re.match(r'ridematch_match_latency_seconds_bucket\{.*le="([^"]+)".*\} ([0-9.eE+]+)', line)
        if m:
            le = float("inf") if m.group(1) == "+Inf" else float(m.group(1))
            buckets[le] = buckets.get(le, 0) + float(m.group(2))
def quantile(q):
    if not buckets or buckets[max(buckets)] == 0:
        return "?"
    total = buckets[max(buckets)]
    for le in sorted(buckets):
        if buckets[le] >= q * total:
            return f"<= {le * 1000:.0f} ms" if le != float("inf") else "> 30 s"
audit = open(f"{work}/audit.txt").read()
def grab(pattern):
    m = re.search(pattern, audit)
    return int(m.group(1).replace(",", "")) if m else -1
outcomes = [json.load(open(f"{work}/simulator-{s}.json"))["outcomes"] for s in (1, 2)] if sim_rc == 0 else []
kpis = [json.load(open(f"{work}/simulator-{s}.json")).get("kpis", {}) for s in (1, 2)] if sim_rc == 0 else []
print("\nshared-city summary")
rows = [("platform processes", platforms),
        ("assignments per zone (partition)", dict(sorted(by_zone.items()))),
        ("rides requested (both simulators)", sum(o.get("requested", 0) for o in outcomes) if outcomes else "?"),
        ("completed and paid", sum(o.get("paid", 0) for o in outcomes) if outcomes else "?"),
        ("cancelled", sum(o.get("cancelled", 0) for o in outcomes) if outcomes else "?"),
        ("lifecycle violations (audit --drained)", grab(r"lifecycle violations: +([\d,]+)")),
        ("duplicate ce_id", grab(r"duplicate ce_id: +([\d,]+)"))]
try:
    view = json.load(open(f"{work}/stats-1.json"))["outcomes"]
except (ValueError, KeyError):
    view = None
requested = sum(o.get("requested", 0) for o in outcomes) if outcomes else None
view_whole = view is not None and view["requested"] == requested and view["inFlight"] == 0
rows.append(("platform 1's view: requested, in flight", f"{view['requested']}, {view['inFlight']}" if view else "?"))
if kill:
    rows.insert(1, ("killed platform's zones", sorted(owned_last)))
    rows.insert(2, ("first assignment there after the kill (s)", "never" if resumed is None else f"{resumed:.1f}"))
rows.append(("match latency p50 / p99 (all platforms)", f"{quantile(0.5)} / {quantile(0.99)}"))
for k in kpis:
    for name in ("servedPercent", "waitP50Seconds", "waitP95Seconds", "meanPickupEtaSeconds"):
        if name in k:
            rows.append((f"simulator {kpis.index(k) + 1} {name}", k[name]))
for name, value in rows:
    print(f"  {name:<42} {value}")
failed = sim_rc != 0 or audit_rc != 0 or (kill and (resumed is None or not owned_last)) or not view_whole
if not view_whole:
    print(f"shared-city: platform 1's view shows {view and view['requested']} rides requested, "
          f"{view and view['inFlight']} in flight; the simulators requested {requested}")
print("shared-city: " + ("FAILED" if failed else "the city was shared, no rule broken"))
sys.exit(1 if failed else 0)
PY
