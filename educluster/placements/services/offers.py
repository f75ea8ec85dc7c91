"""Seat offers: a member school's head offers practice seats for a term; practice rounds of the
term turn the offer into a host.

Once a round has placed people on an offer (a run, reviewed or published round's result names
a host generated from it), the offer is what those people were placed by: it can no longer be
withdrawn or moved to another term, subject or language, and its seats cannot go below the
people placed. Seats, mentor and note may still change.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from educluster.accounts.scoping import scope_for
from educluster.placements.models import Assignment, SeatOffer
from educluster.placements.selectors.offers import PLACING
from educluster.placements.services._common import save
from educluster.registry.models import Membership

LOCKED_FIELDS = ("institution_id", "term_id", "subject", "language_id")


def placed_counts(offer_ids: list[int]) -> dict[int, int]:
    """People placed on each offer by the results of rounds (one query)."""
    rows = (
        Assignment.objects.filter(host__offer_id__in=offer_ids, round__status__in=PLACING)
        .exclude(response=Assignment.Response.DECLINED)
        .values("host__offer_id")
        .annotate(n=Count("pk"))
    )
    return {row["host__offer_id"]: row["n"] for row in rows}


def may_offer(actor: Any, cluster_id: int, institution_id: int | None) -> bool:
    """The head of the offering school, or the cluster's coordinator."""
    scope = scope_for(actor)
    return scope.coordinates(cluster_id) or (
        institution_id is not None and scope.heads(institution_id)
    )


@transaction.atomic
def seat_offer_save(*, actor: Any, offer: SeatOffer) -> SeatOffer:
    """Create or change an offer, checked whole before it is written."""
    if not may_offer(actor, offer.cluster_id, offer.institution_id):
        raise PermissionDenied
    if (
        not Membership.objects.active()
        .filter(cluster_id=offer.cluster_id, institution_id=offer.institution_id)
        .exists()
    ):
        raise ValidationError(
            {"institution": _("This institution is not a member of the cluster.")}
        )
    if offer.seats is not None and offer.seats < 1:
        raise ValidationError({"seats": _("Offer at least one seat.")})
    if offer.pk:
        stored = SeatOffer.objects.select_for_update().get(pk=offer.pk)
        placed = placed_counts([offer.pk]).get(offer.pk, 0)
        if placed:
            moved = [f for f in LOCKED_FIELDS if getattr(stored, f) != getattr(offer, f)]
            if moved:
                raise ValidationError(
                    ngettext(
                        "%(n)d person is already placed on this offer: its school, term, "
                        "subject and language can no longer change; offer new seats instead.",
                        "%(n)d people are already placed on this offer: its school, term, "
                        "subject and language can no longer change; offer new seats instead.",
                        placed,
                    )
                    % {"n": placed}
                )
            if offer.seats is not None and offer.seats < placed:
                raise ValidationError(
                    {
                        "seats": ngettext(
                            "%(placed)d person is already placed on this offer: the seats "
                            "cannot go below %(placed)d (%(n)d given).",
                            "%(placed)d people are already placed on this offer: the seats "
                            "cannot go below %(placed)d (%(n)d given).",
                            placed,
                        )
                        % {"placed": placed, "n": offer.seats}
                    }
                )
    elif offer.offered_by_id is None:
        offer.offered_by = actor
    if (
        SeatOffer.objects.filter(
            institution_id=offer.institution_id, term_id=offer.term_id, subject=offer.subject
        )
        .exclude(pk=offer.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "subject": _(
                    "The school already offers seats in this subject for this term; "
                    "change that offer instead."
                )
            }
        )
    save(offer, actor)
    return offer


@transaction.atomic
def seat_offer_withdraw(*, actor: Any, offer: SeatOffer) -> None:
    """Withdraw an offer nobody has been placed on. Hosts of rounds not yet run that were
    generated from it lose their source; generating the round's hosts again removes them."""
    if not may_offer(actor, offer.cluster_id, offer.institution_id):
        raise PermissionDenied
    SeatOffer.objects.select_for_update().filter(pk=offer.pk).first()
    placed = placed_counts([offer.pk]).get(offer.pk, 0)
    if placed:
        raise ValidationError(
            ngettext(
                "%(n)d person is already placed on this offer; it cannot be withdrawn. "
                "Lower its seats to %(n)d instead.",
                "%(n)d people are already placed on this offer; it cannot be withdrawn. "
                "Lower its seats to %(n)d instead.",
                placed,
            )
            % {"n": placed}
        )
    offer._history_user = actor  # type: ignore[attr-defined]
    offer.delete()


__all__ = ["may_offer", "placed_counts", "seat_offer_save", "seat_offer_withdraw"]
