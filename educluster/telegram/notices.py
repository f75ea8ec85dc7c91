"""What each notice says and whom it reaches. The other apps call one function here at the
place where the event happens (beside the e-mail, where one is sent); each recipient reads the
notice in their own language, and buttons act only for that recipient."""

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from educluster.accounts.language import user_language
from educluster.telegram.models import ButtonToken, NoticeKind
from educluster.telegram.services import Button, configured, notice_send

A = ButtonToken.Action
logger = logging.getLogger(__name__)


def _never_raises[F: Callable[..., None]](function: F) -> F:
    """A notice must not fail the action that caused it: errors are logged, and what the notice
    wrote is rolled back to a savepoint (a failed query would otherwise poison the caller's
    transaction on PostgreSQL). With the channel off nothing runs, not even the savepoint."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        if not configured():
            return
        try:
            with transaction.atomic():
                function(*args, **kwargs)
        except Exception:
            logger.exception("Telegram notice %s not sent", function.__name__)

    return wrapper  # type: ignore[return-value]


def _url(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@_never_raises
def reminder(*, user: Any, waiting: Any) -> None:
    """The daily reminder: obligations due within 14 days or overdue, reports to confirm."""
    if not configured():
        return
    with translation.override(user_language(user)):
        lines = [
            _("EduCluster: %(n)d obligations need your attention")
            % {"n": len(waiting.my_obligations) + len(waiting.to_confirm)}
        ]
        for occ in waiting.my_obligations[:10]:
            lines.append(
                f"• {formats.date_format(occ.due_date, 'SHORT_DATE_FORMAT')} — "
                f"{_short(occ.obligation.description, 80)}"
            )
        if waiting.to_confirm:
            lines.append(
                _("Reports waiting for your confirmation: %(n)d") % {"n": len(waiting.to_confirm)}
            )
        lines.append(_url(reverse("home")))
        text = "\n".join(lines)
        notice_send(user=user, kind=NoticeKind.OBLIGATIONS, text=text)


def _counterpart_users(obligation: Any) -> list[Any]:
    from educluster.accounts.models import Role, RoleAssignment, User
    from educluster.agreements.rules import acts_for_counterpart

    institution_id = obligation.counterpart.institution_id
    cluster = obligation.agreement.cluster
    who = Q(role=Role.MEMBER_HEAD, institution_id=institution_id)
    if cluster.lead_institution_id == institution_id:
        who |= Q(role=Role.COORDINATOR, cluster_id=cluster.pk)
    users = User.objects.filter(
        pk__in=RoleAssignment.objects.filter(who).values("user_id"),
        is_active=True,
        telegram_link__isnull=False,
    )
    return [u for u in users if acts_for_counterpart(u, obligation)]


@_never_raises
def report_submitted(*, report: Any) -> None:
    """A fulfilment report waits for the counterpart: confirm or dispute it from the chat."""
    if not configured():
        return
    occurrence = report.occurrence
    obligation = occurrence.obligation
    for user in _counterpart_users(obligation):
        if user.pk == report.submitted_by_id:
            continue
        with translation.override(user_language(user)):
            text = "\n".join(
                [
                    _("A report waits for your confirmation"),
                    f"{obligation.party.institution} → {obligation.counterpart.institution}",
                    _short(obligation.description),
                    _("Due %(date)s · achieved %(value)s %(unit)s")
                    % {
                        "date": formats.date_format(occurrence.due_date, "SHORT_DATE_FORMAT"),
                        "value": formats.localize(report.value_achieved),
                        "unit": obligation.target_unit,
                    },
                    _short(report.text, 300),
                    _url(occurrence.get_absolute_url()),
                ]
            )
            buttons = [
                [
                    Button(_("Confirm"), action=A.REPORT_CONFIRM, object_id=report.pk),
                    Button(_("Dispute"), action=A.REPORT_DISPUTE, object_id=report.pk),
                ]
            ]
            notice_send(user=user, kind=NoticeKind.REPORT_WAITING, text=text, buttons=buttons)


@_never_raises
def report_decided(*, report: Any) -> None:
    """Tell the reporter that the counterpart disputed the report (with the comment)."""
    if not configured() or report.decision != "disputed" or report.submitted_by is None:
        return
    user = report.submitted_by
    occurrence = report.occurrence
    with translation.override(user_language(user)):
        text = "\n".join(
            [
                _("Your report was disputed"),
                _short(occurrence.obligation.description),
                _("Comment: %(comment)s") % {"comment": _short(report.decision_comment, 500)},
                _url(occurrence.get_absolute_url()),
            ]
        )
        notice_send(user=user, kind=NoticeKind.REPORT_DISPUTED, text=text)


@_never_raises
def hours_submitted(*, log: Any) -> None:
    """Logged (or corrected) practice hours wait for the mentor: approve or return them."""
    if not configured():
        return
    placement = log.placement
    mentor = placement.mentor
    user = getattr(mentor, "user", None) if mentor is not None else None
    if user is None:
        return
    with translation.override(user_language(user)):
        text = "\n".join(
            [
                _("Practice hours to approve"),
                f"{placement.student} · {placement.lab}",
                _("%(date)s: %(hours)s h — %(description)s")
                % {
                    "date": formats.date_format(log.date, "SHORT_DATE_FORMAT"),
                    "hours": formats.localize(log.hours),
                    "description": _short(log.description, 300),
                },
                _url(placement.get_absolute_url()),
            ]
        )
        buttons = [
            [
                Button(_("Approve"), action=A.HOURS_APPROVE, object_id=log.pk),
                Button(_("Return"), action=A.HOURS_RETURN, object_id=log.pk),
            ]
        ]
        notice_send(user=user, kind=NoticeKind.HOURS_WAITING, text=text, buttons=buttons)


@_never_raises
def round_published(*, round: Any) -> None:
    """Each applicant of a published round hears their result; a placement can be accepted
    or declined from the chat."""
    if not configured():
        return
    from educluster.placements.models import Assignment

    assignments = Assignment.objects.filter(
        round=round, applicant__person__user__telegram_link__isnull=False
    ).select_related("applicant__person__user", "host__institution")
    path = reverse("placements:my_result", args=[round.pk])
    for assignment in assignments:
        user = assignment.applicant.person.user
        with translation.override(user_language(user)):
            lines = [_("Placement result: %(round)s") % {"round": round.title}]
            buttons: list[list[Button]] = []
            if assignment.host_id:
                lines.append(_("You are placed at %(host)s.") % {"host": assignment.host})
                if round.response_deadline:
                    lines.append(
                        _("Answer by %(deadline)s.")
                        % {
                            "deadline": formats.date_format(
                                round.response_deadline, "SHORT_DATETIME_FORMAT"
                            )
                        }
                    )
                buttons = [
                    [
                        Button(_("Accept"), action=A.OFFER_ACCEPT, object_id=assignment.pk),
                        Button(_("Decline"), action=A.OFFER_DECLINE, object_id=assignment.pk),
                    ]
                ]
            else:
                lines.append(_("You were not matched in this round; the page says why."))
            lines.append(_url(path))
            text = "\n".join(lines)
            notice_send(user=user, kind=NoticeKind.PLACEMENT_RESULT, text=text, buttons=buttons)


@_never_raises
def forecast_finished(*, run: Any) -> None:
    """The person who started a forecast run hears that it finished (or failed)."""
    if not configured() or run.created_by_id is None:
        return
    user = run.created_by
    with translation.override(user_language(user)):
        if run.status == "done":
            head = _("The forecast run “%(name)s” is ready.") % {"name": run.scenario_name}
        else:
            head = _("The forecast run “%(name)s” failed: %(message)s") % {
                "name": run.scenario_name,
                "message": _short(run.message, 300),
            }
        text = "\n".join([head, _url(run.get_absolute_url())])
        notice_send(user=user, kind=NoticeKind.FORECAST_FINISHED, text=text)
