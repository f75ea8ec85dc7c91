"""Hosts generated from what the cluster already holds: the School-Labs' term capacities and
the schools' seat offers for a practice round, the open vacancies for an employment round.

Generated hosts keep a foreign key to their source, which makes generation idempotent: running
it again updates the seats of the hosts it made before, adds hosts for new sources, and never
duplicates one. A host whose source is gone (a lab closed, a vacancy filled, an offer
withdrawn) is removed, unless applicants have already listed it: then it stays and is reported.
Hosts typed by hand (an outside employer, free text) are never touched.

Seats already used are subtracted: a lab's placements in the term (not withdrawn), and the
applicants already placed from an offer by other published rounds. Seats of hosts in other
rounds that are not published yet are *not* subtracted: nobody is placed by them, and
subtracting them would lock seats that may stay empty. Publishing checks the lab's capacity
again (``placement_create``), so two rounds cannot overfill a lab.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from educluster.placements.models import Assignment, Host, PlacementRound, SeatOffer
from educluster.placements.services._common import ensure_inputs_editable, save
from educluster.registry.models import Membership
from educluster.schoollabs.models import Placement, SchoolLab
from educluster.workforce.models import Vacancy

TAKEN = [Placement.Status.ACTIVE, Placement.Status.COMPLETED]


@dataclass
class Generated:
    """What one generation did, for the message on the hosts page."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: list[str] = field(default_factory=list)  # hosts without a source but with lists

    def message(self) -> str:
        text = _(
            "%(created)d hosts added, %(updated)d updated, %(unchanged)d unchanged, "
            "%(removed)d removed."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }
        if self.kept:
            text += " " + _(
                "Kept because applicants listed them, although their source is gone: %(hosts)s."
            ) % {"hosts": "; ".join(self.kept)}
        return text


def _members(cluster_id: int) -> set[int]:
    return set(
        Membership.objects.active()
        .filter(cluster_id=cluster_id)
        .values_list("institution_id", flat=True)
    )


def lab_used(term_id: int, lab_ids: list[int] | None = None) -> dict[int, int]:
    """Trainees placed at each lab in the term (withdrawn ones do not take a seat)."""
    rows = Placement.objects.filter(term_id=term_id, status__in=TAKEN)
    if lab_ids is not None:
        rows = rows.filter(lab_id__in=lab_ids)
    return dict(rows.values("lab_id").annotate(n=Count("pk")).values_list("lab_id", "n"))


def offer_used(offer_ids: list[int], exclude_round: int | None = None) -> dict[int, int]:
    """Applicants placed from each offer by published rounds (declined ones give it back)."""
    rows = Assignment.objects.filter(
        host__offer_id__in=offer_ids, round__status=PlacementRound.Status.PUBLISHED
    ).exclude(response=Assignment.Response.DECLINED)
    if exclude_round is not None:
        rows = rows.exclude(round_id=exclude_round)
    return dict(
        rows.values("host__offer_id").annotate(n=Count("pk")).values_list("host__offer_id", "n")
    )


def _lab_mentors(lab_ids: list[int]) -> dict[int, int]:
    """The teacher who has mentored most trainees at each lab (ties: the earliest record)."""
    best: dict[int, int] = {}
    rows = (
        Placement.objects.filter(lab_id__in=lab_ids)
        .values("lab_id", "mentor_id")
        .annotate(n=Count("pk"))
        .order_by("lab_id", "-n", "mentor_id")
    )
    for row in rows:
        best.setdefault(row["lab_id"], row["mentor_id"])
    return best


def _practice_sources(rnd: PlacementRound) -> dict[tuple[str, int], dict[str, Any]]:
    term = rnd.lab_term
    if term is None:
        raise ValidationError(
            {"lab_term": _("Choose the School-Lab term of the round before generating hosts.")}
        )
    members = _members(rnd.cluster_id)
    labs = list(
        SchoolLab.objects.filter(
            cluster_id=rnd.cluster_id, status=SchoolLab.Status.ACTIVE, host_id__in=members
        ).order_by("pk")
    )
    used = lab_used(term.pk, [lab.pk for lab in labs])
    mentors = _lab_mentors([lab.pk for lab in labs])
    wanted: dict[tuple[str, int], dict[str, Any]] = {}
    for lab in labs:
        wanted[("lab", lab.pk)] = {
            "institution_id": lab.host_id,
            "label": lab.name[:200],
            "capacity": max(0, lab.capacity_per_term - used.get(lab.pk, 0)),
            "mentor_id": mentors.get(lab.pk, lab.school_coordinator_id),
            "lab_id": lab.pk,
            "term_id": term.pk,
        }
    offers = list(
        SeatOffer.objects.filter(
            cluster_id=rnd.cluster_id, term=term, institution_id__in=members
        ).order_by("pk")
    )
    taken = offer_used([o.pk for o in offers], exclude_round=rnd.pk)
    for offer in offers:
        wanted[("offer", offer.pk)] = {
            "institution_id": offer.institution_id,
            "label": offer.subject,
            "subject": offer.subject,
            "language_id": offer.language_id,
            "capacity": max(0, offer.seats - taken.get(offer.pk, 0)),
            "mentor_id": offer.mentor_id,
            "offer_id": offer.pk,
            "term_id": term.pk,
        }
    return wanted


def _employment_sources(rnd: PlacementRound) -> dict[tuple[str, int], dict[str, Any]]:
    vacancies = (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN, position__institution_id__in=_members(rnd.cluster_id)
        )
        .select_related("position__subject")
        .order_by("pk")
    )
    wanted: dict[tuple[str, int], dict[str, Any]] = {}
    for vacancy in vacancies:
        position = vacancy.position
        label = _("vacancy %(code)s") % {"code": position.code} if position.code else ""
        wanted[("vacancy", vacancy.pk)] = {
            "institution_id": position.institution_id,
            "label": label or _("vacancy"),
            # Applicants' specialties are recorded in the cluster's working language, Uzbek.
            "subject": position.subject.name_uz[:120],
            "language_id": vacancy.language_id,
            "capacity": 1,
            "vacancy_id": vacancy.pk,
        }
    return wanted


def _key(host: Host) -> tuple[str, int] | None:
    if host.lab_id:
        return ("lab", host.lab_id)
    if host.offer_id:
        return ("offer", host.offer_id)
    if host.vacancy_id:
        return ("vacancy", host.vacancy_id)
    return None


@transaction.atomic
def round_hosts_generate(*, actor: Any, round: PlacementRound) -> Generated:
    """Create or refresh the round's hosts from the School-Labs and seat offers of its term
    (practice) or from the open vacancies of the cluster's members (employment)."""
    rnd = PlacementRound.objects.select_for_update().get(pk=round.pk)
    ensure_inputs_editable(rnd)
    if rnd.kind == PlacementRound.Kind.PRACTICE:
        wanted = _practice_sources(rnd)
    else:
        wanted = _employment_sources(rnd)
    result = Generated()
    existing = Host.objects.filter(round=rnd).annotate(listed=Count("preferences"))
    for host in existing.select_related("institution"):
        key = _key(host)
        if key is None:
            continue  # typed by hand
        fields = wanted.pop(key, None)
        if fields is None:
            if host.listed:
                result.kept.append(str(host))
            else:
                host._history_user = actor  # type: ignore[attr-defined]
                host.delete()
                result.removed += 1
            continue
        changed = [
            name
            for name in ("capacity", "term_id")
            if fields.get(name) is not None and getattr(host, name) != fields[name]
        ]
        if not changed:
            result.unchanged += 1
            continue
        for name in changed:
            setattr(host, name, fields[name])
        save(host, actor)
        result.updated += 1
    for fields in wanted.values():
        save(Host(round=rnd, **fields), actor)
        result.created += 1
    return result


def host_free_seats(host: Host) -> int | None:
    """Seats the host's source still has for this round, or None for a host typed by hand."""
    if host.lab_id and host.term_id:
        lab = host.lab
        assert lab is not None
        return lab.capacity_per_term - lab_used(host.term_id, [lab.pk]).get(lab.pk, 0)
    if host.offer_id:
        offer = host.offer
        assert offer is not None
        return offer.seats - offer_used([offer.pk], exclude_round=host.round_id).get(offer.pk, 0)
    if host.vacancy_id:
        return 1
    return None


def check_host_capacity(host: Host) -> None:
    """A generated host cannot offer more seats than its source has left."""
    free = host_free_seats(host)
    if free is None or host.capacity is None or host.capacity <= max(free, 0):
        return
    if host.vacancy_id:
        message = _("A vacancy is one post: give 1 seat or 0 (%(n)s given).") % {"n": host.capacity}
    else:
        total = host.lab.capacity_per_term if host.lab_id else host.offer.seats  # type: ignore[union-attr]
        message = _(
            "Only %(free)d of %(total)d seats are left: %(used)d are used already (%(n)d given)."
        ) % {"free": max(free, 0), "total": total, "used": total - free, "n": host.capacity}
    raise ValidationError({"capacity": message})


__all__ = ["Generated", "check_host_capacity", "host_free_seats", "round_hosts_generate"]
