"""Values the platform computes from its own data, which a goal's indicator can be tied to.

A domain app registers a measure in its ``AppConfig.ready()``::

    register_measure(Measure("student_research_share", _("Share of students in research"), "%",
                             compute=lambda cluster, on: ...))

A coordinator ties an indicator to a measure on the goal page and presses "update from data":
:func:`indicator_refresh` writes the computed value into the indicator's current value through
the registry's service, so the change is in the indicator's history with who did it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from educluster.projects.models import IndicatorMeasure
from educluster.registry import services as registry_services
from educluster.registry.models import Cluster, Indicator


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise | str
    unit: str
    compute: Callable[[Cluster, date], Decimal | None]  # (cluster, on) -> value


_MEASURES: dict[str, Measure] = {}


def register_measure(measure: Measure) -> None:
    _MEASURES[measure.key] = measure


def measures() -> list[Measure]:
    return sorted(_MEASURES.values(), key=lambda m: str(m.label))


def get_measure(key: str) -> Measure | None:
    return _MEASURES.get(key)


def compute(key: str, cluster: Cluster, on: date | None = None) -> Decimal | None:
    measure = _MEASURES.get(key)
    if measure is None:
        return None
    return measure.compute(cluster, on or timezone.localdate())


@transaction.atomic
def indicator_bind(*, actor: Any, indicator: Indicator, measure: str) -> IndicatorMeasure | None:
    """Tie ``indicator`` to a measure, or untie it when ``measure`` is empty."""
    existing = IndicatorMeasure.objects.filter(indicator=indicator).first()
    if not measure:
        if existing is not None:
            existing._history_user = actor  # type: ignore[attr-defined]
            existing.delete()
        return None
    if measure not in _MEASURES:
        raise ValidationError(
            {"measure": _("Unknown computed value “%(key)s”.") % {"key": measure}}
        )
    binding = existing or IndicatorMeasure(indicator=indicator)
    binding.measure = measure
    binding._history_user = actor  # type: ignore[attr-defined]
    binding.full_clean()
    binding.save()
    return binding


@transaction.atomic
def indicator_refresh(*, actor: Any, indicator: Indicator, on: date | None = None) -> Decimal:
    """Set the indicator's current value to its measure's value today (history records who)."""
    binding = IndicatorMeasure.objects.filter(indicator=indicator).first()
    if binding is None:
        raise ValidationError(
            {"measure": _("This indicator is not tied to a value computed from data.")}
        )
    value = compute(binding.measure, indicator.goal.cluster, on)
    if value is None:
        raise ValidationError({"measure": _("There is no data to compute this value from yet.")})
    indicator.current_value = value.quantize(Decimal("0.01"))
    registry_services.indicator_save(actor=actor, indicator=indicator)
    return indicator.current_value
