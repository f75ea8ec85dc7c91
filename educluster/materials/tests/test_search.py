"""Library search: PostgreSQL full-text search on PostgreSQL, a plain fallback on SQLite. The
shared tests run on whichever database the suite runs on (both, in CI)."""

import pytest
from django.db import connection
from django.urls import reverse

from educluster.materials import services
from educluster.materials.models import Material
from educluster.materials.search import query_words, search
from educluster.materials.selectors import library
from educluster.projects.tests.support import person_of
from educluster.registry.models import Language

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def _titles(client, cluster, **params):
    response = client.get(reverse("materials:list", args=[cluster.slug]), params)
    return [m.title for m in response.context["page"]]


def test_it_finds_every_word_in_any_case_and_order(client_as, cluster):
    titles = _titles(client_as("mentor"), cluster, q="MANZARA akvarel")
    assert titles == ["Akvarel texnikasida manzara chizish: 5-sinf uchun dars ishlanmalari"]


def test_it_finds_the_start_of_a_word(client_as, cluster):
    titles = _titles(client_as("mentor"), cluster, q="akvar")
    assert "Akvarel texnikasida manzara chizish: 5-sinf uchun dars ishlanmalari" in titles


def test_it_reads_uzbek_apostrophes_as_stored(client_as, cluster):
    # Typed with a plain apostrophe, stored with ʻ (U+02BB): the tag "oʻyin usuli".
    titles = _titles(client_as("mentor"), cluster, q="o'yin usuli")
    assert "Rangshunoslik: rang doirasi bilan ishlash boʻyicha oʻyinli topshiriqlar" in titles
    assert "Milliy naqsh elementlarini boshlangʻich sinflarda oʻrgatish metodikasi" in titles
    assert query_words("Oʻyin, BOʻYOQ!") == ["oʻyin", "boʻyoq"]


def test_it_finds_cyrillic_words_and_combines_the_filters(client_as, cluster):
    client = client_as("mentor")
    assert _titles(client, cluster, q="РИСУНКУ") == [
        "Методика обучения рисунку с натуры в 5–7 классах"
    ]
    assert _titles(client, cluster, q="рисунку", language="uz") == []
    assert len(_titles(client, cluster, language="ru")) == 2
    assert _titles(client, cluster, q="portret", level="upper") == [
        "Portret chizish asoslari: yuqori sinflar uchun dars ishlanmalari"
    ]
    assert _titles(client, cluster, q="portret", level="preschool") == []


def test_it_finds_tags_authors_and_subjects(client_as, cluster):
    client = client_as("head")
    assert "Chizmachilik darslarida aksonometrik proyeksiyalarni oʻrgatish" in _titles(
        client, cluster, q="proyeksiya"
    )
    author = person_of("faculty").full_name.split()[0]  # Yoʻldosheva
    by_author = _titles(client, cluster, q=author)
    assert by_author and all(
        Material.objects.get(title=t).authors.filter(user__username="faculty").exists()
        for t in by_author
    )


def test_it_reindexes_after_a_change_and_never_shows_others_drafts(cluster, cast):
    material = services.material_create(
        actor=cast["faculty"],
        cluster=cluster,
        title="Qogʻoz plastikasi",
        kind="lesson_plan",
        language=Language.objects.get(code="uz"),
        level="primary",
        subject="Tasviriy sanʼat",
    )
    assert list(search(library(cast["faculty"], cluster), "plastika")) == [material]
    assert not search(library(cast["head"], cluster), "plastika").exists()
    services.material_update(actor=cast["faculty"], material=material, title="Origami darslari")
    assert list(search(library(cast["faculty"], cluster), "origami")) == [material]
    assert not search(library(cast["faculty"], cluster), "plastika").exists()


@on_postgres
def test_it_uses_postgresql_full_text_search_ranked_by_title(cluster, cast):
    uz = Language.objects.get(code="uz")
    common = {"kind": "methodological", "language": uz, "level": "basic", "subject": "Rasm"}
    in_tags = services.material_create(
        actor=cast["faculty"],
        cluster=cluster,
        title="Kompozitsiya",
        tags="gʻishtin naqsh",
        **common,
    )
    in_title = services.material_create(
        actor=cast["faculty"], cluster=cluster, title="Gʻishtin naqshlar tarixi", **common
    )
    found = list(search(library(cast["faculty"], cluster), "gʻisht"))
    assert found[:2] == [in_title, in_tags]
    stored = Material.objects.filter(pk=in_title.pk).values_list("search_document", flat=True)[0]
    assert "'gʻishtin':1A" in stored
    with connection.cursor() as cursor:
        cursor.execute("select indexdef from pg_indexes where indexname = 'material_search_gin'")
        assert "USING gin" in cursor.fetchone()[0]


@on_sqlite
def test_it_falls_back_to_folded_text_on_sqlite(cluster, cast):
    material = Material.objects.get(title__startswith="Методика обучения")
    assert material.search_document is None
    assert "методика обучения рисунку" in material.search_text
