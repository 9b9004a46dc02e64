"""`make bench-compare BAKERYDEMO=<path>`: our cold path beside wagtail's bakerydemo.

Both sites run in one go on this machine, the same way: gunicorn with 2 sync
workers, DEBUG off, PostgreSQL, `wrk -t2 -c8 -d10s` against one address per row
(twice per side, in the order ours, theirs, theirs, ours),
with every cache of ours off (bakerydemo has no page, fragment or API cache of
its own; both keep Wagtail's own lookups in their default cache).

BAKERYDEMO is a checkout of github.com/wagtail/bakerydemo outside this
repository (its code is never committed here). It gets its own virtualenv
(Python 3.12, which its Django 6 needs; BAKERYDEMO_PYTHON), its own PostgreSQL
database with its demo data (`load_initial_data`), and its production settings.
Our side is the `make bench` database (1,200 projects, 10,000 story pages).
"""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import common
import run

ROOT = common.ROOT
RESULTS = ROOT / "bench" / "results" / "compare.md"


def python312():
    """BAKERYDEMO_PYTHON, else pyenv's newest 3.12 (its shim only answers when 3.12
    is the selected version), else python3.12 on PATH."""
    if os.environ.get("BAKERYDEMO_PYTHON"):
        return os.environ["BAKERYDEMO_PYTHON"]
    pyenv = sorted(Path.home().glob(".pyenv/versions/3.12*/bin/python3.12"))
    return str(pyenv[-1]) if pyenv else "python3.12"


PYTHON = python312()
DATABASE_URL = os.environ.get(
    "BAKERYDEMO_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bakerydemo_bench"
)
OUR_PORT, THEIR_PORT = 8766, 8767
SECONDS = run.SECONDS

# (row, goal as a ratio of ours to theirs)
GOALS = {
    "story page / blog page": 2.0,
    "story index / blog index": 1.5,
    "API detail": 1.5,
    "API list: 20 stories / 6 blog pages, fields=*": 1.0,
    "home": 2.0,
}


def bakerydemo_env(checkout):
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback, as ours is served here.
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": DATABASE_URL,
        "PYTHONPATH": str(checkout),
    }


def set_up_bakerydemo(checkout):
    """Its virtualenv, database, demo data and static files, once."""
    venv = checkout / ".bench-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "-r",
                str(checkout / "requirements" / "base.txt"),
                "gunicorn",
                "psycopg[binary]",
                "whitenoise",
            ],
            check=True,
        )
    env = bakerydemo_env(checkout)

    def manage(*args):
        return subprocess.run(
            [str(python), "manage.py", *args],
            cwd=checkout,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    common.create_database(DATABASE_URL)
    manage("migrate", "--noinput", "-v", "0")
    blog_pages = manage(
        "shell",
        "-c",
        "from bakerydemo.blog.models import BlogPage; print(BlogPage.objects.count())",
    )
    if int(blog_pages.strip().splitlines()[-1]) == 0:
        manage("load_initial_data")
    manage("collectstatic", "--noinput", "-v", "0")
    found = json.loads(
        manage(
            "shell",
            "-c",
            "import json; from bakerydemo.blog.models import BlogPage; "
            "page = BlogPage.objects.live().order_by('pk').first(); "
            "print(json.dumps({'url': page.url, 'id': page.pk, "
            "'count': BlogPage.objects.live().count()}))",
        )
        .strip()
        .splitlines()[-1]
    )
    return venv, env, found


def start_bakerydemo(venv, env, checkout):
    server = subprocess.Popen(
        [
            str(venv / "bin" / "gunicorn"),
            "bakerydemo.wsgi",
            "--bind",
            f"127.0.0.1:{THEIR_PORT}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=checkout,
        env=env,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            common.urllib.request.urlopen(f"http://127.0.0.1:{THEIR_PORT}/", timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    common.stop_gunicorn(server)
    raise RuntimeError("bakerydemo did not start")


OURS_SCRIPT = """
import json
from stories.models import StoryPage
story = StoryPage.objects.live().filter(locale__language_code="nb").exclude(slug__startswith="synthetic").order_by("pk").first()
print(json.dumps({"story": story.url, "id": story.pk}))
"""


def _runs(result):
    return " / ".join(f"{rps:.1f}" for rps in result["runs"])


def main():
    if len(sys.argv) < 2 or not sys.argv[1]:
        sys.exit("usage: make bench-compare BAKERYDEMO=<path to a bakerydemo checkout>")
    checkout = Path(sys.argv[1]).resolve()
    if not (checkout / "bakerydemo").is_dir():
        sys.exit(f"{checkout} is not a bakerydemo checkout")
    if checkout == ROOT or ROOT in checkout.parents:
        sys.exit("Check bakerydemo out outside this repository")
    run.ensure_database()
    ours = run.last_json(run.manage("shell", "-c", OURS_SCRIPT))
    venv, env, theirs = set_up_bakerydemo(checkout)
    rows = [
        ("story page / blog page", ours["story"], theirs["url"]),
        ("story index / blog index", "/historier/", "/blog/"),
        (
            "API detail",
            f"/api/v2/pages/{ours['id']}/",
            f"/api/v2/pages/{theirs['id']}/",
        ),
        (
            "API list: 20 stories / 6 blog pages, fields=*",
            "/api/v2/pages/?type=stories.StoryPage&fields=*&limit=20",
            "/api/v2/pages/?type=blog.BlogPage&fields=*",
        ),
        ("home", "/", "/"),
    ]
    # Both servers are up at once (an idle gunicorn costs no CPU) and each row
    # is driven in the order ours, theirs, theirs, ours: the machine's speed
    # drifts within minutes, and the mirrored order cancels a steady drift
    # that would otherwise favour whichever side ran first.
    results = {}
    ours_base = f"http://127.0.0.1:{OUR_PORT}"
    theirs_base = f"http://127.0.0.1:{THEIR_PORT}"
    servers = [common.start_gunicorn({**run.ENV, **run.COLD}, OUR_PORT, workers=2)]
    try:
        servers.append(start_bakerydemo(venv, env, checkout))
        for label, our_path, their_path in rows:
            runs = {"ours": [], "theirs": []}
            for side in ("ours", "theirs", "theirs", "ours"):
                base, path = (
                    (ours_base, our_path)
                    if side == "ours"
                    else (theirs_base, their_path)
                )
                runs[side].append(common.drive(base, [path], SECONDS)["rps"])
            for side, rps in runs.items():
                results[(label, side)] = {"rps": sum(rps) / len(rps), "runs": rps}
    finally:
        for server in servers:
            common.stop_gunicorn(server)
    commit = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')}: both on gunicorn, 2 sync "
        f"workers, DEBUG off, PostgreSQL, `wrk -t2 -c8 -d{SECONDS}s`, every cache of "
        f"ours off. bakerydemo at {commit or 'its checkout'} with its demo data "
        f"({theirs['count']} blog pages), Python 3.12, its production settings. "
        "Each row ran ours, theirs, theirs, ours; req/s is the mean of each side's "
        "two runs (both in brackets).",
        "",
        "| row | ours | req/s | bakerydemo | req/s | ratio | goal | met |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for label, our_path, their_path in rows:
        mine, other = results[(label, "ours")], results[(label, "theirs")]
        ratio = mine["rps"] / other["rps"]
        goal = GOALS[label]
        lines.append(
            f"| {label} | `{our_path}` | {mine['rps']:.1f} ({_runs(mine)}) "
            f"| `{their_path}` | {other['rps']:.1f} ({_runs(other)}) "
            f"| {ratio:.2f}× | ≥ {goal:g}× "
            f"| {'yes' if ratio >= goal else 'no'} |"
        )
    table = "\n".join(lines)
    print(table)
    RESULTS.write_text(table + "\n", encoding="utf-8")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
