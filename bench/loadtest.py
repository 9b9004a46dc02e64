"""`make loadtest`: 1,000 tips from 20 clients while the API is read, three times:
normally, with PostgreSQL restarted in the middle, and with the mail server down.

Every tip answered 201 must be stored exactly once; every other answer must be a
clear 4xx or 503; with the mail server down, every tip must still be stored and
its e-mail delivered once the server is back. Prints one table and writes it to
bench/results/loadtest.md.
"""

import json
import os
import secrets
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

from tests.services.smtp import SMTPServer, free_port  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "loadtest.md"
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/interreg_load"
)
TIPS = int(os.environ.get("LOADTEST_TIPS", "1000"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "20"))
PORT = int(os.environ.get("LOADTEST_PORT", "8766"))
SMTP_PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "interreg.settings.production",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/4",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": str(SMTP_PORT),
    "EMAIL_TIMEOUT": "3",
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


def request(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(  # noqa: S310
        BASE + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json"} if data else {},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return "connection error", b""


def run(scenario, marker, during=None):
    started = request("GET", "/api/tips/?lang=nb")[1]
    token = json.loads(started)["started"]
    numbers = iter(range(TIPS))
    lock = threading.Lock()
    outcomes = Counter()
    accepted = []
    stop_reading = threading.Event()

    def submit():
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            status, _body = request(
                "POST",
                "/api/tips/?lang=nb",
                {
                    "started": token,
                    "name": "Last Test",
                    "email": "last@example.no",
                    "project": f"{marker}-{number}",
                    "story": "Et tips fra lasttesten.",
                    "consent": True,
                },
            )
            with lock:
                outcomes[status] += 1
                if status == 201:
                    accepted.append(number)

    def read():
        while not stop_reading.is_set():
            request("GET", "/api/v2/pages/?type=stories.StoryPage&fields=*&limit=20")

    readers = [threading.Thread(target=read) for _ in range(2)]
    writers = [threading.Thread(target=submit) for _ in range(CLIENTS)]
    for thread in readers + writers:
        thread.start()
    if during:
        during()
    for thread in writers:
        thread.join()
    stop_reading.set()
    for thread in readers:
        thread.join()
    return outcomes, accepted


STORED = """
import json, sys
from collections import Counter
from stories.models import Tip
marker = sys.argv[-1] if False else "{marker}"
projects = Counter(Tip.objects.filter(project__startswith=marker + "-").values_list("project", flat=True))
notified = Tip.objects.filter(project__startswith=marker + "-", notified_at__isnull=False).count()
print(json.dumps({{"projects": projects, "notified": notified}}))
"""


def stored(marker):
    output = manage("shell", "-c", STORED.format(marker=marker))
    return json.loads(output.strip().splitlines()[-1])


def restart_postgres():
    time.sleep(3)
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
    )


def main():
    prepare()
    smtp = SMTPServer(port=SMTP_PORT).start()
    server = common.start_gunicorn(ENV, PORT, workers=4, log_level="error")
    rows = []
    try:
        for scenario, during, mail_down in (
            ("normal", None, False),
            ("PostgreSQL restarted midway", restart_postgres, False),
            ("mail server down", None, True),
        ):
            marker = f"load-{uuid.uuid4().hex[:8]}"
            if mail_down:
                smtp.stop()
            began = time.monotonic()
            outcomes, accepted = run(scenario, marker, during)
            seconds = time.monotonic() - began
            if mail_down:
                smtp = SMTPServer(port=SMTP_PORT).start()
            # What the scheduled job does: send whatever could not go at once.
            manage("send_tip_notifications")
            found = stored(marker)
            counts = found["projects"]
            accepted_keys = {f"{marker}-{number}" for number in accepted}
            lost = [key for key in accepted_keys if counts.get(key, 0) != 1]
            duplicates = [key for key, count in counts.items() if count > 1]
            mails = sum(
                1
                for m in smtp.messages
                if marker in str(m.get("Subject", "")) or marker in m.get_content()
            )
            rejected = sum(
                n
                for status, n in outcomes.items()
                if isinstance(status, int) and 400 <= status < 500
            )
            errors = sum(
                n
                for status, n in outcomes.items()
                if status not in (201,)
                and not (isinstance(status, int) and 400 <= status < 500)
            )
            rows.append(
                {
                    "scenario": scenario,
                    "sent": sum(outcomes.values()),
                    "accepted": outcomes.get(201, 0),
                    "stored": sum(counts.values()),
                    "rejected": rejected,
                    "errors": errors,
                    "codes": dict(outcomes),
                    "mails": mails,
                    "notified": found["notified"],
                    "lost": len(lost),
                    "duplicates": len(duplicates),
                    "seconds": seconds,
                }
            )
    finally:
        common.stop_gunicorn(server)
        smtp.stop()
    lines = [
        f"`make loadtest`, {time.strftime('%Y-%m-%d %H:%M %Z')}: {TIPS} tips from {CLIENTS} "
        "clients through `/api/tips/` while 2 clients read the API; gunicorn 4 workers, "
        "PostgreSQL, Redis, a real SMTP server on loopback.",
        "",
        "| scenario | sent | accepted (201) | stored | rejected (4xx) | errors (503 etc.) | e-mails | lost | duplicated | time |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    failed = False
    for row in rows:
        lines.append(
            f"| {row['scenario']} | {row['sent']} | {row['accepted']} | {row['stored']} | {row['rejected']} "
            f"| {row['errors']} {row['codes'] if row['errors'] else ''} | {row['mails']} | {row['lost']} | {row['duplicates']} | {row['seconds']:.0f} s |"
        )
        failed |= bool(
            row["lost"] or row["duplicates"] or row["stored"] < row["accepted"]
        )
        failed |= row["notified"] != row["stored"]
    table = "\n".join(lines)
    print(table)
    RESULTS.write_text(table + "\n", encoding="utf-8")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    if failed:
        sys.exit("A tip was lost, duplicated or left without its e-mail.")


if __name__ == "__main__":
    main()
