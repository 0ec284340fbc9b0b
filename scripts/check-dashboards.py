#!/usr/bin/env python3
"""Every panel query of every Grafana dashboard in dashboards/, against a real Prometheus scraping a real run.

Starts `ridematch simulate` (the small town, fast enough to keep busy, with its embedded Kafka broker) and
Debian's `prometheus` on free
loopback ports, waits for several scrapes, then evaluates each panel's queries through Prometheus' HTTP API,
with Grafana's variables replaced by concrete values. Each must parse and return data. Prints one line per
panel, stops what it started, and exits 1 listing the panels that failed.
"""
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "ridematch.jar")
VARIABLES = {"$__rate_interval": "10s", "$__interval": "2s", "$__range": "1m"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:  # Prometheus answers a bad query with 400 and a JSON error
        return json.load(e)


def wait_for(what, check, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.5)
    raise SystemExit(f"check-dashboards: gave up waiting for {what}")


def ensure_prometheus():
    """Debian's prometheus package, installed if missing (CI runs as root, without a terminal)."""
    if shutil.which("prometheus") is None:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "prometheus"], check=True, env=env)


def main():
    ensure_prometheus()
    app_port, prom_port = free_port(), free_port()
    work = tempfile.mkdtemp(prefix="ridematch-dashboards-")
    started = []
    try:
        app_log = open(os.path.join(work, "ridematch.log"), "w")
        started.append(subprocess.Popen(
            [*os.environ.get("RIDEMATCH_JAVA", "java").split(), "-jar", JAR, "simulate", "--scenario", "small-town", "--speed", "120", "--duration", "1d",
             "--http-port", str(app_port), "--progress-every", "0s", "--data-dir", os.path.join(work, "data")],
            stdout=app_log, stderr=subprocess.STDOUT, cwd=work))
        wait_for("ridematch's /health", lambda: get(f"http://127.0.0.1:{app_port}/health")["status"] == "UP", 60)
        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as f:
            f.write("global:\n  scrape_interval: 2s\nscrape_configs:\n  - job_name: ridematch\n"
                    f"    static_configs:\n      - targets: ['127.0.0.1:{app_port}']\n")
        prom_log = open(os.path.join(work, "prometheus.log"), "w")
        started.append(subprocess.Popen(
            ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={os.path.join(work, 'tsdb')}",
             f"--web.listen-address=127.0.0.1:{prom_port}"], stdout=prom_log, stderr=subprocess.STDOUT))
        api = f"http://127.0.0.1:{prom_port}/api/v1/query?query="

        def scrapes():
            result = get(api + urllib.parse.quote('count_over_time(up{job="ridematch"}[1m])'))["data"]["result"]
            return result and float(result[0]["value"][1]) >= 8

        wait_for("eight scrapes", scrapes, 90)
        failures, checked = [], 0
        for path in sorted(glob.glob(os.path.join(ROOT, "dashboards", "*.json"))):
            dashboard = json.load(open(path))
            for panel in dashboard.get("panels", []):
                for target in panel.get("targets", []):
                    query = target["expr"]
                    for name, value in VARIABLES.items():
                        query = query.replace(name, value)
                    answer = get(api + urllib.parse.quote(query))
                    checked += 1
                    ok = answer.get("status") == "success" and len(answer["data"]["result"]) > 0
                    verdict = "ok   " if ok else "EMPTY" if answer.get("status") == "success" else "ERROR"
                    line = f"{verdict} {dashboard['title']} / {panel['title']} [{target['refId']}]"
                    if answer.get("status") != "success":
                        line += f" ({answer.get('error', 'no answer')})"
                    print(line)
                    if not ok:
                        failures.append(line + f": {query}")
        print(f"check-dashboards: {checked} queries checked, {len(failures)} failed")
        for failure in failures:
            print("  - " + failure)
        return 1 if failures or checked == 0 else 0
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
