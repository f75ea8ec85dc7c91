"""What a button does: the same scoped lookups, permission rules and service functions as the
pages, so history and the audit chain record the same event. Each returns the text to show."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from educluster.telegram.models import ButtonToken

A = ButtonToken.Action

# Actions whose comment is typed as the next message.
NEEDS_COMMENT = {A.REPORT_DISPUTE, A.HOURS_RETURN}


class Refused(Exception):
    """The action may not be done (not found for this person, no right, or already done)."""


def _messages(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _report(user: Any, pk: int) -> Any:
    from educluster.agreements import selectors

    report = selectors.report_for_user(user, pk)
    if not user.has_perm("agreements.decide_report", report.occurrence.obligation):
        raise PermissionDenied
    return report


def _log(user: Any, pk: int) -> Any:
    from educluster.schoollabs import selectors
    from educluster.schoollabs.models import PracticeLog

    log = (
        PracticeLog.objects.filter(placement__in=selectors.placements_for(user))
        .select_related("placement")
        .filter(pk=pk)
        .first()
    )
    if log is None:
        raise Http404
    placement = selectors.placement_for_user(user, log.placement_id)
    if not user.has_perm("schoollabs.decide_hours", placement):
        raise PermissionDenied
    return log


def _assignment(user: Any, pk: int) -> Any:
    from educluster.placements import selectors
    from educluster.placements.models import Assignment

    round_id = Assignment.objects.filter(pk=pk).values_list("round_id", flat=True).first()
    if round_id is None:
        raise Http404
    rnd = selectors.round_for_user(user, round_id)
    applicant = selectors.own_applicant(user, rnd)
    assignment = (
        Assignment.objects.filter(pk=pk, applicant=applicant).select_related("round").first()
    )
    if assignment is None:
        raise Http404
    if not user.has_perm("placements.respond", assignment):
        raise PermissionDenied
    return assignment


def check(token: ButtonToken) -> None:
    """Refuse now, before asking for a comment, what the token's owner may not do."""
    lookups = {
        A.REPORT_CONFIRM: _report,
        A.REPORT_DISPUTE: _report,
        A.HOURS_APPROVE: _log,
        A.HOURS_RETURN: _log,
        A.OFFER_ACCEPT: _assignment,
        A.OFFER_DECLINE: _assignment,
    }
    try:
        lookups[ButtonToken.Action(token.action)](token.user, token.object_id)
    except (Http404, PermissionDenied, KeyError, ValueError):
        raise Refused(_("You may not do this.")) from None


def execute(token: ButtonToken, *, comment: str = "") -> str:
    """Do the token's action as its owner; raise Refused with the reason otherwise."""
    from educluster.agreements import services as agreements
    from educluster.placements import services as placements
    from educluster.schoollabs import services as schoollabs

    user = token.user
    action = token.action
    try:
        if action in (A.REPORT_CONFIRM, A.REPORT_DISPUTE):
            confirm = action == A.REPORT_CONFIRM
            agreements.report_decide(
                actor=user, report=_report(user, token.object_id), confirm=confirm, comment=comment
            )
            return _("The report was confirmed.") if confirm else _("The report was disputed.")
        if action in (A.HOURS_APPROVE, A.HOURS_RETURN):
            approve = action == A.HOURS_APPROVE
            schoollabs.hours_decide(
                actor=user, log=_log(user, token.object_id), approve=approve, comment=comment
            )
            return _("The hours were approved.") if approve else _("The hours were returned.")
        if action in (A.OFFER_ACCEPT, A.OFFER_DECLINE):
            accept = action == A.OFFER_ACCEPT
            placements.assignment_respond(
                actor=user, assignment=_assignment(user, token.object_id), accept=accept
            )
            return _("You accepted the placement.") if accept else _("You declined the placement.")
    except (Http404, PermissionDenied):
        raise Refused(_("You may not do this.")) from None
    except ValidationError as error:
        raise Refused(_messages(error)) from None
    raise Refused(_("Unknown action."))
