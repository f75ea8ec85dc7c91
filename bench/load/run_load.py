"""``make load``: the README's deployment on one machine, under a bounded locust run.

A fresh PostgreSQL database (``educluster_load``: dropped, created, migrated, demo loaded), two
gunicorn processes on 127.0.0.1 (two workers of four threads each), two ``db_worker``
processes, sessions and cache in Redis (``REDIS_URL``, database 7 by default, flushed first),
uploaded files in one shared ``MEDIA_ROOT``. Then locust, headless, spreads 50 users (spawn
rate 5/s) over both web processes for ``--time`` seconds, and the figures go to the console and
to the "Load" section of ``bench/RESULTS.md``. Every process started here is stopped on exit,
Ctrl-C included. Loopback only.

    .venv/bin/python bench/load/run_load.py [--users 50] [--rate 5] [--time 90] [--no-write]
"""

import argparse
import atexit
import csv
import datetime
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
RESULTS = ROOT / "bench" / "RESULTS.md"
PORTS = (8061, 8062)
PG_SERVER = os.environ.get("LOAD_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("LOAD_DB", "educluster_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/7")
ACCOUNTS = ["coordinator", "head", "faculty", "student", "mentor", "analyst"]

children: list[subprocess.Popen] = []


def stop_all() -> None:
    """Stop every process this script started (its own children only), politely first."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    children.clear()


def on_signal(signum: int, _frame: object) -> None:
    stop_all()
    sys.exit(128 + signum)


def run(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, *args], cwd=ROOT, env=env, check=True)


def start(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen:
    handle = log.open("w")
    child = subprocess.Popen(list(args), cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    children.append(child)
    return child


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def fresh_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


PREPARE = """
import json, sys
import django
django.setup()
from educluster.accounts.models import User
from educluster.api.services import api_token_create
from educluster.registry.models import Cluster

cluster = Cluster.objects.order_by("pk").first()
school = cluster.memberships.filter(institution__kind="general_school").first().institution
found = {}
for name in sys.argv[1].split(","):
    user = User.objects.get(username=name)
    user.preferred_language = "en"   # the writes' outcomes are checked by their English text
    user.save(update_fields=["preferred_language"])
    tokens = [api_token_create(user=user, name=f"load {n}")[1] for n in range(15)]
    found[name] = {"slug": cluster.slug, "tokens": tokens, "school_code": school.code}
print(json.dumps(found))
"""


def wait_until_up(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer in {seconds} s; see var/load/*.log")


def task_summary(env: dict[str, str]) -> dict:
    """What the two task workers did during the run: tasks per status and per worker."""
    code = (
        "import json, collections, django; django.setup()\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "rows = list(DBTaskResult.objects.values_list('status', 'worker_ids', 'task_path'))\n"
        "status = collections.Counter(s for s, _w, _t in rows)\n"
        "workers = collections.Counter(w[-1] for _s, w, _t in rows if w)\n"
        "twice = sum(1 for _s, w, _t in rows if len(w) > 1)\n"
        "from educluster.imports.models import ImportJob\n"
        "jobs = collections.Counter(ImportJob.objects.values_list('status', flat=True))\n"
        "print(json.dumps({'status': status, 'workers': workers, 'claimed_twice': twice,"
        " 'imports': jobs}))"
    )
    out = subprocess.run(
        [PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def read_stats(prefix: Path) -> tuple[list[dict], list[dict]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        stats = list(csv.DictReader(handle))
    failures: list[dict] = []
    path = Path(f"{prefix}_failures.csv")
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            failures = list(csv.DictReader(handle))
    return stats, failures


def table(stats: list[dict]) -> list[str]:
    lines = [
        "| type | request | count | failures | req/s | p50 ms | p95 ms | max ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in stats:
        lines.append(
            f"| {row['Type']} | {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.2f} | {row['50%']} | {row['95%']} "
            f"| {float(row['Max Response Time']):.0f} |"
        )
    return lines


def outcomes(counts: dict[str, int]) -> list[str]:
    lines = ["| write | outcome | count |", "| --- | --- | ---: |"]
    for name, count in sorted(counts.items()):
        write, _sep, kind = name.partition(": ")
        lines.append(f"| {write} | {kind} | {count} |")
    return lines


def write_results(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = text.find("\n## Load\n")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + text[end:] if end >= 0 else text[:start] + "\n"
    RESULTS.write_text(text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rate", type=float, default=5)
    parser.add_argument("--time", type=int, default=90, help="seconds of load (60-120)")
    parser.add_argument("--no-write", action="store_true", help="leave bench/RESULTS.md alone")
    options = parser.parse_args()

    var = ROOT / "var" / "load"
    media = var / "media"  # the shared MEDIA_ROOT of both web processes and both workers
    media.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "development",  # plain HTTP on loopback: no HTTPS-only cookies
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),  # one key for every process
        "DATABASE_URL": f"{PG_SERVER}/{DB_NAME}",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(media),
        "EDUCLUSTER_VAR_DIR": str(var),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("EDUCLUSTER_TESTING", None)
    atexit.register(stop_all)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    print(f"== fresh database {DB_NAME}, Redis {REDIS_URL}, media {media}")
    fresh_database()
    fresh_redis()
    run(env, "manage.py", "migrate", "--no-input", "-v0")
    run(env, "manage.py", "seed_demo")
    run(env, "manage.py", "demo_accounts")
    prepared = subprocess.run(
        [PY, "-c", PREPARE, ",".join(ACCOUNTS)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    accounts = var / "accounts.json"
    accounts.write_text(prepared.strip().splitlines()[-1])
    accounts.chmod(0o600)

    print("== two web processes, two task workers")
    gunicorn = str(Path(PY).with_name("gunicorn"))
    for port in PORTS:
        start(
            env,
            var / f"gunicorn-{port}.log",
            gunicorn,
            "config.wsgi",
            "--workers",
            "2",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--no-control-socket",  # two masters would share one default socket path
            # Longer than the users' pauses, as behind a proxy that keeps upstream connections:
            # with gunicorn's 2 s a request can meet the server closing its idle connection.
            "--keep-alive",
            "30",
        )
    for n in (1, 2):
        start(
            env,
            var / f"worker-{n}.log",
            PY,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--interval",
            "0.5",
            "--worker-id",
            f"load-worker-{n}",
        )
    for port in PORTS:
        wait_until_up(f"http://127.0.0.1:{port}/accounts/login/")

    print(f"== locust: {options.users} users, {options.rate}/s, {options.time} s")
    prefix = var / "locust"
    locust_env = {
        **env,
        "LOAD_HOSTS": ",".join(f"http://127.0.0.1:{port}" for port in PORTS),
        "LOAD_ACCOUNTS": str(accounts),
        "LOAD_OUTCOMES": str(var / "outcomes.json"),
    }
    (var / "outcomes.json").unlink(missing_ok=True)
    started = datetime.datetime.now(datetime.UTC)
    subprocess.run(
        [
            str(Path(PY).with_name("locust")),
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(options.users),
            "--spawn-rate",
            str(options.rate),
            "--run-time",
            f"{options.time}s",
            "--host",
            f"http://127.0.0.1:{PORTS[0]}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "30",
        ],
        cwd=ROOT,
        env=locust_env,
        check=False,
    )
    time.sleep(5)  # let the workers finish the last imports
    tasks = task_summary(env)
    stop_all()

    stats, failures = read_stats(prefix)
    total = next(r for r in stats if r["Name"] == "Aggregated")
    stats = [r for r in stats if r["Name"] != "Aggregated"]
    count = int(total["Request Count"])
    failed = int(total["Failure Count"])
    written = json.loads((var / "outcomes.json").read_text())
    outcome_failures = sum(written["failures"].values())
    print(
        f"\nthroughput {count / options.time:.1f} requests/s, {count} requests, "
        f"{failed} failed requests, {outcome_failures} failed writes; "
        f"tasks {tasks['status']} by {tasks['workers']}, claimed twice {tasks['claimed_twice']}"
    )
    print("\n".join(table(stats)))
    print("\n".join(outcomes(written["outcomes"])))
    for failure in failures:
        print(
            f"FAILURE {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"×{failure['Occurrences']}"
        )
    for name, n in written["failures"].items():
        print(f"FAILED WRITE {name} ×{n}")

    if not options.no_write:
        load = os.getloadavg()
        section = [
            "## Load",
            "",
            f"`make load` (`bench/load/run_load.py`), {started:%Y-%m-%d %H:%M} UTC: "
            f"{options.users} users (spawn rate {options.rate}/s) for {options.time} s, locust "
            "headless on the same machine, every request sent to the next of two gunicorn "
            "processes (127.0.0.1:8061 and :8062, 2 workers × 4 threads each, DEBUG off) on "
            f"PostgreSQL (`{DB_NAME}`, fresh demo), two `db_worker` processes, sessions "
            "(`cached_db`) and cache in Redis, one shared `MEDIA_ROOT`. Python "
            f"{platform.python_version()}; the machine (above) was shared with other work, "
            f"load average {load[0]:.1f} at the end.",
            "",
            f"- throughput: **{count / options.time:.1f} requests/s** ({count} requests)",
            f"- p50 {total['50%']} ms, p95 {total['95%']} ms over all requests",
            f"- errors: **{failed}** failed requests, {outcome_failures} failed writes",
            f"- task worker: {dict(tasks['status'])}, by worker {dict(tasks['workers'])}; "
            f"tasks claimed twice: {tasks['claimed_twice']}; imports {dict(tasks['imports'])}",
            "",
            "The mix: the cast (coordinator ×10, head ×12, faculty ×8, student ×8, mentor ×6, "
            "analyst ×6; not `admin`, who signs in with a second factor) reads home pages, "
            "cluster pages and lists; calls the API with a personal token each; heads and "
            "coordinators file fulfilment reports (with a PDF) and confirm or dispute the "
            "counterpart's; coordinators import a 5-row CSV of people (upload, the worker's "
            "check, preview, confirm, the worker's write). Forms are fetched and posted with "
            "their CSRF token. Each write's outcome is read from the page it leads to; a "
            '"conflict" is two users deciding one report at once (one wins, the other is '
            "told), which is expected.",
            "",
            *table(stats),
            "",
            *outcomes(written["outcomes"]),
            "",
        ]
        if failures or written["failures"]:
            section += ["Failures:", ""]
            section += [
                f"- {f['Method']} {f['Name']}: {f['Error']} ×{f['Occurrences']}" for f in failures
            ]
            section += [f"- {name} ×{n}" for name, n in written["failures"].items()]
            section.append("")
        write_results("\n".join(section))
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 1 if failed or outcome_failures else 0


if __name__ == "__main__":
    sys.exit(main())
