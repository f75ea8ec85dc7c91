"""Small rounds built through the services for the tests."""

from datetime import timedelta

from django.utils import timezone

from educluster.accounts.models import Person
from educluster.placements import services
from educluster.placements.models import Applicant, Host, PlacementRound
from educluster.registry.models import Institution, Language

SCHOOLS = ["CHR-SCH-3", "PAR-SCH-1", "BOK-SCH-4", "QIB-SCH-2"]


def new_round(cluster, actor, *, seats=(1, 1, 1), people=3, **fields) -> PlacementRound:
    """A draft round with one host per seat count (demo schools) and ``people`` students."""
    fields.setdefault("preference_deadline", timezone.now() + timedelta(days=3))
    fields.setdefault("kind", PlacementRound.Kind.PRACTICE)
    fields.setdefault("title", "Sinov raundi")
    fields.setdefault("check_subject", False)
    fields.setdefault("check_language", False)
    rnd = services.round_create(actor=actor, cluster=cluster, **fields)
    for code, capacity in zip(SCHOOLS, seats, strict=False):
        services.host_save(
            actor=actor,
            host=Host(round=rnd, institution=Institution.objects.get(code=code), capacity=capacity),
        )
    students = Person.objects.filter(kind="student", institution__code="CHDPI-TSA").order_by("pk")
    services.applicants_add(actor=actor, round=rnd, people=list(students[:people]))
    return rnd


def hosts(rnd) -> list[Host]:
    return list(rnd.hosts.order_by("pk"))


def applicants(rnd) -> list[Applicant]:
    return list(rnd.applicants.select_related("person").order_by("pk"))


def pass_deadline(rnd) -> PlacementRound:
    """The common deadline passes (tests move it rather than wait)."""
    PlacementRound.objects.filter(pk=rnd.pk).update(
        preference_deadline=timezone.now() - timedelta(minutes=1)
    )
    rnd.refresh_from_db()
    return rnd


def run(rnd, actor) -> PlacementRound:
    """Close at the deadline and run (the test task backend runs the task at once)."""
    pass_deadline(rnd)
    services.round_close(actor=actor, round=rnd)
    services.round_run(actor=actor, round=rnd, language="en")
    rnd.refresh_from_db()
    return rnd


def publish(rnd, actor) -> PlacementRound:
    services.round_review(actor=actor, round=rnd)
    return services.round_publish(
        actor=actor, round=rnd, response_deadline=timezone.now() + timedelta(days=2)
    )


def uzbek() -> Language:
    return Language.objects.get(code="uz")
