#!/usr/bin/env python3
"""How far a platform's city-wide view is behind its own decisions: posts ride requests to a platform's API and
times, for each, from the answer (201, or 202 when another platform owns the pickup's zone) to the first
GET /api/rides/{id} that finds it. Needs a running platform (and, for 202, a second one).

    scripts/view-lag.py PORT PICKUP_LAT [PICKUP_LNG] [COUNT]

Prints the answers seen and the median and worst time over COUNT requests (40), 0.3 s apart.
"""
import json, statistics, sys, time, urllib.error, urllib.request
def req(method, url, body=None):
    r = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method=method,
                               headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(r, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())
    except (urllib.error.URLError, OSError) as e:
        sys.exit(f"view-lag: no platform answers on {url} ({e})")
if len(sys.argv) < 3:
    print("usage: scripts/view-lag.py PORT PICKUP_LAT [PICKUP_LNG] [COUNT]", file=sys.stderr)
    sys.exit(2)
port, lat = int(sys.argv[1]), float(sys.argv[2])
lng = float(sys.argv[3]) if len(sys.argv) > 3 else -105.27
count = int(sys.argv[4]) if len(sys.argv) > 4 else 40
lags = []
codes = set()
for i in range(count):
    code, body = req("POST", f"http://127.0.0.1:{port}/api/rides", {"pickup": {"lat": lat, "lng": lng}, "dropoff": {"lat": 40.02, "lng": -105.26}})
    codes.add(code)
    t1 = time.perf_counter()
    deadline = time.perf_counter() + 10
    while True:
        c, b = req("GET", f"http://127.0.0.1:{port}/api/rides/{body['rideId']}")
        if c == 200:
            break
        if time.perf_counter() > deadline:
            sys.exit(f"view-lag: ride {body['rideId']} not on the view 10 s after the answer {code}")
        time.sleep(0.002)
    lags.append((time.perf_counter() - t1) * 1000)
    time.sleep(0.3)
lags.sort()
print(f"port {port} lat {lat} answers {codes}: POST answered to GET 200: p50 {statistics.median(lags):.0f} ms, max {lags[-1]:.0f} ms over {len(lags)}")
