"""`make bench`: throughput, latency and queries of the main URLs at Interreg scale.

1. Makes sure a PostgreSQL database (BENCH_DATABASE_URL) holds the demo site plus
   1,200 projects and 5,000 stories in each language (seed_demo), once.
2. Counts the database queries of one warm request to each URL, in-process.
3. Serves the site with gunicorn (2 sync workers, production settings, DEBUG off)
   on loopback, and drives each URL with wrk for BENCH_SECONDS: first with the
   full-page cache off (what rendering costs), then on (what readers mostly get).
4. Prints one table and writes it to bench/results/latest.md.
"""

import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import common

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.md"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/interreg_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PROJECTS, STORIES = 1200, 5000

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "interreg.settings.production",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "BENCH_TRIVIAL_VIEW": "true",
    "LOG_LEVEL": "WARNING",
    "TIP_RATE_LIMIT": "100000",
}


def manage(*args, **env):
    return common.manage({**ENV, **env}, *args)


def ensure_database():
    common.create_database(DATABASE_URL)
    manage("migrate", "--noinput", "-v", "0")
    count = int(
        manage(
            "shell",
            "-c",
            "from stories.models import StoryPage; print(StoryPage.objects.count())",
        )
        .strip()
        .splitlines()[-1]
    )
    if count < 2 * STORIES:
        started = time.monotonic()
        manage("seed_demo", "--projects", str(PROJECTS), "--stories", str(STORIES))
        print(
            f"Seeded {PROJECTS} projects and {STORIES} stories per language in {time.monotonic() - started:.0f} s"
        )
    manage("collectstatic", "--noinput", "-v", "0")


URLS_SCRIPT = """
import json
from stories.models import StoryPage, ProjectPage
story = StoryPage.objects.live().filter(locale__language_code="nb").exclude(slug__startswith="synthetic").order_by("pk").first()
english = story.get_translation(story.locale.__class__.objects.get(language_code="en"))
project = ProjectPage.objects.live().filter(locale__language_code="nb", acronym="GRENSEVILT").first()
print(json.dumps({"story": story.url, "story_id": english.pk, "project": project.url}))
"""

QUERY_SCRIPT = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for url in json.loads(sys.stdin.read()):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    counts[url] = len(captured)
print(json.dumps(counts))
"""


def urls():
    found = json.loads(manage("shell", "-c", URLS_SCRIPT).strip().splitlines()[-1])
    return [
        ("trivial view", "/bench/trivial"),
        ("home", "/"),
        ("story index", "/historier/"),
        ("story index, tag", "/historier/?tag=klima"),
        ("story index, programme", "/historier/?programme=north-sea"),
        ("story", found["story"]),
        ("project", found["project"]),
        ("search nb", "/search/?query=samarbeid&type=stories"),
        ("search en", "/en/search/?query=cooperation&type=stories"),
        (
            "API list, 20 stories, fields=*",
            "/api/v2/pages/?type=stories.StoryPage&fields=*&limit=20",
        ),
        ("API story detail", f"/api/v2/pages/{found['story_id']}/"),
    ]


def count_queries(paths, caches=True):
    """Queries of a warm request: with the fragment and API caches, or without."""
    toggles = {} if caches else {"FRAGMENT_CACHE": "false", "API_CACHE_SECONDS": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", QUERY_SCRIPT],
        cwd=ROOT,
        env={**ENV, "PAGE_CACHE_SECONDS": "0", **toggles},
        input=json.dumps(paths),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def serve(page_cache_seconds):
    return common.start_gunicorn(
        {**ENV, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}, PORT, workers=2
    )


def stop(server):
    common.stop_gunicorn(server)


def drive(path):
    url = f"http://127.0.0.1:{PORT}{path}"
    urllib.request.urlopen(url, timeout=30).read()  # noqa: S310 - warm up
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c8",
            f"-d{SECONDS}s",
            "-s",
            str(ROOT / "bench" / "latency.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    ensure_database()
    targets = urls()
    paths = [path for _label, path in targets]
    queries = count_queries(paths)
    uncached = count_queries(paths, caches=False)
    rows = []
    for cache_seconds, suffix in ((0, ""), (600, " (page cache)")):
        server = serve(cache_seconds)
        try:
            for label, path in targets:
                if cache_seconds and label.startswith("API"):
                    continue  # the API has its own response cache, measured above
                result = drive(path)
                counted = 0 if cache_seconds else queries[path]
                rows.append((label + suffix, path, result, counted, uncached[path]))
        finally:
            stop(server)
    trivial = next(r for label, _p, r, _q, _u in rows if label == "trivial view")["rps"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} on {platform.node()}: "
        f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}; "
        f"gunicorn 2 sync workers, production settings, PostgreSQL, Redis; "
        f"`wrk -t2 -c8 -d{SECONDS}s`; {PROJECTS} projects and {2 * STORIES} story pages.",
        "",
        "Queries: per request as served (fragment and API caches warm; 0 when the"
        " page cache answers); uncached: the same request with every cache off.",
        "",
        "| URL | requests/s | p50 ms | p95 ms | p99 ms | queries | uncached | vs trivial view |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, path, result, query_count, uncached_count in rows:
        lines.append(
            f"| {label} `{path}` | {result['rps']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} "
            f"| {result['p99']:.1f} | {query_count} | {uncached_count} | {result['rps'] / trivial:.2f} |"
            + (f" ({result['errors']} errors)" if result["errors"] else "")
        )
    table = "\n".join(lines)
    print(table)
    RESULTS.write_text(table + "\n", encoding="utf-8")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
