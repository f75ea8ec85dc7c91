"""What goes into a round: hosts and their seats, applicants, the applicants' ranked lists and
the hosts' own rankings. Each change is checked in full before anything is written."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from educluster.accounts.models import Person
from educluster.placements.models import (
    Applicant,
    Host,
    HostRanking,
    PlacementRound,
    Preference,
)
from educluster.placements.services._common import ensure_inputs_editable, save, when
from educluster.placements.services.hosts import check_host_capacity
from educluster.placements.services.rounds import contract_district
from educluster.registry.models import Membership

# --- hosts ------------------------------------------------------------------------------------


@transaction.atomic
def host_save(*, actor: Any, host: Host) -> Host:
    """Create or change a host. Its institution must be a member of the round's cluster."""
    rnd = host.round
    ensure_inputs_editable(rnd)
    if host.capacity is not None and host.capacity < 0:
        raise ValidationError(
            {
                "capacity": _("The number of seats cannot be below zero (%(n)s given).")
                % {"n": host.capacity}
            }
        )
    if not Membership.objects.filter(
        cluster_id=rnd.cluster_id, institution_id=host.institution_id
    ).exists():
        raise ValidationError(
            {"institution": _("This institution is not a member of the cluster.")}
        )
    if host.mentor_id and host.mentor and host.mentor.institution_id != host.institution_id:
        raise ValidationError({"mentor": _("The mentor must work at the host institution.")})
    check_host_capacity(host)
    save(host, actor)
    return host


@transaction.atomic
def host_remove(*, actor: Any, host: Host) -> None:
    ensure_inputs_editable(host.round)
    host._history_user = actor  # type: ignore[attr-defined]
    host.delete()


@transaction.atomic
def host_set_ranking(*, actor: Any, host: Host, ranking: str) -> Host:
    """Switch between the priority rule and the host's own ranking (kept when switching back)."""
    ensure_inputs_editable(host.round)
    if ranking not in Host.Ranking.values:
        raise ValidationError(_("Unknown way of ranking."))
    host.ranking = ranking
    save(host, actor)
    return host


def _ranking_ids(host: Host) -> list[int]:
    return list(host.rankings.order_by("position").values_list("applicant_id", flat=True))


def _write_ranking(host: Host, applicant_ids: Sequence[int]) -> None:
    HostRanking.objects.filter(host=host).delete()
    HostRanking.objects.bulk_create(
        HostRanking(host=host, applicant_id=a, position=i)
        for i, a in enumerate(applicant_ids, start=1)
    )


@transaction.atomic
def host_ranking_set(*, actor: Any, host: Host, applicant_ids: Sequence[int]) -> list[int]:
    """Replace the host's own ranking. Only applicants who listed the host can be ranked, and
    each once."""
    ensure_inputs_editable(host.round)
    candidates = dict(
        Preference.objects.filter(host=host).values_list(
            "applicant_id", "applicant__person__full_name"
        )
    )
    seen: set[int] = set()
    for applicant_id in applicant_ids:
        if applicant_id not in candidates:
            raise ValidationError(
                _("Only applicants who listed this host can be ranked; nothing was changed.")
            )
        if applicant_id in seen:
            raise ValidationError(
                _("%(name)s is ranked twice; nothing was changed.")
                % {"name": candidates[applicant_id]}
            )
        seen.add(applicant_id)
    _write_ranking(host, list(applicant_ids))
    return list(applicant_ids)


def host_ranking_edit(*, actor: Any, host: Host, action: str, applicant_id: int | None) -> None:
    """One step on the ranking page: add, up, down, remove, or fill by the priority rule."""
    current = _ranking_ids(host)
    if action == "fill":
        from educluster.placements.selectors import priority_order

        ranked = set(current)
        order = current + [a for a in priority_order(host) if a not in ranked]
        host_ranking_set(actor=actor, host=host, applicant_ids=order)
        return
    if applicant_id is None:
        raise ValidationError(_("Choose an applicant."))
    if action == "add":
        if applicant_id in current:
            raise ValidationError(_("This applicant is already ranked; nothing was changed."))
        current.append(applicant_id)
    elif action in ("up", "down", "remove"):
        if applicant_id not in current:
            raise ValidationError(_("This applicant is not in the ranking; nothing was changed."))
        i = current.index(applicant_id)
        if action == "remove":
            current.pop(i)
        else:
            j = i - 1 if action == "up" else i + 1
            if not 0 <= j < len(current):
                return
            current[i], current[j] = current[j], current[i]
    else:
        raise ValidationError(_("Unknown action."))
    host_ranking_set(actor=actor, host=host, applicant_ids=current)


# --- applicants -------------------------------------------------------------------------------


@transaction.atomic
def applicants_add(
    *,
    actor: Any,
    round: PlacementRound,
    people: Iterable[Person],
    specialty: str = "",
    languages: Iterable[Any] = (),
) -> int:
    """Add people to the round (those already in it are skipped); return how many were added.
    A running targeted-training contract of the person sets their contract district."""
    ensure_inputs_editable(round)
    members = set(
        Membership.objects.filter(cluster_id=round.cluster_id).values_list(
            "institution_id", flat=True
        )
    )
    present = set(round.applicants.values_list("person_id", flat=True))
    new = []
    for person in people:
        if person.institution_id not in members:
            raise ValidationError(
                _("%(name)s is not at an institution of the cluster; nobody was added.")
                % {"name": person.full_name}
            )
        if person.pk in present:
            continue
        present.add(person.pk)
        applicant = Applicant(
            round=round,
            person=person,
            specialty=specialty,
            targeted_district=contract_district(round.cluster, person),
        )
        applicant.full_clean(exclude=["round", "person"])
        new.append(applicant)
    bulk_create_with_history(new, Applicant, default_user=actor)
    language_list = list(languages)
    if language_list and new:
        created = Applicant.objects.filter(round=round, person_id__in=[a.person_id for a in new])
        through = Applicant.languages.through
        through.objects.bulk_create(
            through(applicant_id=a.pk, language_id=lang.pk)
            for a in created
            for lang in language_list
        )
    return len(new)


@transaction.atomic
def applicant_update(
    *, actor: Any, applicant: Applicant, languages: Iterable[Any] | None = None, **fields: Any
) -> Applicant:
    ensure_inputs_editable(applicant.round)
    for name, value in fields.items():
        setattr(applicant, name, value)
    save(applicant, actor)
    if languages is not None:
        applicant.languages.set(list(languages))
    return applicant


@transaction.atomic
def applicant_remove(*, actor: Any, applicant: Applicant) -> None:
    ensure_inputs_editable(applicant.round)
    applicant._history_user = actor  # type: ignore[attr-defined]
    applicant.delete()


# --- applicants' lists ------------------------------------------------------------------------


def _ensure_preferences_open(rnd: PlacementRound) -> None:
    if rnd.status == PlacementRound.Status.OPEN and not rnd.preferences_open:
        raise ValidationError(
            _("The preference deadline (%(deadline)s) has passed; the lists are final.")
            % {"deadline": when(rnd.preference_deadline)}
        )
    if not rnd.preferences_open:
        raise ValidationError(_("The round is not open for preferences."))


@transaction.atomic
def preferences_set(*, actor: Any, applicant: Applicant, host_ids: Sequence[int]) -> list[int]:
    """Replace the applicant's list (best first). Refused whole, with the reason, when it names
    a host twice, a host outside the round, or more hosts than the round allows."""
    rnd = applicant.round
    _ensure_preferences_open(rnd)
    hosts = {h.pk: h for h in Host.objects.filter(round=rnd).select_related("institution")}
    seen: set[int] = set()
    for host_id in host_ids:
        if host_id not in hosts:
            raise ValidationError(
                _("The list names a host that is not part of this round; nothing was changed.")
            )
        if host_id in seen:
            raise ValidationError(
                _("%(host)s is ranked twice; nothing was changed.") % {"host": hosts[host_id]}
            )
        seen.add(host_id)
    if len(host_ids) > rnd.max_choices:
        raise ValidationError(
            _("You can rank at most %(n)d hosts; nothing was changed.") % {"n": rnd.max_choices}
        )
    Preference.objects.filter(applicant=applicant).delete()
    Preference.objects.bulk_create(
        Preference(applicant=applicant, host_id=h, position=i)
        for i, h in enumerate(host_ids, start=1)
    )
    Applicant.objects.filter(pk=applicant.pk).update(preferences_updated_at=timezone.now())
    return list(host_ids)


def preference_edit(*, actor: Any, applicant: Applicant, action: str, host_id: int | None) -> None:
    """One step on the preference page: add a host at the end, move it up or down, remove it."""
    current = list(applicant.preferences.order_by("position").values_list("host_id", flat=True))
    if host_id is None:
        raise ValidationError(_("Choose a host."))
    if action == "add":
        if host_id in current:
            host = Host.objects.select_related("institution").get(pk=host_id)
            raise ValidationError(
                _("You already ranked %(host)s (choice %(n)d); nothing was changed.")
                % {"host": host, "n": current.index(host_id) + 1}
            )
        current.append(host_id)
    elif action in ("up", "down", "remove"):
        if host_id not in current:
            raise ValidationError(_("This host is not on your list; nothing was changed."))
        i = current.index(host_id)
        if action == "remove":
            current.pop(i)
        else:
            j = i - 1 if action == "up" else i + 1
            if not 0 <= j < len(current):
                _ensure_preferences_open(applicant.round)
                return
            current[i], current[j] = current[j], current[i]
    else:
        raise ValidationError(_("Unknown action."))
    preferences_set(actor=actor, applicant=applicant, host_ids=current)
