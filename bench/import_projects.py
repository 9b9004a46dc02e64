"""`make bench-import`: how long `import_projects` takes for a big list of operations.

1. Makes a fresh PostgreSQL database (BENCH_IMPORT_DATABASE_URL) with the demo
   site's programmes, objectives and sections (`seed_demo`), so every project in
   the list is new.
2. Writes an .xlsx list of 1,200 projects with 5,000 partners in the format of
   DESIGN.md ("Project list import").
3. Times `manage.py import_projects LIST.xlsx` (every project created as a
   draft), the same file again (nothing changes), a `--dry-run`, and another
   list of 1,200 projects with `--publish` (every project created live); each
   as its own process, as an operator runs it. Production settings,
   PostgreSQL, Redis; background tasks run immediately, as without a worker.
4. Prints a table and writes it to bench/results/import.md. The target is under
   two minutes for a first import.
"""

import datetime
import json
import os
import platform
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "import.md"
DATABASE_URL = os.environ.get(
    "BENCH_IMPORT_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/interreg_bench_import",
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
PROJECTS, PARTNERS = 1200, 5000
TARGET_SECONDS = 120

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "interreg.settings.production",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "WARNING",
}

OBJECTIVES = ["RSO1.1", "RSO2.4", "PO2", "RSO3.2", "PO4", "RSO5.1", "ISO6.1", "ISO7.1"]
COUNTRIES = ["SE", "DK", "DE", "NL", "BE", "FI", "Sverige", "Danmark", "Germany"]
COUNTIES = ["Agder", "Vestland", "34", "Trøndelag", "Nordland", "Troms", "Rogaland"]
WORDS = [
    "blå",
    "vekst",
    "klima",
    "energi",
    "innovasjon",
    "mobilitet",
    "kyst",
    "grense",
    "samarbeid",
    "skog",
    "vann",
    "helse",
    "kultur",
    "reiseliv",
    "digital",
    "sirkulær",
    "havn",
    "fjord",
    "arktis",
]


def fresh_database():
    server, name = DATABASE_URL.rsplit("/", 1)
    subprocess.run(
        ["psql", f"{server}/postgres", "-qtc", f"DROP DATABASE IF EXISTS {name}"],
        check=True,
        capture_output=True,
    )
    common.create_database(DATABASE_URL)
    common.manage(ENV, "migrate", "--noinput", "-v", "0")
    common.manage(ENV, "seed_demo")


def programme_slugs():
    output = common.manage(
        ENV,
        "shell",
        "-c",
        "import json; from stories.models import Programme; "
        "print(json.dumps(list(Programme.objects.filter(locale__language_code='nb')"
        ".values_list('slug', flat=True))))",
    )
    return json.loads(output.strip().splitlines()[-1])


def write_list(path, programmes, prefix="BENCH"):
    """1,200 projects and 5,000 partners, as programmes publish them."""
    rng = random.Random(16)  # noqa: S311 - test data
    book = Workbook()
    operations = book.active
    operations.title = "Operations"
    operations.append(
        [
            "Project ID",
            "Acronym",
            "Project name",
            "Programme",
            "Specific objective",
            "Start date",
            "End date",
            "Total budget (EUR)",
            "EU funding (EUR)",
            "Co-financing rate (%)",
            "Norwegian funding (NOK)",
            "Summary",
            "Website",
        ]
    )
    partners = book.create_sheet("Partners")
    partners.append(
        [
            "Project ID",
            "Partner name",
            "Role",
            "Country",
            "County",
            "NUTS3",
            "Partner budget (EUR)",
        ]
    )
    remaining = PARTNERS
    for number in range(PROJECTS):
        code = f"{prefix}{number:05d}"
        start = datetime.date(2022, 1, 1) + datetime.timedelta(
            days=rng.randint(0, 1400)
        )
        total = rng.randint(500, 9000) * 1000
        words = rng.sample(WORDS, 4)
        operations.append(
            [
                code,
                f"{words[0].upper()}-{prefix}{number}",
                f"{' '.join(words).capitalize()} over grensen {number}",
                programmes[number % len(programmes)],
                rng.choice(OBJECTIVES),
                start,
                start + datetime.timedelta(days=rng.randint(365, 1460)),
                total,
                round(total * 0.6),
                60,
                rng.randint(100, 4000) * 1000,
                f"Prosjektet arbeider med {words[1]} og {words[2]} på tvers av grensen.",
                f"https://example.eu/{code.lower()}",
            ]
        )
        count = remaining // (PROJECTS - number)
        remaining -= count
        for position in range(count):
            norwegian = position % 2 == 0
            partners.append(
                [
                    code,
                    f"Partner {position + 1} i {code}",
                    "Lead partner" if position == 0 else "Partner",
                    "Norge" if norwegian else rng.choice(COUNTRIES),
                    rng.choice(COUNTIES) if norwegian else "",
                    "",
                    rng.randint(50, 900) * 1000,
                ]
            )
    book.save(path)


def timed(*args):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", "import_projects", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        print(result.stdout, result.stderr)
        raise SystemExit("import_projects failed")
    counts = " ".join(
        line.strip() for line in result.stdout.splitlines() if line.startswith("  ")
    )
    return seconds, counts


def main():
    print("Making a fresh database with the demo taxonomy…")
    fresh_database()
    programmes = programme_slugs()
    with tempfile.TemporaryDirectory() as folder:
        drafts, live = Path(folder) / "operations.xlsx", Path(folder) / "more.xlsx"
        write_list(drafts, programmes)
        write_list(live, programmes, prefix="LIVE")
        load_before = os.getloadavg()[0]
        runs = [
            ("first import (1,200 new draft projects)", timed(str(drafts))),
            ("same file again (nothing changes)", timed(str(drafts))),
            ("--dry-run", timed(str(drafts), "--dry-run")),
            (
                "another 1,200 projects, --publish (all created live)",
                timed(str(live), "--publish"),
            ),
        ]
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"`make bench-import`, {when} on {platform.node()}: {os.cpu_count()} cores "
        f"(load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after), "
        f"Python {platform.python_version()}; production settings, PostgreSQL, "
        f"Redis, tasks run immediately. A list of {PROJECTS:,} projects and "
        f"{PARTNERS:,} partners (.xlsx).",
        "",
        "| run | seconds | report |",
        "| --- | ---: | --- |",
        *[f"| {name} | {seconds:.1f} | {counts} |" for name, (seconds, counts) in runs],
        "",
        f"Target: a first import (drafts or --publish) under {TARGET_SECONDS} s.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    if max(runs[0][1][0], runs[3][1][0]) >= TARGET_SECONDS:
        raise SystemExit(f"Slower than {TARGET_SECONDS} s")


if __name__ == "__main__":
    main()
