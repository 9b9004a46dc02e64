"""Real gunicorn servers on loopback, running the project on the test database
with the production settings, for the tests that need more than one process."""

import contextlib
import functools
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.services.smtp import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def test_database_url():
    """The address of the test database this test process uses."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def production_env(**extra):
    """The production settings on the test database, over plain HTTP on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "PAGE_CACHE", "API_CACHE"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "interreg.settings.production",
            "SECRET_KEY": "a-production-like-secret-key-for-the-tests-only-0123456789",
            "DATABASE_URL": test_database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            # Plain HTTP on loopback: cookies may not insist on HTTPS here.
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "CONN_MAX_AGE": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update({key: str(value) for key, value in extra.items()})
    env["STATIC_ROOT"] = collected_static(env)
    return env


@functools.cache
def _collect(static_root, env_items):
    manage(dict(env_items), "collectstatic", "--noinput", "-v", "0")
    return static_root


def collected_static(env):
    """A STATIC_ROOT with the collected, hashed static files, as the release step
    makes it (production settings refuse a page whose stylesheet is not there);
    collected once per test process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    static_root = str(Path(tempfile.gettempdir()) / f"interreg-static-{worker}")
    env = {**env, "STATIC_ROOT": static_root}
    keep = (
        "PATH",
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "DATABASE_URL",
        "STATIC_ROOT",
    )
    return _collect(static_root, tuple(sorted((k, env[k]) for k in keep if k in env)))


class Server:
    """One gunicorn server; `pids()` tells which workers answered requests."""

    def __init__(self, env, workers, log_dir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        Path(log_dir).mkdir(parents=True, exist_ok=True)
        self.access_log = Path(log_dir) / f"access-{self.port}.log"
        self.error_log = Path(log_dir) / f"error-{self.port}.log"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "interreg.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                "%(p)s %(s)s %(U)s",
                "--graceful-timeout",
                "5",
            ],
            cwd=PROJECT_DIR,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=self.error_log.open("w"),
        )

    def wait_until_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.errors())
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def get(self, path, headers=None):
        """(status, headers, body) of a GET."""
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def errors(self):
        """The end of what the server wrote to its error log."""
        return self.error_log.read_text()[-3000:]

    def answers(self):
        """(worker pid, status, url) of every request answered so far."""
        if not self.access_log.exists():
            return []
        return [
            tuple(line.split(" ", 2))
            for line in self.access_log.read_text().splitlines()
        ]

    def pids(self, path=None, since=0):
        """The worker pids that answered (`path`, or any), so far or since the
        first `since` answers."""
        return {
            pid
            for pid, _status, url in self.answers()[since:]
            if path is None or url == path
        }

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


@contextlib.contextmanager
def gunicorn(env, log_dir, workers=2):
    server = Server(env, workers, log_dir)
    try:
        yield server.wait_until_ready()
    finally:
        server.stop()


def manage(env, *args):
    """Run `manage.py` in a process of its own with `env`."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
