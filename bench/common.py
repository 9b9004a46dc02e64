"""What `make bench`, `make bench-compare` and `make loadtest` share: a management
command runner, a PostgreSQL database made on demand, gunicorn started and
stopped, and wrk driven over a list of addresses."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *args):
    """Run `manage.py` with `env`; its standard output."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def create_database(url):
    """CREATE DATABASE for a dj-database-url address; fine if it exists."""
    server, name = url.rsplit("/", 1)
    subprocess.run(
        ["psql", f"{server}/postgres", "-qtc", f"CREATE DATABASE {name}"],
        capture_output=True,
    )


def start_gunicorn(env, port, workers, log_level="warning"):
    """gunicorn serving the project on loopback, once /healthz answers."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "interreg.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            log_level,
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(server)
    raise RuntimeError("gunicorn did not start")


def stop_gunicorn(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def drive(base_url, paths, seconds, connections=8, threads=2):
    """wrk against `paths` (cycled through) for `seconds`: its JSON summary."""
    urllib.request.urlopen(base_url + paths[0], timeout=60).read()  # noqa: S310 - warm up
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            str(ROOT / "bench" / "paths.lua"),
            base_url,
            "--",
            listing.name,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(listing.name)
    return json.loads(output.strip().splitlines()[-1])
