"""Full-text search of the materials library.

On PostgreSQL a material's text is kept in a ``tsvector`` column (the 'simple' configuration:
no stemming, so Uzbek, Russian and Karakalpak words are matched as written) under a GIN index,
and a query matches every word as a prefix (``akvarel`` finds "akvarelda"), ranked title first.
On SQLite the same text is kept case-folded and every query word must appear in it.

The columns are filled by :func:`reindex`, which the materials services call after each change
— not ``save()`` or signals, which bulk updates and fixtures would bypass silently.

The project does not install ``django.contrib.postgres`` (it also runs on SQLite), whose system
check asks for it before SearchVectorField and GinIndex may be used; the two small subclasses
below skip that check and degrade to a plain text column and index elsewhere.
"""

import re
from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import F, QuerySet, Value

from educluster.core.text import fold, normalize_uz


class SearchDocumentField(SearchVectorField):
    """``tsvector`` on PostgreSQL; an unused text column on other databases."""

    def _check_postgres_installed(self, *args: Any) -> list:
        return []

    def db_type(self, connection: Any) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchIndex(GinIndex):
    """A GIN index on PostgreSQL, a plain index elsewhere."""

    def _check_postgres_installed(self, *args: Any) -> list:
        return []

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)


# Letters and digits; the Uzbek ʻ and ʼ are modifier letters, so "oʻquvchi" is one word.
_WORD = re.compile(r"[^\W_]+")


def query_words(text: str) -> list[str]:
    """The words of a search query, normalised as stored text is (Uzbek apostrophes).

    >>> query_words("Bo'ka  maktab-laboratoriya!")
    ['boʻka', 'maktab', 'laboratoriya']
    """
    return [w.casefold() for w in _WORD.findall(normalize_uz(text))][:12]


def document_parts(material: Any) -> tuple[str, str]:
    """(title, everything else searchable) of a material."""
    authors = " ".join(p.full_name for p in material.authors.all())
    rest = " ".join(
        part
        for part in (
            material.summary,
            material.subject,
            material.tags,
            authors,
            material.get_kind_display(),
            material.get_level_display(),
            material.project.title if material.project_id else "",
            material.source_study.title if material.source_study_id else "",
            material.source_note,
        )
        if part
    )
    return material.title, rest


SEARCH_FIELDS = ("search_text", "search_document")


def reindex(material: Any) -> None:
    """Refresh the material's stored search text (and tsvector on PostgreSQL)."""
    title, rest = document_parts(material)
    material.search_text = fold(f"{title} {rest}")
    type(material).objects.filter(pk=material.pk).update(search_text=material.search_text)
    if connection.vendor == "postgresql":
        type(material).objects.filter(pk=material.pk).update(
            search_document=SearchVector(Value(title), weight="A", config="simple")
            + SearchVector(Value(rest), weight="B", config="simple")
        )


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Materials matching every word of ``text``, best first on PostgreSQL."""
    words = query_words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Words are letters and digits only, so the raw tsquery cannot be malformed.
        query = SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="simple")
        return (
            queryset.filter(search_document=query)
            .annotate(rank=SearchRank(F("search_document"), query))
            .order_by("-rank", "-published_on", "title")
        )
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
