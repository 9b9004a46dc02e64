"""Where a page's time goes, cold, on the `make bench` database.

    make bench-explain PATHS="/historier/ /search/?query=kultur"

For each path: the time of a warm request in-process (production settings,
every cache of ours off), how much of it Django spent compiling SQL and how
much waiting for PostgreSQL, then each query with PostgreSQL's own planning
and execution times (`EXPLAIN ANALYZE`). The CPU time a request costs, in
Python and in its PostgreSQL backend (read from /proc), is steadier than wall
time on a machine whose speed varies. Run `make bench` once first: it makes
the database.
"""

import json
import subprocess
import sys

import run

SCRIPT = """
import json, os, sys, time
from django.db import connection
from django.db.backends import utils
from django.db.models.sql import compiler
from django.test import Client
from django.test.utils import CaptureQueriesContext

spent = {"compile": 0.0, "database": 0.0}
depth = [0]
as_sql, execute = compiler.SQLCompiler.as_sql, utils.CursorWrapper._execute

def timed_as_sql(self, *args, **kwargs):
    depth[0] += 1
    started = time.perf_counter()
    try:
        return as_sql(self, *args, **kwargs)
    finally:
        depth[0] -= 1
        if not depth[0]:
            spent["compile"] += time.perf_counter() - started

def timed_execute(self, *args, **kwargs):
    started = time.perf_counter()
    try:
        return execute(self, *args, **kwargs)
    finally:
        spent["database"] += time.perf_counter() - started

compiler.SQLCompiler.as_sql = timed_as_sql
utils.CursorWrapper._execute = timed_execute
client = Client(HTTP_HOST="127.0.0.1")
ROUNDS = 50
client.get("/")
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid()")
    backend = cursor.fetchone()[0]

# (This process's CPU time, its PostgreSQL backend's), in seconds: the work
# a request costs, which wall time on a busy machine blurs.
def cpu_seconds():
    with open(f"/proc/{backend}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return time.process_time(), (int(fields[11]) + int(fields[12])) / ticks

for path in json.loads(sys.stdin.read()):
    assert client.get(path).status_code == 200, path
    spent.update(compile=0.0, database=0.0)
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in range(ROUNDS):
        client.get(path)
    total = (time.perf_counter() - started) / ROUNDS * 1000
    python, postgres = (
        (after - before) / ROUNDS * 1000 for after, before in zip(cpu_seconds(), cpu)
    )
    print(f"{path}: {total:.1f} ms a request in-process, of which "
          f"{spent['compile'] / ROUNDS * 1000:.1f} ms compiling SQL and "
          f"{spent['database'] / ROUNDS * 1000:.1f} ms in PostgreSQL; "
          f"CPU {python:.1f} ms in Python, {postgres:.1f} ms in PostgreSQL")
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            plan = cursor.fetchone()[0][0]
        print(f"  plan {plan['Planning Time']:6.2f} ms  run "
              f"{plan['Execution Time']:6.2f} ms  {query['sql'][:110]}")
"""


def main(paths):
    if not paths:
        sys.exit('make bench-explain PATHS="/historier/ /search/?query=kultur"')
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=run.ROOT,
        env={**run.ENV, **run.COLD},
        input=json.dumps(paths),
        text=True,
        check=True,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
