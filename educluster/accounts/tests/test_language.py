"""The account's preferred language: pages after login, the switch, the account page."""

from django.conf import settings
from django.urls import reverse

from educluster.accounts.language import user_language
from educluster.accounts.models import User

PASSWORD = "demo-parol-2026"


def _html_lang(response) -> str:
    html = response.content.decode()
    start = html.index('<html lang="') + len('<html lang="')
    return html[start : html.index('"', start)]


def test_it_defaults_every_account_to_uzbek(cast):
    assert {u.preferred_language for u in cast.values()} == {"uz"}
    assert user_language(cast["student"]) == "uz"


def test_it_speaks_the_preferred_language_after_login(client, cast):
    User.objects.filter(username="mentor").update(preferred_language="ru")
    response = client.post(reverse("login"), {"username": "mentor", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert _html_lang(client.get(reverse("home"), {"all": 1})) == "ru"


def test_it_prefers_the_account_over_a_stale_cookie(client_as):
    User.objects.filter(username="head").update(preferred_language="en")
    client = client_as("head")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert _html_lang(client.get(reverse("home"), {"all": 1})) == "en"


def test_it_keeps_the_cookie_for_visitors(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert _html_lang(client.get(reverse("login"))) == "ru"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert _html_lang(client.get(reverse("login"))) == "uz"


def test_it_records_an_explicit_switch_as_the_preference(client_as):
    client = client_as("student")
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert response.status_code == 302
    assert User.objects.get(username="student").preferred_language == "ru"
    assert _html_lang(client.get(reverse("home"), {"all": 1})) == "ru"


def test_it_ignores_an_unknown_language_in_the_switch(client_as):
    client_as("student").post(reverse("set_language"), {"language": "de", "next": "/"})
    assert User.objects.get(username="student").preferred_language == "uz"


def test_it_edits_the_preference_on_the_account_page(client_as):
    client = client_as("faculty")
    page = client.get(reverse("accounts:me"))
    assert page.status_code == 200 and 'name="preferred_language"' in page.content.decode()
    response = client.post(reverse("accounts:me"), {"preferred_language": "en"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user = User.objects.get(username="faculty")
    assert user.preferred_language == "en"
    assert user.history.first().preferred_language == "en"  # the change is recorded
    bad = client.post(reverse("accounts:me"), {"preferred_language": "de"})
    assert bad.status_code == 200 and "preferred_language" in bad.content.decode()
    assert User.objects.get(username="faculty").preferred_language == "en"


def test_it_asks_visitors_to_log_in_for_the_account_page(client, db):
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_shows_the_preference_in_the_admin(client_as, cast):
    url = reverse("admin:accounts_user_change", args=[cast["student"].pk])
    html = client_as("admin").get(url).content.decode()
    assert 'name="preferred_language"' in html
