"""The load mix for ``make load``: the demo cast at work on two web processes at once.

Every request goes to the next of ``LOAD_HOSTS`` in turn, so one signed-in session is served by
both gunicorn processes (sessions live in Redis and the database, the CSRF secret in the
session cookie's origin, uploaded files on the shared ``MEDIA_ROOT``). Forms are fetched first
and posted with their CSRF token, as a browser does. ``LOAD_ACCOUNTS`` (written by
``run_load.py``) holds one API token per simulated user and the cluster's slug.

Writes check their outcome, not only the status: a report filed, confirmed or disputed shows
its success message on the page it redirects to. Two users deciding the same report at once is
an expected conflict (one wins, the other is told so) and is counted as "conflict", not as an
error. Nothing here signs in as ``admin`` (two-factor login) or ``outsider`` (sees nothing).
"""

import itertools
import json
import os
import random
import re
import time
import uuid
from collections import Counter, defaultdict
from typing import Any, ClassVar

from locust import HttpUser, between, events, task

HOSTS = [h.strip().rstrip("/") for h in os.environ.get("LOAD_HOSTS", "").split(",") if h.strip()]
PASSWORD = "demo-parol-2026"
_turn = itertools.count()
_accounts: dict[str, Any] = {}
_tokens: dict[str, list[str]] = defaultdict(list)
# Outcomes of the writes, kept apart from the request statistics (they have no latency of
# their own) and written to LOAD_OUTCOMES when the run stops.
OUTCOMES: Counter[str] = Counter()
WRITE_FAILURES: Counter[str] = Counter()


@events.test_stop.add_listener
def _write_outcomes(**_kwargs: Any) -> None:
    path = os.environ.get("LOAD_OUTCOMES")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"outcomes": OUTCOMES, "failures": WRITE_FAILURES}, handle)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

FILED = "The report was sent to the controlling party."
DECIDED = ("The report was confirmed.", "The report was disputed.")
CONFLICTS = (
    "already decided by someone else",
    "already waiting for a decision",
    "Nobody confirms their own report",
)


def _load_accounts() -> None:
    if _accounts:
        return
    with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as handle:
        _accounts.update(json.load(handle))
    for name, account in _accounts.items():
        _tokens[name] = list(account["tokens"])


def host() -> str:
    """The next web process, round robin across the simulated users' requests."""
    return HOSTS[next(_turn) % len(HOSTS)]


def csrf_token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Member(HttpUser):
    """A signed-in member of the demo cluster; subclasses name the account and its work."""

    abstract = True
    wait_time = between(1, 3)
    account: ClassVar[str] = ""
    pages: ClassVar[list[tuple[str, str]]] = [("home", "/")]

    def on_start(self) -> None:
        _load_accounts()
        self.slug = _accounts[self.account]["slug"]
        self.api_token = _tokens[self.account].pop()
        self.not_mine: set[int] = set()
        form = self.client.get(host() + "/accounts/login/", name="login form")
        with self.client.post(
            host() + "/accounts/login/",
            data={
                "username": self.account,
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf_token(form.text),
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.account} refused: {response.status_code}")

    # --- reading ------------------------------------------------------------------------------
    def page(self, name: str, path: str) -> Any:
        with self.client.get(
            host() + path.format(slug=self.slug), name=f"page: {name}", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.error or ''}")
            elif 'name="username"' in response.text and name != "login":
                response.failure("signed out: the other web process did not know the session")
            return response

    @task(6)
    def read_pages(self) -> None:
        name, path = random.choice(self.pages)
        self.page(name, path)

    def api(self, name: str, path: str) -> Any:
        with self.client.get(
            host() + path,
            headers={"Authorization": f"Bearer {self.api_token}", "Accept": "application/json"},
            name=f"api: {name}",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.error or response.text[:200]}")
                return None
            return response.json()

    @task(3)
    def read_api(self) -> None:
        name, path = random.choice(
            [
                ("clusters", "/api/v1/clusters/"),
                ("agreements", "/api/v1/agreements/"),
                ("occurrences", "/api/v1/occurrences/?page_size=50"),
                ("reports", "/api/v1/reports/?page_size=50"),
                ("members", f"/api/v1/clusters/{self.slug}/members/"),
            ]
        )
        self.api(name, path)

    # --- writing ------------------------------------------------------------------------------
    def post_form(self, name: str, form_page: str, action: str, data: dict, **kwargs: Any) -> str:
        """Post the form of ``form_page`` (fetched just before) with its CSRF token; return the
        landing page (after the redirect) so the caller can check the outcome."""
        data = {**data, "csrfmiddlewaretoken": csrf_token(form_page)}
        with self.client.post(
            host() + action, data=data, name=name, catch_response=True, **kwargs
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
                return ""
            return response.text

    def outcome(self, name: str, text: str, successes: tuple[str, ...]) -> None:
        """Count the write as ok, conflict (expected) or failed, from the page it led to."""
        if any(s in text for s in successes):
            OUTCOMES[f"{name}: ok"] += 1
        elif any(c in text for c in CONFLICTS):
            OUTCOMES[f"{name}: conflict"] += 1
        else:
            match = re.search(r'<li class="message error">(.*?)</li>', text, re.S)
            OUTCOMES[f"{name}: failed"] += 1
            WRITE_FAILURES[f"{name}: {match.group(1).strip() if match else 'no message'}"] += 1

    def file_report(self) -> None:
        listing = self.api(
            "occurrences to report",
            f"/api/v1/occurrences/?cluster={self.slug}&state={random.choice(['open', 'disputed'])}"
            "&page_size=200",
        )
        candidates = [o["id"] for o in (listing or {}).get("results", [])]
        candidates = [pk for pk in candidates if pk not in self.not_mine]
        if not candidates:
            return
        pk = random.choice(candidates)
        page = self.page("occurrence", f"/occurrences/{pk}/")
        if 'id="report-form"' not in page.text:
            self.not_mine.add(pk)  # another party's obligation (or already reported)
            return
        text = self.post_form(
            "file report",
            page.text,
            f"/occurrences/{pk}/report/",
            {"value_achieved": str(random.randint(1, 20)), "text": "Load test: what was done."},
            files={"evidence": ("evidence.pdf", b"%PDF-1.4\n%load\n", "application/pdf")},
        )
        if text:
            self.outcome("file report", text, (FILED,))

    def decide_report(self) -> None:
        listing = self.api("reports to decide", "/api/v1/reports/?decision=pending&page_size=200")
        pending = [(r["id"], r["occurrence"]) for r in (listing or {}).get("results", [])]
        if not pending:
            return
        report, occurrence = random.choice(pending)
        page = self.page("occurrence", f"/occurrences/{occurrence}/")
        if f'action="/reports/{report}/decide/"' not in page.text:
            return  # not this user's to decide
        # Mostly disputes, so that reports keep coming back for another round.
        decision = random.choice(["confirm", "dispute", "dispute"])
        text = self.post_form(
            "decide report",
            page.text,
            f"/reports/{report}/decide/",
            {"decision": decision, "comment": "Load test: please add the register."},
        )
        if text:
            self.outcome("decide report", text, DECIDED)


class Coordinator(Member):
    fixed_count = 10
    account = "coordinator"
    pages: ClassVar[list[tuple[str, str]]] = [
        ("home", "/"),
        ("cluster", "/clusters/{slug}/"),
        ("agreements", "/clusters/{slug}/agreements/"),
        ("compliance", "/clusters/{slug}/compliance/"),
        ("members", "/clusters/{slug}/members/"),
        ("labs", "/clusters/{slug}/labs/"),
    ]

    @task(2)
    def report(self) -> None:
        self.file_report()

    @task(3)
    def decide(self) -> None:
        self.decide_report()

    @task(1)
    def import_people(self) -> None:
        """Upload → the worker checks it → preview → confirm → the worker writes it."""
        start = f"/imports/clusters/{self.slug}/people/"
        tag = uuid.uuid4().hex[:8]
        school = _accounts[self.account]["school_code"]
        lines = ["full_name,kind,institution,email"]
        lines += [f"Load {tag} Teacher {n},teacher,{school}," for n in range(5)]
        body = ("\n".join(lines) + "\n").encode()
        form = self.page("import form", start)
        with self.client.post(
            host() + start,
            data={"csrfmiddlewaretoken": csrf_token(form.text)},
            files={"file": (f"people-{tag}.csv", body, "text/csv")},
            name="import upload",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")
                return
            job = response.headers["Location"]
        confirm = self.wait_for(job, 'action="/imports/', "import preview")
        if confirm is None:
            return
        action = re.search(r'action="(/imports/[^"]+/confirm/)"', confirm)
        assert action is not None
        self.client.post(
            host() + action.group(1),
            data={"csrfmiddlewaretoken": csrf_token(confirm)},
            name="import confirm",
        )
        done = self.wait_for(job, "notice success", "import done")
        self.outcome("import", done or "", ("notice success",))

    def wait_for(self, path: str, marker: str, name: str, seconds: float = 60) -> str | None:
        """Poll the job page (as its progress bar does) until the worker is done."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            page = self.page("import job", path)
            if marker in page.text:
                return page.text
            time.sleep(1)
        OUTCOMES[f"{name}: failed"] += 1
        WRITE_FAILURES[f"{name}: the worker did not finish in {seconds:.0f} s"] += 1
        return None


class Head(Member):
    fixed_count = 12
    account = "head"
    pages: ClassVar[list[tuple[str, str]]] = [
        ("home", "/"),
        ("cluster", "/clusters/{slug}/"),
        ("agreements", "/clusters/{slug}/agreements/"),
        ("institutions", "/clusters/{slug}/institutions/"),
    ]

    @task(3)
    def report(self) -> None:
        self.file_report()

    @task(2)
    def decide(self) -> None:
        self.decide_report()


class Faculty(Member):
    fixed_count = 8
    account = "faculty"
    pages: ClassVar[list[tuple[str, str]]] = [
        ("home", "/"),
        ("cluster", "/clusters/{slug}/"),
        ("labs", "/clusters/{slug}/labs/"),
    ]


class Student(Member):
    fixed_count = 8
    account = "student"
    pages: ClassVar[list[tuple[str, str]]] = [("home", "/"), ("cluster", "/clusters/{slug}/")]


class Mentor(Member):
    fixed_count = 6
    account = "mentor"
    pages: ClassVar[list[tuple[str, str]]] = [("home", "/"), ("cluster", "/clusters/{slug}/")]


class Analyst(Member):
    fixed_count = 6
    account = "analyst"
    pages: ClassVar[list[tuple[str, str]]] = [
        ("home", "/"),
        ("cluster", "/clusters/{slug}/"),
        ("compliance", "/clusters/{slug}/compliance/"),
        ("agreements", "/clusters/{slug}/agreements/"),
    ]
