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
    from educluster.effectiveness import definitions

    definitions.seed(IndicatorDefinition)  # a flushed test database has lost the migration's rows
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
    # The coordinator's self-assessment of the last two years (scores with their evidence).
    evidence = {
        "structure": "Klaster nizomi va 30 ta aʼzo tashkilot bilan hamkorlik shartnomalari",
        "governance": "Klaster kengashining yig'ilish bayonnomalari, yillik ish rejasi",
        "financing": "Kafedra byudjeti va tuman xalq taʼlimi boʻlimlarining hissasi",
        "services": "Maktab-laboratoriyalarda amaliyot, metodik materiallar kutubxonasi",
        "cooperation": "Viloyat va respublika tanlovlarida hamkorlik, ochiq darslar",
        "achievements": "Bitiruvchilarning mutaxassislik boʻyicha ishga joylashishi",
    }
    for year, scores in zip(years[-2:], ([2, 1, 1, 2, 2, 1], [3, 2, 1, 3, 2, 2]), strict=True):
        for (area, text), score in zip(evidence.items(), scores, strict=True):
            services.self_assessment_save(
                actor=coordinator,
                cluster=cluster,
                year=year,
                area=area,
                score=score,
                evidence=text.replace("'", "ʻ"),
            )
    for year in years:
        run = services.index_run_start(
            actor=coordinator, cluster=cluster, year=year, seed=SEED, enqueue=False
        )
        services.index_run_execute(run_id=run.pk)
