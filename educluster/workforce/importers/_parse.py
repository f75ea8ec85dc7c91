"""Cell parsing shared by the workforce importers: every problem becomes a per-row error
naming the column and the reason; nothing is guessed."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from educluster.core.text import fold
from educluster.imports.handlers import Column, RowOutcome
from educluster.workforce.models import Subject


def number(
    outcome: RowOutcome,
    column: Column,
    raw: str,
    *,
    low: Decimal,
    high: Decimal,
    places: int,
    required: bool = True,
    rate: bool = False,
) -> Decimal | None:
    """A decimal in [low, high]; ``rate`` also accepts “85%”."""
    text = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".").strip()
    if not text:
        if required:
            outcome.error(column, _("This field is required."))
        return None
    percent = rate and text.endswith("%")
    try:
        value = Decimal(text.rstrip("%"))
    except InvalidOperation:
        outcome.error(column, _("“%(value)s” is not a number.") % {"value": raw})
        return None
    if not value.is_finite():
        outcome.error(column, _("“%(value)s” is not a number.") % {"value": raw})
        return None
    if percent:
        value /= 100
    if rate and not low <= value <= high:
        outcome.error(column, _("A rate must be between 0 and 1 (or 0% and 100%)."))
        return None
    if value < 0 <= low:
        outcome.error(column, _("Cannot be negative."))
        return None
    if not low <= value <= high:
        outcome.error(
            column, _("Must be between %(low)s and %(high)s.") % {"low": low, "high": high}
        )
        return None
    quantum = Decimal(1).scaleb(-places)
    if value != value.quantize(quantum):
        outcome.error(
            column, _("Use at most %(n)d digits after the decimal point.") % {"n": places}
        )
        return None
    return value


def whole(
    outcome: RowOutcome,
    column: Column,
    raw: str,
    *,
    low: int,
    high: int,
    required: bool = True,
    what: str = "",
) -> int | None:
    text = raw.replace("\u00a0", "").replace(" ", "").strip()
    if not text:
        if required:
            outcome.error(column, _("This field is required."))
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        outcome.error(column, _("“%(value)s” is not a whole number.") % {"value": raw})
        return None
    if not value.is_finite() or value != value.to_integral_value():
        outcome.error(column, _("“%(value)s” is not a whole number.") % {"value": raw})
        return None
    if value < 0 <= low:
        outcome.error(column, _("Cannot be negative."))
        return None
    if not low <= value <= high:
        outcome.error(
            column,
            what or _("Must be between %(low)d and %(high)d.") % {"low": low, "high": high},
        )
        return None
    return int(value)


def grade(outcome: RowOutcome, column: Column, raw: str) -> int | None:
    return whole(
        outcome, column, raw, low=1, high=11, what=_("The grade must be between 1 and 11.")
    )


def lookup(items: Any, *keys: str) -> dict[str, Any]:
    """Map each item's keys (codes and names in every language), folded, to the item."""
    out: dict[str, Any] = {}
    for item in items:
        for key in keys:
            value = getattr(item, key, "")
            if value:
                out.setdefault(fold(str(value)), item)
    return out


def subject_lookup() -> dict[str, Subject]:
    return lookup(Subject.objects.all(), "code", "name_uz", "name_ru", "name_en")


def choice(
    outcome: RowOutcome, column: Column, raw: str, options: dict[str, Any], *, required=True
) -> Any:
    """An option by code or name; unknown values name the value and the reference sheet."""
    if not raw.strip():
        if required:
            outcome.error(column, _("This field is required."))
        return None
    found = options.get(fold(raw))
    if found is None:
        outcome.error(
            column, _("Unknown value “%(value)s”; see the reference sheet.") % {"value": raw}
        )
    return found


def reference_list(items: Any) -> list[str]:
    return [f"{getattr(i, 'code', '')} — {i}" for i in items]
