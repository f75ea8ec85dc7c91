"""Three languages, complete: every catalogue we ship has no untranslated or fuzzy entry."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUES = sorted(
    str(p) for base in settings.LOCALE_PATHS for p in Path(base).glob("*/LC_MESSAGES/*.po")
)


def test_it_ships_a_catalogue_per_language():
    languages = {Path(p).parts[-3] for p in CATALOGUES}
    assert {"uz", "ru", "en"} <= languages


@pytest.mark.parametrize("path", CATALOGUES)
def test_it_has_no_untranslated_or_fuzzy_entry(path):
    catalogue = polib.pofile(path)
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", CATALOGUES)
def test_it_compiles_with_matching_placeholders(path):
    import subprocess

    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", path], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[:2000]


@pytest.mark.parametrize("path", [p for p in CATALOGUES if "/uz/" in p])
def test_it_writes_uzbek_with_the_proper_apostrophes(path):
    import re

    wrong = re.compile(r"[A-Za-z]['‘’`][A-Za-z]")
    bad = [
        e.msgid
        for e in polib.pofile(path)
        for text in [e.msgstr, *e.msgstr_plural.values()]
        if text and wrong.search(re.sub(r"<[^>]+>|%\([^)]+\)[sd]|\{[^}]*\}", "", text))
    ]
    assert not bad, bad[:10]


@pytest.mark.parametrize(
    ("language", "text"),
    [("uz", "Klasterlar"), ("ru", "Кластеры"), ("en", "Clusters")],
)
def test_it_speaks_the_chosen_language(client_as, language, text):
    client = client_as("admin")
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert text in client.get(reverse("home"), {"all": 1}).content.decode()


def test_it_speaks_uzbek_by_default(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="uz"' in html
    assert "Kirish" in html  # Django's "Log in", from our supplement to its Uzbek catalogue


def test_it_ignores_the_browser_language_until_the_user_chooses(client, db):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ru,en;q=0.8").content.decode()
    assert 'lang="uz"' in html
