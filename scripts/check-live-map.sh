#!/usr/bin/env bash
# The live map in Debian's headless Chromium against a real run:
#   scripts/check-live-map.sh                 the small town at 60x; screenshot to docs/live-map.png
#   scripts/check-live-map.sh --twenty-k      New York with all 20,000 drivers online, to measure drawing
#   scripts/check-live-map.sh --new-york      New York's morning peak (the README's screenshot)
# Installs chromium and the pinned playwright-core when missing, starts `ridematch simulate` on a free port,
# runs scripts/live-map/check-live-map.mjs and stops the run. Exit 0 when every check passes.
set -euo pipefail
. "$(dirname "$0")/jdk.sh" # a JDK 21+, and RIDEMATCH_JAVA to run the jar with
cd "$(dirname "$0")/.."

mode=${1:-small-town}
screenshot=${SCREENSHOT:-docs/live-map.png}

if ! command -v chromium >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi
if ! command -v node >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi
(cd scripts/live-map && npm ci --no-audit --no-fund --loglevel=error)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
trap 'kill "$sim" 2>/dev/null || true; wait "$sim" 2>/dev/null || true; rm -rf "$work"' EXIT

if [ "$mode" = "--twenty-k" ]; then
  # New York with one 24-hour shift for every driver: 20,000 on the map from the start
  python3 - "$work/ny-20k.yaml" <<'EOF'
import re, sys
text = open("simulator/scenarios/new-york.yaml").read()
shifts = re.search(r"\n  shifts:.*?\n(?=\S|  \w)", text, re.S)
text = text[:shifts.start()] + '\n  shifts:\n    - { start: "00:00", hours: 24, share: 1.0 }\n' + text[shifts.end():]
open(sys.argv[1], "w").write(text)
EOF
  args=(--scenario "$work/ny-20k.yaml" --start 08:00 --duration 2h --speed 10 --no-kafka)
elif [ "$mode" = "--new-york" ]; then
  args=(--scenario new-york --start 07:45 --duration 2h --speed 40 --no-kafka)
else
  args=(--scenario small-town --duration 6h --speed 60)
fi

$RIDEMATCH_JAVA -jar target/ridematch.jar simulate "${args[@]}" --http-port "$port" --progress-every 0s \
  --data-dir "$work/data" >"$work/simulate.log" 2>&1 &
sim=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$sim" 2>/dev/null || { cat "$work/simulate.log"; exit 1; }
  sleep 0.5
done

node scripts/live-map/check-live-map.mjs "http://127.0.0.1:$port" --screenshot "$screenshot" --seconds 5
