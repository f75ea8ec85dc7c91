"""Rounds that never get stuck: a run left "running" by a dead worker is detected (no progress
for ``PLACEMENT_RUN_STALE_MINUTES`` minutes, 15 by default) and the coordinator resets it to
"preferences closed"; the reset is recorded with who, when and why."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.placements.models import PlacementRound
from educluster.placements.models.rounds import stale_minutes
from educluster.placements.services._common import save, when

Status = PlacementRound.Status


@transaction.atomic
def round_reset(*, actor: Any, round: PlacementRound, reason: str = "") -> PlacementRound:
    """Back from a stuck run to "preferences closed"; nothing of the run was stored."""
    round.refresh_from_db()
    if round.status != Status.RUNNING:
        raise ValidationError(_("The round is not running; there is nothing to reset."))
    if not round.is_stuck:
        raise ValidationError(
            _(
                "The run reported progress at %(when)s; a run is stuck only after "
                "%(minutes)d minutes without progress."
            )
            % {"when": when(round.last_progress), "minutes": stale_minutes()}
        )
    since = round.last_progress
    claimed = PlacementRound.objects.filter(
        pk=round.pk, status=Status.RUNNING, run_started_at=round.run_started_at
    ).update(status=Status.CLOSED)
    if not claimed:
        raise ValidationError(_("The round changed meanwhile; reload the page."))
    name = getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "")
    text = _(
        "Reset by %(user)s at %(now)s: the run made no progress since %(since)s. "
        "Nothing of it was stored; run the round again."
    ) % {"user": name, "now": when(timezone.now()), "since": when(since)}
    if reason.strip():
        text += " " + _("Reason: %(reason)s") % {"reason": reason.strip()[:500]}
    round.status = Status.CLOSED
    round.run_message = text
    round.progress_percent = 0
    round.progress_stage = ""
    round.progress_at = None
    round.run_finished_at = timezone.now()
    round._change_reason = text[:100]  # type: ignore[attr-defined]
    save(round, actor)
    return round


def reset_message(round: PlacementRound) -> str:
    return _("The stuck run was reset; the round is back to “preferences closed”.")
