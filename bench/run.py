"""`make bench`: throughput, latency and queries of the main URLs at Interreg scale.

1. Makes sure a PostgreSQL database (BENCH_DATABASE_URL) holds the demo site plus
   1,200 projects and 5,000 stories with their English wagtail-localize
   translations (seed_demo), once, and counts what it holds.
2. For every row, picks many addresses of its kind (200 stories, 60 search
   words…): wrk cycles through them, so no row measures one page over and over.
3. Counts the queries of each row's first address in-process, cold (every cache
   of ours off) and as served (production defaults with Redis, warm).
4. Serves the site with gunicorn (2 sync workers, production settings, DEBUG
   off, Redis) on loopback, and drives each row with `wrk -t2 -c8` for
   BENCH_SECONDS: first cold (page, fragment and API caches off), then as
   served (the production defaults); the search rows cold also one request at
   a time (`wrk -t1 -c1`), the wait a single reader sees.
5. Prints one table and writes it to bench/results/latest.md.
"""

import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

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
# Also measured one request at a time (the search goal is a reader's wait).
ONE_AT_A_TIME = ("search nb", "search en")
COLD = {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE": "false", "API_CACHE_SECONDS": "0"}

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


def last_json(output):
    return json.loads(output.strip().splitlines()[-1])


VOLUME_SCRIPT = """
import json
from django.contrib.contenttypes.models import ContentType
from wagtail_localize.models import Translation
from stories.models import ProjectPage, StoryPage
stories = StoryPage.objects.all()
story_type = ContentType.objects.get_for_model(StoryPage)
translated = StoryPage.objects.filter(
    locale__language_code="en",
    translation_key__in=Translation.objects.filter(
        source__specific_content_type=story_type, target_locale__language_code="en"
    ).values("source__object_id"),
)
print(json.dumps({
    "stories": stories.count(),
    "stories_nb": stories.filter(locale__language_code="nb").count(),
    "stories_en": stories.filter(locale__language_code="en").count(),
    "translations": translated.count(),
    "projects": ProjectPage.objects.filter(locale__language_code="nb").count(),
}))
"""


def volume():
    return last_json(manage("shell", "-c", VOLUME_SCRIPT))


def ensure_database():
    common.create_database(DATABASE_URL)
    manage("migrate", "--noinput", "-v", "0")
    if volume()["stories"] < 2 * STORIES:
        started = time.monotonic()
        manage("seed_demo", "--projects", str(PROJECTS), "--stories", str(STORIES))
        print(f"Seeded the volume in {time.monotonic() - started:.0f} s")
    # The database as autovacuum keeps it on a server that has been running:
    # fresh statistics (without them PostgreSQL plans for an empty table) and
    # a visibility map (without it no scan can answer from an index alone).
    subprocess.run(["psql", DATABASE_URL, "-qc", "VACUUM ANALYZE"], check=True)
    manage("collectstatic", "--noinput", "-v", "0")


ADDRESSES_SCRIPT = """
import json, re
from collections import Counter
from wagtail.models import Locale
from stories.models import ProjectPage, StoryPage
from taggit.models import Tag
from stories.models import Programme

def live(model, code):
    return model.objects.live().filter(locale__language_code=code).order_by("pk")

def words(code):
    counts = Counter(
        word.lower()
        for title in live(StoryPage, code).values_list("title", flat=True)[:3000]
        for word in re.findall(r"[^\\W\\d_]{5,}", title)
    )
    return [word for word, _n in counts.most_common(60)]

en = live(StoryPage, "en")
print(json.dumps({
    "story_nb": [s.url for s in live(StoryPage, "nb")[::25][:200]],
    "story_en": [s.url for s in en[::25][:200]],
    "project": [p.url for p in live(ProjectPage, "nb")[::6][:200]],
    "story_ids": list(en.values_list("pk", flat=True)[::25][:200]),
    "tags": list(Tag.objects.filter(stories_storytag_items__isnull=False).distinct().values_list("slug", flat=True)[:20]),
    "programmes": list(Programme.objects.filter(locale__language_code="nb").values_list("slug", flat=True)),
    "words_nb": words("nb"),
    "words_en": words("en"),
}))
"""


def rows():
    """(label, [paths]) for every row of the table."""
    found = last_json(manage("shell", "-c", ADDRESSES_SCRIPT))
    return [
        ("trivial view", ["/bench/trivial"]),
        ("home nb", ["/"]),
        ("home en", ["/en/"]),
        ("story index", [f"/historier/?page={n}" for n in range(1, 41)]),
        (
            "story index, tag",
            [f"/historier/?tag={quote(tag)}" for tag in found["tags"]],
        ),
        (
            "story index, programme",
            [f"/historier/?programme={slug}" for slug in found["programmes"]],
        ),
        ("story nb", found["story_nb"]),
        ("story en", found["story_en"]),
        ("project", found["project"]),
        ("project index", [f"/prosjekter/?page={n}" for n in range(1, 41)]),
        ("search nb", [f"/search/?query={quote(word)}" for word in found["words_nb"]]),
        (
            "search en",
            [f"/en/search/?query={quote(word)}" for word in found["words_en"]],
        ),
        (
            "API list, 20 stories, fields=*",
            [
                f"/api/v2/pages/?type=stories.StoryPage&fields=*&limit=20&offset={n * 20}"
                for n in range(40)
            ],
        ),
        ("API story detail", [f"/api/v2/pages/{pk}/" for pk in found["story_ids"]]),
        ("story feed", ["/historier/feed/", "/en/stories/feed/"]),
        ("sitemap", ["/sitemap.xml"]),
    ]


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


def count_queries(paths, env):
    """Queries of a warm request to each path, in a process with `env`."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", QUERY_SCRIPT],
        cwd=ROOT,
        env={**ENV, **env},
        input=json.dumps(paths),
        capture_output=True,
        text=True,
        check=True,
    )
    return last_json(result.stdout)


def measure(targets, env, one_at_a_time=()):
    """({label: wrk summary}, {label: wrk summary one request at a time, for
    the labels in `one_at_a_time`}) with a server started with `env`."""
    server = common.start_gunicorn({**ENV, **env}, PORT, workers=2)
    base = f"http://127.0.0.1:{PORT}"
    try:
        loaded = {label: common.drive(base, paths, SECONDS) for label, paths in targets}
        alone = {
            label: common.drive(base, paths, SECONDS, connections=1, threads=1)
            for label, paths in targets
            if label in one_at_a_time
        }
        return loaded, alone
    finally:
        common.stop_gunicorn(server)


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: make system-packages")
    ensure_database()
    held = volume()
    targets = rows()
    firsts = [paths[0] for _label, paths in targets]
    cold_queries = count_queries(firsts, COLD)
    served_queries = count_queries(firsts, {})
    cold, alone = measure(targets, COLD, one_at_a_time=ONE_AT_A_TIME)
    manage("shell", "-c", "from django.core.cache import cache; cache.clear()")
    served, _alone = measure(targets, {})
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} on {platform.node()}: "
        f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}; "
        f"gunicorn 2 sync workers, production settings, PostgreSQL, Redis; "
        f"`wrk -t2 -c8 -d{SECONDS}s`, each row cycling through its addresses.",
        "",
        f"Volume, counted in the database: {held['projects']} projects, "
        f"{held['stories']} story pages ({held['stories_nb']} Norwegian, "
        f"{held['stories_en']} English, of which {held['translations']} are "
        f"wagtail-localize translations of their Norwegian sources).",
        "",
        "Cold: page, fragment and API caches off (what readers, crawlers and every "
        "request after a publish get). As served: the production defaults with "
        "Redis. Queries: one warm request to the row's first address, in-process.",
        "",
        "| row | addresses | cold req/s | cold p50 ms | cold p95 ms | cold queries "
        "| served req/s | served p95 ms | served queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, paths in targets:
        c, s = cold[label], served[label]
        errors = c["errors"] + s["errors"]
        lines.append(
            f"| {label} `{paths[0]}` | {len(paths)} | {c['rps']:.0f} | {c['p50']:.1f} "
            f"| {c['p95']:.1f} | {cold_queries[paths[0]]} | {s['rps']:.0f} "
            f"| {s['p95']:.1f} | {served_queries[paths[0]]} |"
            + (f" ({errors} errors)" if errors else "")
        )
    lines += [
        "",
        "One reader at a time, cold (`wrk -t1 -c1`): what a search costs when no "
        "request is queued ahead of it (under `-c8` on two workers each waits for "
        "about three others).",
        "",
        "| row | req/s | p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, result in alone.items():
        lines.append(
            f"| {label} | {result['rps']:.0f} | {result['p50']:.1f} "
            f"| {result['p95']:.1f} |"
            + (f" ({result['errors']} errors)" if result["errors"] else "")
        )
    table = "\n".join(lines)
    print(table)
    RESULTS.write_text(table + "\n", encoding="utf-8")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
