"""Measure each page type's throughput and p95 latency against a static file, same stack, same run.

Serves the site with gunicorn on 127.0.0.1 under production settings (DEBUG off, whitenoise's
compressed manifest storage) on a database loaded with the fixtures, then drives each URL with
wrk for a fixed time and prints requests per second, p95 latency and the ratio to the static
file. Absolute numbers drift between machines and runs; the ratios are what to compare.

    .venv/bin/python scripts/benchmark.py [--seconds 5] [--connections 8] [--workers 3]
                                          [--no-cache]

Needs wrk (apt-get install wrk). Only ever sends requests to 127.0.0.1.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "home": "/",
    "region": "/regions/london/",
    "ICS list": "/systems/",
    "ICS list, filtered": "/systems/?region=london&on=2025-01-01",
    "ICS page": "/systems/north-east-and-north-cumbria/",
    "abolished ICS page": "/systems/frimley/",
    "council": "/councils/sunderland/",
    "NHS trust": "/trusts/RTD/",
    "initiative": "/initiatives/bnssg-vanguard/",
    "search": "/search/?q=london",
    "who commissions what": "/who-commissions-what/",
    "changes": "/changes/",
    "about the data": "/about/",
}

# wrk reports p50/p90/p99 by default; this prints the 95th percentile as well.
P95_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command, env):
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)


def static_path(base):
    """The hashed URL of the site's icon (a small static file: the strictest baseline)."""
    with urllib.request.urlopen(base + "/") as response:
        html = response.read().decode()
    return re.search(r'<link rel="icon" href="(/static/[^"]+)"', html)[1]


def measure(url, seconds, connections, script):
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p95_ms = int(re.search(r"P95_US (\d+)", output)[1]) / 1000
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url} answered {errors[1]} errors; fix the page before measuring")
    return rps, p95_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="per URL (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent (default 8)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument(
        "--no-cache", action="store_true", help="measure rendering, with the page cache off"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="icsdir-bench-"))
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PAGE_CACHE_SECONDS": "0" if args.no_cache else "3600",
        "PAGE_CACHE_DIR": str(workdir / "pages"),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"),
    }
    manage = [sys.executable, "manage.py"]
    print("Preparing: migrate, load the fixtures, collectstatic ...", flush=True)
    run([*manage, "migrate", "--no-input"], env)
    run([*manage, "load_directory"], env)
    run([*manage, "collectstatic", "--no-input", "--clear"], env)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "icsdir.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    script = workdir / "p95.lua"
    script.write_text(P95_SCRIPT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        targets = {"static file (baseline)": static_path(base), **PAGES}
        results = {}
        for name, path in targets.items():
            measure(base + path, 1, args.connections, script)  # warm up
            results[name] = measure(base + path, args.seconds, args.connections, script)
            print(f"  measured {name}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    static_rps = results["static file (baseline)"][0]
    print(f"\n{'page type':26} {'req/s':>9} {'p95 ms':>8} {'ratio to static':>16}")
    for name, (rps, p95) in results.items():
        flag = "" if rps >= static_rps / 2 else "  below half"
        print(f"{name:26} {rps:9.1f} {p95:8.1f} {rps / static_rps:16.2f}{flag}")
    print(
        f"\n{args.workers} gunicorn workers, {args.connections} connections, "
        f"{args.seconds} s per URL, on 127.0.0.1; page cache "
        f"{'off' if args.no_cache else 'on'}."
    )


if __name__ == "__main__":
    main()
