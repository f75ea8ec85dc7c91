"""The stored explanation of a result, as sentences: "why not my first choice"."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from educluster.placements.models import Assignment, Host


@dataclass(frozen=True)
class Reason:
    """One host the applicant ranked above their result, and why they did not get it."""

    position: int
    host: str
    code: str
    text: str
    rank: int | None
    cutoff: int | None
    capacity: int
    admitted: int


def _sentence(item: dict[str, Any], host: str) -> str:
    values = {
        "host": host,
        "capacity": item.get("capacity", 0),
        "rank": item.get("rank") or "—",
        "cutoff": item.get("cutoff") or "—",
    }
    sentences = {
        "below_cutoff": _(
            "%(host)s filled its %(capacity)s seats with applicants it ranks higher: the last "
            "one it admitted is number %(cutoff)s on its list (its cut-off); you are number "
            "%(rank)s."
        ),
        "no_seats": _("%(host)s had no seats in this round."),
        "not_ranked_by_host": _("%(host)s did not include you in its ranking."),
        "ineligible_subject": _("%(host)s takes another subject than your specialty."),
        "ineligible_language": _(
            "%(host)s teaches in a language that is not among your languages."
        ),
        "ineligible_distance": _("%(host)s is farther than the round's maximum travel distance."),
        "ineligible_other": _("You were not eligible for %(host)s."),
        "not_stable": _(
            "%(host)s had room for you, but this round's method keeps the total lowest instead "
            "of following the rankings (it is not a stable matching)."
        ),
        "assigned_by_optimisation": _(
            "This round placed everybody so that the total of the ranks (or distances) is "
            "lowest; %(host)s went to others."
        ),
    }
    return sentences.get(item.get("reason", ""), _("%(host)s was not available.")) % values


def describe(assignment: Assignment) -> list[Reason]:
    """Every higher choice of the applicant with its reason, best choice first."""
    items = list(assignment.explanation or [])
    hosts = {
        h.pk: f"{h} ({h.institution.district.name})"
        for h in Host.objects.filter(pk__in=[int(i["host"]) for i in items]).select_related(
            "institution__district"
        )
    }
    return [
        Reason(
            position=int(item["position"]),
            host=hosts.get(int(item["host"]), "—"),
            code=str(item.get("reason", "")),
            text=_sentence(item, hosts.get(int(item["host"]), "—")),
            rank=item.get("rank"),
            cutoff=item.get("cutoff"),
            capacity=int(item.get("capacity", 0)),
            admitted=int(item.get("admitted", 0)),
        )
        for item in items
    ]
