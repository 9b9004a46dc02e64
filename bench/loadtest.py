"""`make loadtest`: two app servers, one worker, 2,000 tips, and things going wrong.

Two gunicorn servers on different ports share PostgreSQL and Redis, with the
database task worker beside them (started as the Procfile starts it, and
restarted when it exits, as a platform does) and a real SMTP listener on
loopback. 40 clients send 2,000 tips through `/api/tips/`, spread over both
servers, each with its own Idempotency-Key, retrying on 503, time-outs and
connection errors with the same key; meanwhile readers fetch pages and the API
from both servers. During the run PostgreSQL is restarted, the worker is
stopped for 30 s, and the mail server hangs for 30 s.

It passes only if every acknowledged tip is stored exactly once, every stored
tip got its two e-mails exactly once (counted at the SMTP listener), and no
reader got a 5xx other than a 503 while PostgreSQL restarted. It prints the
counts and writes them to bench/results/loadtest.md.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import common  # noqa: E402

from tests.services.smtp import SMTPServer  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "loadtest.md"
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/interreg_load"
)
TIPS = int(os.environ.get("LOADTEST_TIPS", "2000"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "40"))
READERS = int(os.environ.get("LOADTEST_READERS", "4"))
OUTAGE = int(os.environ.get("LOADTEST_OUTAGE_SECONDS", "30"))
PORTS = (8771, 8772)
SMTP = SMTPServer()

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "interreg.settings.production",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/4",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": str(SMTP.port),
    "EMAIL_TIMEOUT": "5",
    "OUTBOX_CLAIM_SECONDS": "15",
    "OUTBOX_RETRY_SECONDS": "2",
    "TIP_RATE_LIMIT": "1000000",
    "TIP_MIN_FILL_SECONDS": "0",
    "LOG_LEVEL": "ERROR",
    "CONN_MAX_AGE": "60",
}


def manage(*args):
    return common.manage(ENV, *args)


def prepare():
    common.create_database(DATABASE_URL)
    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo")
    manage("collectstatic", "--noinput", "-v", "0")


def http(method, url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310
        url,
        data=data,
        method=method,
        headers={
            **({"Content-Type": "application/json"} if data else {}),
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return "connection error", b""


class Worker:
    """The task worker as a platform runs it: the Procfile's command, restarted
    whenever it exits, until stopped."""

    def __init__(self):
        self.process = None
        self.paused = threading.Event()
        self.stopping = threading.Event()
        self.restarts = 0
        self.thread = threading.Thread(target=self._supervise, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def _run(self):
        command = (
            f"{sys.executable} manage.py send_tip_notifications --queue && "
            f"exec {sys.executable} manage.py db_worker --interval 0.2"
        )
        return subprocess.Popen(  # noqa: S602 - the Procfile's own shell line
            command,
            shell=True,
            cwd=ROOT,
            env=ENV,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _supervise(self):
        while not self.stopping.is_set():
            if self.paused.is_set():
                time.sleep(0.2)
                continue
            self.process = self._run()
            while self.process.poll() is None and not self.paused.is_set():
                time.sleep(0.2)
            if self.process.poll() is None:
                self._terminate()
            elif not self.stopping.is_set():
                self.restarts += 1  # it exited (the database went away): again
                time.sleep(1)

    def _terminate(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)

    def pause(self, seconds):
        self.paused.set()
        time.sleep(seconds)
        self.paused.clear()

    def stop(self):
        self.stopping.set()
        self.paused.set()
        self.thread.join(timeout=90)


def restart_postgres(window):
    """Restart the PostgreSQL cluster LOADTEST_DATABASE_URL points at
    (LOADTEST_PG_CLUSTER, "main" unless told: a cluster of its own keeps other
    work on the machine out of the outage)."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    cluster = os.environ.get("LOADTEST_PG_CLUSTER", "main")
    window["start"] = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
        check=True,
    )
    time.sleep(2)  # connections notice the new server on their next query
    window["end"] = time.monotonic()


def hang_smtp(seconds):
    SMTP.inbox.hanging.set()
    time.sleep(seconds)
    SMTP.inbox.hanging.clear()


def run(marker, worker):
    bases = [f"http://127.0.0.1:{port}" for port in PORTS]
    numbers = iter(range(TIPS))
    lock = threading.Lock()
    attempts = Counter()
    acknowledged = []
    readers_done = threading.Event()
    reads = []
    window = {}

    def send_tips(client):
        started = None
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            key = f"{marker}-{number}"
            base = bases[(client + number) % 2]
            for _try in range(600):
                if started is None:
                    status, body = http("GET", f"{base}/api/tips/?lang=nb")
                    if status != 200:
                        time.sleep(0.5)
                        continue
                    started = json.loads(body)["started"]
                status, _body = http(
                    "POST",
                    f"{base}/api/tips/?lang=nb",
                    {
                        "started": started,
                        "name": "Last Test",
                        "email": "last@example.no",
                        "project": key,
                        "story": "Et tips fra lasttesten.",
                        "consent": True,
                    },
                    headers={"Idempotency-Key": key},
                )
                with lock:
                    attempts[status] += 1
                if status == 201:
                    with lock:
                        acknowledged.append(key)
                    break
                if status in (503, 502, "connection error"):
                    time.sleep(0.5)  # the same tip, the same key, again
                    continue
                break  # a 4xx: the tip was refused for good

    def read(reader):
        paths = [
            "/",
            "/historier/",
            "/en/stories/",
            "/prosjekter/",
            "/api/v2/pages/?type=stories.StoryPage&fields=*&limit=20",
            "/api/v2/pages/?type=stories.ProjectPage&locale=en",
        ]
        n = reader
        while not readers_done.is_set():
            status, _body = http("GET", bases[n % 2] + paths[n % len(paths)])
            reads.append((time.monotonic(), status))
            n += 1

    readers = [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
    clients = [threading.Thread(target=send_tips, args=(n,)) for n in range(CLIENTS)]
    disruptions = [
        threading.Thread(target=lambda: (time.sleep(5), restart_postgres(window))),
        threading.Thread(target=lambda: (time.sleep(15), worker.pause(OUTAGE))),
        threading.Thread(target=lambda: (time.sleep(20), hang_smtp(OUTAGE))),
    ]
    began = time.monotonic()
    for thread in readers + clients + disruptions:
        thread.start()
    for thread in clients + disruptions:
        thread.join()
    readers_done.set()
    for thread in readers:
        thread.join()
    return {
        "attempts": attempts,
        "acknowledged": acknowledged,
        "reads": reads,
        "window": window,
        "seconds": time.monotonic() - began,
    }


COUNTS = """
import json
from collections import Counter
from stories.models import OutgoingEmail, Tip
marker = "{marker}"
tips = Tip.objects.filter(project__startswith=marker + "-")
emails = OutgoingEmail.objects.filter(tip__in=tips)
print(json.dumps({{
    "tips": Counter(tips.values_list("project", flat=True)),
    "emails": Counter(emails.values_list("status", flat=True)),
}}))
"""


def counts(marker):
    output = manage("shell", "-c", COUNTS.format(marker=marker))
    return json.loads(output.strip().splitlines()[-1])


def wait_for_the_outbox(marker, seconds=600):
    """Until every e-mail of the run is sent (or has failed for good)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = counts(marker)["emails"]
        if not found.get("pending") and not found.get("sending"):
            return found
        time.sleep(3)
    return counts(marker)["emails"]


def main():
    prepare()
    SMTP.start()
    servers = [common.start_gunicorn(ENV, port, workers=2) for port in PORTS]
    worker = Worker().start()
    marker = f"load-{uuid.uuid4().hex[:8]}"
    try:
        result = run(marker, worker)
        outbox = wait_for_the_outbox(marker)
    finally:
        worker.stop()
        for server in servers:
            common.stop_gunicorn(server)
        SMTP.stop()
    stored = counts(marker)["tips"]
    acknowledged = set(result["acknowledged"])
    lost = [key for key in acknowledged if stored.get(key, 0) != 1]
    duplicated = [key for key, n in stored.items() if n > 1]
    unacknowledged = [key for key in stored if key not in acknowledged]
    mails = Counter()
    for message in SMTP.messages:
        body = message.get_content()
        key = next((word for word in body.split() if word.startswith(marker)), None)
        if key:
            mails[(key, message["To"])] += 1
    expected = {
        (key, to) for key in stored for to in ("interreg@pkom.no", "last@example.no")
    }
    missing_mail = [pair for pair in expected if mails[pair] == 0]
    repeated_mail = [pair for pair, n in mails.items() if n > 1]
    window = result["window"]
    bad_reads = [
        (at, status)
        for at, status in result["reads"]
        if not (
            status == 200
            or (
                status == 503 and window and window["start"] <= at <= window["end"] + 10
            )
        )
    ]
    read_codes = Counter(status for _at, status in result["reads"])
    rows = [
        ("tips sent (with retries)", sum(result["attempts"].values())),
        ("answers", dict(result["attempts"])),
        ("tips acknowledged (201)", len(acknowledged)),
        ("tips stored", sum(stored.values())),
        ("acknowledged but not stored once", len(lost)),
        ("stored twice or more", len(duplicated)),
        ("stored but never acknowledged", len(unacknowledged)),
        ("e-mails delivered", sum(mails.values())),
        ("e-mails expected (2 a tip)", len(expected)),
        ("e-mails missing", len(missing_mail)),
        ("e-mails delivered twice", len(repeated_mail)),
        ("outbox at the end", dict(outbox)),
        ("reader requests", len(result["reads"])),
        ("reader answers", dict(read_codes)),
        ("reader 5xx other than 503 during the restart", len(bad_reads)),
        ("worker restarts after PostgreSQL went away", worker.restarts),
        ("time", f"{result['seconds']:.0f} s"),
    ]
    lines = [
        f"`make loadtest`, {time.strftime('%Y-%m-%d %H:%M %Z')}: {TIPS} tips from "
        f"{CLIENTS} clients through `/api/tips/` on two gunicorn servers (2 workers "
        f"each) while {READERS} readers fetch pages and the API from both; one task "
        f"worker; PostgreSQL, Redis and a real SMTP listener on loopback. PostgreSQL "
        f"restarted at 5 s, the worker stopped for {OUTAGE} s at 15 s, the mail "
        f"server hung for {OUTAGE} s at 20 s.",
        "",
        "| count | value |",
        "| --- | ---: |",
        *[f"| {label} | {value} |" for label, value in rows],
    ]
    table = "\n".join(lines)
    print(table)
    RESULTS.write_text(table + "\n", encoding="utf-8")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    failed = (
        lost
        or duplicated
        or unacknowledged
        or missing_mail
        or repeated_mail
        or bad_reads
        or outbox.get("failed")
    )
    if failed:
        sys.exit(
            "FAILED: a tip or an e-mail was lost or doubled, or a reader got a 5xx."
        )
    print("PASSED")


if __name__ == "__main__":
    main()
