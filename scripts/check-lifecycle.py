#!/usr/bin/env python3
"""Checks the brief's lifecycle rules over `kcat -C -e -J -t ride-events` output, read on standard input.

Independent of ridematch's own code: it sees only what any Kafka client sees (headers, key, JSON value).
Rules: CloudEvents headers present (ce_subject equals the key); ce_id unique; per ride, in log order,
`requested` first and once, then `cancelled`, or `driver-assigned`, `started`, `completed`,
`payment.processed` (or `payment.failed`), each once and in that order; with --drained, every ride ends
(cancelled, paid or payment failed); no driver assigned while another ride of theirs is
assigned or under way (judged by the events' times). Exit code 1 when a rule is broken.
"""
import json
import sys
from collections import defaultdict

NEXT = {  # status -> {ce_type: next status}
    None: {"ridematch.ride.requested": "requested"},
    "requested": {"ridematch.ride.driver-assigned": "assigned", "ridematch.ride.cancelled": "cancelled"},
    "assigned": {"ridematch.ride.started": "started", "ridematch.ride.cancelled": "cancelled"},
    "started": {"ridematch.ride.completed": "completed"},
    "completed": {"ridematch.payment.processed": "paid", "ridematch.payment.failed": "payment-failed"},
}
REQUIRED = ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type"]

violations, ids = [], set()
status, counts = {}, defaultdict(int)
assignments = defaultdict(list)  # driver -> [ride, start, end]
open_assignment = {}
records = 0
for line in sys.stdin:
    line = line.strip()
    if not line.startswith("{"):
        continue
    record = json.loads(line)
    records += 1
    h = record.get("headers") or []
    headers = dict(zip(h[0::2], h[1::2]))
    missing = [name for name in REQUIRED if name not in headers]
    if missing or headers.get("ce_specversion") != "1.0" or headers.get("ce_subject") != record["key"]:
        violations.append(f"{record['key']}@{record['offset']}: bad headers {missing or headers}")
        continue
    if headers["ce_id"] in ids:
        violations.append(f"duplicate ce_id {headers['ce_id']}")
    ids.add(headers["ce_id"])
    ride, kind = record["key"], headers["ce_type"]
    data = json.loads(record["payload"])
    before = status.get(ride)
    after = NEXT.get(before, {}).get(kind)
    if after is None:
        violations.append(f"{ride}: {kind} while {before or 'not requested'}")
        continue
    status[ride] = after
    counts[after] += 1
    if after == "assigned":
        entry = [ride, data["assignedAt"], None]
        assignments[data["driverId"]].append(entry)
        open_assignment[ride] = entry
    elif after in ("completed", "cancelled") and ride in open_assignment:
        open_assignment.pop(ride)[2] = headers["ce_time"]

if "--drained" in sys.argv[1:]:
    for ride, last in sorted(status.items()):
        if last not in ("paid", "payment-failed", "cancelled"):
            violations.append(f"{ride}: ends {last}, never ended")

for driver, spans in assignments.items():
    spans.sort(key=lambda s: (s[1], s[0]))
    for earlier, later in zip(spans, spans[1:]):
        if earlier[2] is None or later[1] < earlier[2]:
            violations.append(f"{later[0]}: driver {driver} assigned while still on {earlier[0]}")

print(f"check-lifecycle: {records} records, {len(status)} rides "
      f"({counts['requested']} requested, {counts['paid']} paid, {counts['payment-failed']} payment failed, "
      f"{counts['cancelled']} cancelled), "
      f"{len(violations)} violations")
for v in violations[:20]:
    print("  - " + v)
sys.exit(1 if violations or records == 0 else 0)
