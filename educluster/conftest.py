"""The named cast every test uses, from the deterministic demo cluster.

coordinator · head (member head of a School-Lab school) · faculty · student · mentor · analyst ·
admin · outsider (an account with no role) — see ``seed_demo``.
"""

import os

import pytest

# Django is imported inside the fixtures, so that the pure engines' tests also run without it
# (``pytest -p no:django educluster/engines``).
SLUG = "tasviriy-sanat-chirchiq"

CAST = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin", "outsider"]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture
def cluster(db):
    from educluster.registry.models import Cluster

    return Cluster.objects.get(slug=SLUG)


@pytest.fixture
def cast(db):
    from educluster.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=CAST)}


@pytest.fixture
def client_as(cast):
    from django.test import Client

    def make(name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(cast[name])
        return client

    return make


def reload_demo() -> None:
    """Transactional tests empty the database after themselves: load the demo again."""
    from django.core.management import call_command

    from educluster.registry.models import District, Language, Region
    from educluster.registry.reference import load_reference

    load_reference(Region, District, Language)
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def demo_transactional_db(transactional_db):
    """A committed demo cluster for tests that need real transactions (threads, live server)."""
    reload_demo()


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def browser_page(live_server, transactional_db, monkeypatch):
    """A page in the system Chromium, against a live server holding the demo cluster.

    In CI a browser that cannot start fails the test; elsewhere it skips with the reason.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop
    reload_demo()
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as error:  # no browser here
        # Stop Playwright's event loop first, or the database teardown runs "in async context".
        manager.stop()
        if IN_CI:
            pytest.fail(f"Chromium could not start: {error}")
        pytest.skip(f"Chromium could not start: {error}")
    context = browser.new_context(locale="uz-UZ", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
    browser.close()
    manager.stop()


def login(page, username: str, password: str = "demo-parol-2026") -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/login/code/" in page.url:
        enter_demo_totp_code(page)


def enter_demo_totp_code(page, secret: str | None = None) -> None:
    """Type the current code on the two-factor step (the demo admin has a fixed key)."""
    import time

    from educluster.accounts.demo import DEMO_TOTP_SECRET
    from educluster.engines.totp import secret_decode, totp_code

    key = secret_decode(secret or DEMO_TOTP_SECRET)
    for _attempt in range(2):
        page.fill("input[name=code]", totp_code(key, time.time()))
        page.click("form.form button[type=submit]")
        page.wait_for_load_state()
        if "/accounts/login/code/" not in page.url:
            return
        # This step's code was already used (a second login within 30 s): wait for the next.
        time.sleep(30.5 - time.time() % 30)
