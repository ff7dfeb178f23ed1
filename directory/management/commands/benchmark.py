"""Measure each page type's throughput and p95 latency against a static file, same stack, same run.

Serves the site with gunicorn on 127.0.0.1 under production settings (DEBUG off, whitenoise's
compressed manifest storage) on a database loaded with the fixtures, drives each URL with wrk for
a fixed time, and prints requests per second, p95 latency and the ratio to a small static file
measured just before and just after it: once with the page cache (what most readers get) and once
cold, without it, each request of a page that takes ?on= asking for another date (the first view
after an edit, and most API traffic). Absolute numbers drift between machines and runs, and within
a run; compare the ratios. Needs wrk.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import urllib.error
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
# Each request another day since the 42 ICBs began (1 July 2022), seven days apart, so that no
# two requests in a row ask for the same page and no date-keyed value can be reused.
VARYING_DATES_SCRIPT = """
local step = 0
request = function()
  step = step + 1
  local day = os.date("!%Y-%m-%d", 1656633600 + (step * 7 % 1610) * 86400)
  return wrk.format(nil, wrk.path .. SEPARATOR .. "on=" .. day)
end
"""
MODES = {"cached": "3600", "cold": "0"}  # PAGE_CACHE_SECONDS


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


def takes_date(base, path):
    """Whether the page answers ?on= (feeds, downloads of boundaries and forms do not)."""
    try:
        with urllib.request.urlopen(base + dated(path, "2024-01-01")) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return False


def dated(path, day=""):
    """`path` without its own ?on=, and with ?on=`day` when a day is given."""
    path = re.sub(r"([?&])on=[^&]*&?", r"\1", path).rstrip("?&")
    if not day:
        return path
    return f"{path}{'&' if '?' in path else '?'}on={day}"


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=5, help="per URL (default 5)")
        parser.add_argument("--connections", type=int, default=8, help="(default 8)")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn (default 3)")
        parser.add_argument(
            "--mode", choices=["both", *MODES], default="both", help="page cache on, off or both"
        )
        parser.add_argument(
            "--only",
            metavar="WORDS",
            help="only the page types whose name contains one of these comma-separated words",
        )

    def handle(self, *args, seconds, connections, workers, mode, only, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is needed: apt-get install wrk")
        targets = {BASELINE: None, **PAGES, BULK: "/api/v1/postcodes/"}
        if only:
            words = [word.strip().lower() for word in only.split(",")]
            targets = {
                name: path
                for name, path in targets.items()
                if name == BASELINE or any(word in name.lower() for word in words)
            }
        modes = list(MODES) if mode == "both" else [mode]
        with tempfile.TemporaryDirectory(prefix="icsdir-bench-") as workdir:
            env = {
                **os.environ,
                "DJANGO_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "false",
                "PAGE_CACHE_DIR": f"{workdir}/pages",
                "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
            }
            self.stdout.write("Preparing: migrate, load the fixtures, collectstatic ...")
            prepare_database(env)
            manage(env, "collectstatic", "--no-input", "--clear")
            scripts = Scripts(Path(workdir))
            results, ranges = {}, {}
            for name_of_mode in modes:
                env["PAGE_CACHE_SECONDS"] = MODES[name_of_mode]
                with gunicorn(env, workers=workers) as base:
                    run = Run(base, scripts, seconds, connections, cold=name_of_mode == "cold")
                    for name, path in targets.items():
                        if name != BASELINE:
                            results[name, name_of_mode] = run.page(name, path)
                    results[BASELINE, name_of_mode] = run.baseline()
                    ranges[name_of_mode] = run.static_range()
        self.report(
            targets,
            modes,
            results,
            ranges,
            f"{workers} gunicorn workers, {connections} connections, {seconds} s per URL, on "
            "127.0.0.1. Cold: page cache off, and each request of a page that takes ?on= asks "
            "for another date. Each page's ratio is to the static file measured just before and "
            "just after it.",
        )

    def report(self, targets, modes, results, ranges, conditions):
        head = f"{'page type':28}"
        for mode in modes:
            head += f" {mode + ' req/s':>12} {'p95 ms':>7} {'static':>7} {'ratio':>6}"
        self.stdout.write("\n" + head)
        for name in targets:
            line = f"{name:28}"
            for mode in modes:
                rps, p95, static = results[name, mode]
                line += f" {rps:12.1f} {p95:7.1f} {static:7.0f} {rps / static:6.2f}"
            self.stdout.write(line)
        self.stdout.write("")
        for mode in modes:
            low, high = ranges[mode]
            self.stdout.write(f"The static file, {mode}: {low:.0f} to {high:.0f} req/s.")
        self.stdout.write(conditions)


class Run:
    """The measurements of one mode: each page type between two of the static file, so that its
    ratio is to the machine's speed at the time (which drifts by a fifth or more within a run of
    a few minutes on a shared machine)."""

    def __init__(self, base, scripts, seconds, connections, cold):
        self.base, self.scripts, self.cold = base, scripts, cold
        self.seconds, self.connections = seconds, connections
        self.static = base + icon_path(base)
        self.measure(self.static, 2, scripts.p95)  # warm up
        self.statics = [self.measure(self.static, seconds, scripts.p95)]

    def measure(self, url, seconds, script):
        return measure(url, seconds, self.connections, script)

    def page(self, name, path):
        """(req/s, p95 ms, the static file's req/s around it)."""
        vary = self.cold and name in PAGES and takes_date(self.base, path)
        script = self.scripts.pick(name, vary)
        url = self.base + (dated(path) if vary else path)
        # Warm up: each worker's first postcode reads the lookup (0.7 s) and the records kept
        # for the data version.
        self.measure(url, 2, script)
        rps, p95 = self.measure(url, self.seconds, script)
        self.statics.append(self.measure(self.static, self.seconds, self.scripts.p95))
        before, after = self.statics[-2][0], self.statics[-1][0]
        return rps, p95, (before + after) / 2

    def baseline(self):
        """The static file's mean req/s and p95 over the run (and the mean again: its own
        baseline)."""
        rates = [rps for rps, _ in self.statics]
        mean = sum(rates) / len(rates)
        p95 = sum(p95 for _, p95 in self.statics) / len(self.statics)
        return mean, p95, mean

    def static_range(self):
        rates = [rps for rps, _ in self.statics]
        return min(rates), max(rates)


class Scripts:
    """The wrk scripts: p95 for all, the bulk post, and varying dates for a cold run."""

    def __init__(self, folder):
        self.p95 = folder / "p95.lua"
        self.p95.write_text(P95_SCRIPT)
        self.bulk = bulk_script(self.p95)
        self.dated = {}
        for separator, name in (("?", "dated.lua"), ("&", "dated-query.lua")):
            script = folder / name
            script.write_text(f"SEPARATOR = '{separator}'\n" + VARYING_DATES_SCRIPT + P95_SCRIPT)
            self.dated[separator] = script

    def pick(self, name, vary_dates):
        if name == BULK:
            return self.bulk
        if not vary_dates:
            return self.p95
        return self.dated["&" if "?" in dated(PAGES[name]) else "?"]
