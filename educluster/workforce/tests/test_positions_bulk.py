"""Posts created in bulk by an import: validated one by one, written with their history rows,
all or nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from educluster.registry.models import Institution
from educluster.workforce import services
from educluster.workforce.models import Position, Subject


def _rows(institution, codes, **extra):
    subject = Subject.objects.order_by("pk").first()
    return [
        {
            "institution": institution,
            "code": code,
            "subject": subject,
            "weekly_hours": Decimal(18),
            "load_fraction": Decimal(1),
            "language": None,
            "status": Position.Status.VACANT,
            "note": "",
            **extra,
        }
        for code in codes
    ]


@pytest.fixture
def school(cluster):
    return Institution.objects.filter(memberships__cluster=cluster).order_by("pk").first()


def test_it_creates_posts_in_bulk_with_their_history(school, cast):
    seen = []
    created = services.positions_create_many(
        actor=cast["coordinator"], rows=_rows(school, ["B-1", "B-2", "B-3"]), progress=seen.append
    )
    assert [p.pk is not None for p in created] == [True] * 3
    assert seen == [3]
    history = Position.history.filter(code__in=["B-1", "B-2", "B-3"])
    assert history.count() == 3
    assert {h.history_user_id for h in history} == {cast["coordinator"].pk}


def test_it_refuses_a_bad_row_and_writes_none(school, cast):
    rows = _rows(school, ["B-1"]) + _rows(school, ["B-2"], weekly_hours=Decimal(99))
    with pytest.raises(ValidationError):
        services.positions_create_many(actor=cast["coordinator"], rows=rows)
    with pytest.raises(ValidationError):
        services.positions_create_many(
            actor=cast["coordinator"], rows=_rows(school, ["B-3"], status="filled")
        )
    assert not Position.objects.filter(code__in=["B-1", "B-2", "B-3"]).exists()


def test_it_leaves_the_unique_code_to_the_database(school, cast):
    with pytest.raises(IntegrityError):
        services.positions_create_many(actor=cast["coordinator"], rows=_rows(school, ["B", "B"]))
