"""The shape every importer has: columns, a per-row check, and a per-row write.

An importer never writes while checking. ``check_row`` returns what would happen to the row
(create, update, unchanged) with the changed fields, or errors naming the column and reason.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import override


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise | str
    required: bool = False
    help: Promise | str = ""
    example: str = ""

    def names(self) -> set[str]:
        """Every spelling of the header this column answers to: key and label in each language."""
        from django.conf import settings

        names = {self.key.casefold()}
        for code, _name in settings.LANGUAGES:
            with override(code):
                names.add(str(self.label).casefold())
        return names


@dataclass
class RowOutcome:
    number: int
    action: str = ""  # create | update | unchanged
    key: str = ""
    label: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column label, reason)
    data: dict[str, Any] = field(default_factory=dict)
    target: Any = None

    def error(self, column: "Column | str", reason: Any) -> None:
        label = str(column.label) if isinstance(column, Column) else str(column)
        self.errors.append((label, str(reason)))


class Importer:
    kind: ClassVar[str]
    title: ClassVar[Promise | str]
    columns: ClassVar[list[Column]]
    permission: ClassVar[str]
    # Where the user goes after a finished import: a URL name taking the cluster slug.
    done_url_name: ClassVar[str] = "registry:cluster"

    def __init__(self, *, cluster: Any, actor: Any) -> None:
        self.cluster = cluster
        self.actor = actor

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def map_headers(self, headers: list[str]) -> tuple[dict[str, int], list[str]]:
        """Return column key → cell index, and the file-level problems (missing columns)."""
        index: dict[str, int] = {}
        for position, header in enumerate(headers):
            wanted = header.strip().rstrip("*").strip().casefold()
            for column in self.columns:
                if wanted in column.names() and column.key not in index:
                    index[column.key] = position
        problems = [
            _("The required column “%(column)s” is missing.") % {"column": column.label}
            for column in self.columns
            if column.required and column.key not in index
        ]
        return index, problems

    def prepare(self) -> None:
        """Load whatever lookups the row checks need, once per file."""

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        raise NotImplementedError

    def apply_row(self, outcome: RowOutcome) -> None:
        raise NotImplementedError

    def apply_rows(self, outcomes: list[RowOutcome], progress: Callable[[int], None]) -> None:
        """Write every checked row (inside the import's transaction); ``progress(n)`` after
        ``n`` rows. Row by row through :meth:`apply_row` unless an importer writes in bulk."""
        for position, outcome in enumerate(outcomes, start=1):
            if outcome.action != "unchanged":
                self.apply_row(outcome)
            progress(position)

    def reference(self) -> list[tuple[str, list[str]]]:
        """Allowed values per column, for the template's second sheet."""
        return []


REGISTRY: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    REGISTRY[importer.kind] = importer
    return importer


def importer_class(kind: str) -> type[Importer]:
    # Importers live beside their domain, in ``<app>/importers.py``; importing registers them.
    autodiscover_modules("importers")
    return REGISTRY[kind]
