"""The demo School-Labs as fixtures (see ``educluster.schoollabs.demo``)."""

import pytest

from educluster.schoollabs.models import (
    Activity,
    Placement,
    PracticeLog,
    SchoolLab,
    Study,
)


@pytest.fixture
def lab_chr(db):
    """Chirchiq school No. 3: supervised by ``faculty``, its school headed by ``head``."""
    return SchoolLab.objects.get(host__code="CHR-SCH-3")


@pytest.fixture
def lab_par(db):
    """Parkent school No. 1: ``student`` is a trainee there with ``mentor``."""
    return SchoolLab.objects.get(host__code="PAR-SCH-1")


@pytest.fixture
def study(db):
    return Study.objects.get(code="RASM-2026")


@pytest.fixture
def own_placement(db):
    """The ``student`` account's placement, mentored by the ``mentor`` account."""
    return Placement.objects.get(student__user__username="student")


@pytest.fixture
def chr_placement(lab_chr):
    return lab_chr.placements.order_by("pk").first()


@pytest.fixture
def activity(lab_chr):
    return Activity.objects.filter(lab=lab_chr).order_by("date").first()


@pytest.fixture
def returned_log(own_placement):
    return own_placement.logs.get(status=PracticeLog.Status.RETURNED)


@pytest.fixture
def submitted_log(own_placement):
    return own_placement.logs.filter(status=PracticeLog.Status.SUBMITTED).first()
