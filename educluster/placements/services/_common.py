"""Helpers shared by the placement workflows."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from educluster.placements.models import PlacementRound


def save(obj: Any, actor: Any) -> None:
    # Tasks and commands have no request, so the author is set on the row for the history.
    obj._history_user = actor
    obj.full_clean()
    obj.save()


def when(value: Any) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else "—"


def ensure_inputs_editable(rnd: PlacementRound) -> None:
    """Hosts, applicants and rankings change only before the run; a published round never."""
    if rnd.status == PlacementRound.Status.PUBLISHED:
        raise ValidationError(
            _("This round is published and cannot be changed; start a correction round instead.")
        )
    if not rnd.inputs_editable:
        raise ValidationError(
            _("This round has been run; its hosts, applicants and rankings can no longer change.")
        )
