"""Writes of the placement imports (one checked row each, inside the import's transaction).

The importers check every row before anything is written; these functions check the round
again, so a row can never change a round that has been run meanwhile.
"""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.placements.models import Applicant, Host, PlacementRound, Preference
from educluster.placements.services._common import ensure_inputs_editable, save
from educluster.placements.services.inputs import host_ranking_set
from educluster.placements.services.rounds import contract_district


@transaction.atomic
def applicant_import(
    *,
    actor: Any,
    round: PlacementRound,
    person: Person,
    fields: dict[str, Any],
    languages: Sequence[Any] | None,
    host_ids: Sequence[int] | None,
) -> Applicant:
    """Add the person to the round or change their entry, and set their ranked list.

    ``fields`` holds only the cells that were filled in; ``None`` for ``languages`` or
    ``host_ids`` (an empty cell) keeps what is recorded. A new
    applicant without a contract district takes that of their running targeted contract.
    The coordinator enters lists on the applicants' behalf, so the preference deadline does
    not apply; only the run does.
    """
    ensure_inputs_editable(round)
    applicant = Applicant.objects.filter(round=round, person=person).first()
    if applicant is None:
        applicant = Applicant(round=round, person=person)
        if "targeted_district" not in fields:
            fields = {**fields, "targeted_district": contract_district(round.cluster, person)}
    for name, value in fields.items():
        setattr(applicant, name, value)
    save(applicant, actor)
    if languages is not None:
        applicant.languages.set(list(languages))
    if host_ids is not None:
        Preference.objects.filter(applicant=applicant).delete()
        Preference.objects.bulk_create(
            Preference(applicant=applicant, host_id=h, position=i)
            for i, h in enumerate(host_ids, start=1)
        )
        Applicant.objects.filter(pk=applicant.pk).update(preferences_updated_at=timezone.now())
    return applicant


@transaction.atomic
def host_ranking_import(*, actor: Any, host: Host, applicant_ids: Sequence[int]) -> Host:
    """Give the host its own ranking (best first) and switch it to ranking by it."""
    ensure_inputs_editable(host.round)
    host_ranking_set(actor=actor, host=host, applicant_ids=applicant_ids)
    if host.ranking != Host.Ranking.EXPLICIT:
        host.ranking = Host.Ranking.EXPLICIT
        save(host, actor)
    return host


__all__ = ["applicant_import", "host_ranking_import"]
