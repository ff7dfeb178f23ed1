"""Measure each page type's throughput and p95 latency against a static file, same stack, same run.

Serves the site with gunicorn on 127.0.0.1 under production settings (DEBUG off, whitenoise's
compressed manifest storage) on a database loaded with the fixtures, drives each URL with wrk for
a fixed time, and prints requests per second, p95 latency and the ratio to a small static file.
Absolute numbers drift between machines and runs; compare the ratios. Needs wrk.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from icsdir.localsite import gunicorn, manage, prepare_database

PAGES = {
    "home": "/",
    "region": "/regions/london/",
    "ICS list": "/systems/",
    "ICS list, filtered": "/systems/?region=london&on=2025-01-01",
    "ICS page": "/systems/north-east-and-north-cumbria/",
    "abolished ICS page": "/systems/frimley/",
    "council": "/councils/sunderland/",
    "postcode": "/postcodes/SR13QD/",
    "postcode, divided district": "/postcodes/GU511AA/?on=2025-06-01",
    "partial postcode": "/postcodes/SR1/",
    "place-based partnership": "/places/calderdale-cares-partnership/",
    "provider collaborative": "/collaboratives/cmast/",
    "NHS trust": "/trusts/RTD/",
    "initiative": "/initiatives/bnssg-vanguard/",
    "regions": "/regions/",
    "suggest a correction (form)": "/suggest/system/north-east-and-north-cumbria/",
    "Atom feed: one ICS": "/systems/frimley/changes.atom",
    "search": "/search/?q=london",
    "search, 10 words": "/search/?q=a+e+i+o+n+s+t+r+l+h",
    "ICS list, 10 words": "/systems/?q=a+e+i+o+n+s+t+r+l+h",
    "who commissions what": "/who-commissions-what/",
    "changes": "/changes/",
    "about the data": "/about/",
    "API docs page": "/api/",
    "API: ICS list": "/api/v1/systems/",
    "API: ICS list, filtered": "/api/v1/systems/?region=london&on=2025-01-01",
    "API: one ICS": "/api/v1/systems/QHM/",
    "API: councils of an ICB": "/api/v1/councils/?system=QHM",
    "API: sub-ICB, 10 words": "/api/v1/sub-icb-locations/?q=a+e+i+o+n+s+t+r+l+h",
    "API: one postcode": "/api/v1/postcodes/SR13QD/",
    "API: places of an ICS": "/api/v1/places/?system=QWO",
    "CSV: ICS list (streamed)": "/systems/download.csv",
    "GeoJSON: 2026 boundaries": "/api/v1/boundaries/icb-2026.geojson",
}
BASELINE = "static file (baseline)"
BULK = "API: 100 postcodes (POST)"

# wrk reports p50/p90/p99; this prints the 95th percentile too.
P95_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""


def icon_path(base):
    """The hashed URL of the site's icon: a small static file, the strictest baseline."""
    with urllib.request.urlopen(base + "/") as response:
        html = response.read().decode()
    return re.search(r'<link rel="icon" href="(/static/[^"]+)"', html)[1]


def bulk_script(script):
    """The p95 script, posting 100 postcodes spread over England (every 14,000th)."""
    from systems.postcodes import lookup

    table = lookup()
    step = table.header["english"] // 100
    body = json.dumps({"postcodes": [table.at(i * step).postcode for i in range(100)]})
    bulk = script.with_name("bulk.lua")
    bulk.write_text(
        f"wrk.method = 'POST'\nwrk.body = {json.dumps(body)}\n"
        "wrk.headers['Content-Type'] = 'application/json'\n" + script.read_text()
    )
    return bulk


def measure(url, seconds, connections, script):
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise CommandError(f"{url} answered {errors[1]} errors; fix it before measuring")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    return rps, int(re.search(r"P95_US (\d+)", output)[1]) / 1000


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=5, help="per URL (default 5)")
        parser.add_argument("--connections", type=int, default=8, help="(default 8)")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn (default 3)")
        parser.add_argument("--no-cache", action="store_true", help="turn the page cache off")
        parser.add_argument(
            "--only",
            metavar="WORDS",
            help="only the page types whose name contains one of these comma-separated words",
        )

    def handle(self, *args, seconds, connections, workers, no_cache, only, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is needed: apt-get install wrk")
        with tempfile.TemporaryDirectory(prefix="icsdir-bench-") as workdir:
            env = {
                **os.environ,
                "DJANGO_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "false",
                "PAGE_CACHE_SECONDS": "0" if no_cache else "3600",
                "PAGE_CACHE_DIR": f"{workdir}/pages",
                "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
            }
            self.stdout.write("Preparing: migrate, load the fixtures, collectstatic ...")
            prepare_database(env)
            manage(env, "collectstatic", "--no-input", "--clear")
            script = Path(workdir) / "p95.lua"
            script.write_text(P95_SCRIPT)
            with gunicorn(env, workers=workers) as base:
                targets = {BASELINE: icon_path(base), **PAGES}
                scripts = dict.fromkeys(targets, script) | {BULK: bulk_script(script)}
                targets[BULK] = "/api/v1/postcodes/"
                if only:
                    words = [word.strip().lower() for word in only.split(",")]
                    targets = {
                        name: path
                        for name, path in targets.items()
                        if name == BASELINE or any(word in name.lower() for word in words)
                    }
                results = {}
                for name, path in targets.items():
                    # Warm up: each worker's first postcode reads the lookup (0.7 s) and the
                    # records kept for the data version.
                    measure(base + path, 2, connections, scripts[name])
                    results[name] = measure(base + path, seconds, connections, scripts[name])
        self.report(
            results,
            f"{workers} gunicorn workers, {connections} connections, "
            f"{seconds} s per URL, on 127.0.0.1; page cache {'off' if no_cache else 'on'}.",
        )

    def report(self, results, conditions):
        static_rps = results[BASELINE][0]
        self.stdout.write(f"\n{'page type':26} {'req/s':>9} {'p95 ms':>8} {'ratio to static':>16}")
        for name, (rps, p95) in results.items():
            flag = "" if rps >= static_rps / 2 else "  below half"
            self.stdout.write(f"{name:26} {rps:9.1f} {p95:8.1f} {rps / static_rps:16.2f}{flag}")
        self.stdout.write(f"\n{conditions}")
