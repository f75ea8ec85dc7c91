"""Demo effectiveness: indicator values and the index computed for the last three academic
years of the demo cluster (with a fixed sensitivity seed), so the pages show data and a trend,
and one manual value entered with evidence."""

from decimal import Decimal
from typing import Any

from django.utils import timezone

from educluster.accounts.models import User
from educluster.effectiveness import services
from educluster.effectiveness.models import IndicatorDefinition

SEED = 20261207


def academic_years(today: Any, count: int = 3) -> list[str]:
    first = today.year if today.month >= 9 else today.year - 1
    return [f"{y}/{y + 1}" for y in range(first - count + 1, first + 1)]


def load(*, cluster: Any) -> None:
    coordinator = User.objects.get(username="coordinator")
    years = academic_years(timezone.localdate())
    joint = IndicatorDefinition.objects.filter(code="joint_events").first()
    if joint is not None:
        services.indicator_value_enter(
            actor=coordinator,
            cluster=cluster,
            definition=joint,
            institution=None,
            year=years[-2],
            value=Decimal(8),
            note="Klaster kengashi bayonnomalari, 2-son va 5-son",
        )
    for year in years:
        run = services.index_run_start(
            actor=coordinator, cluster=cluster, year=year, seed=SEED, enqueue=False
        )
        services.index_run_execute(run_id=run.pk)
