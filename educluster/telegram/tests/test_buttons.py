"""Every button, pressed in the chat, acts through the same services and rules as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from educluster.agreements.models import AuditEvent, FulfilmentReport
from educluster.placements.models import Assignment
from educluster.schoollabs.models import PracticeLog
from educluster.telegram import notices
from educluster.telegram.models import ButtonToken, NoticeKind, TelegramLink
from educluster.telegram.services import Button, notice_send

from .conftest import CHATS
from .helpers import buttons, last_answer, press, say

REPORT = 2  # the demo report waiting for the head
LOG = 30  # hours the demo student logged, waiting for the mentor
ASSIGNMENT = 1  # the demo student's placement, answers open


@pytest.fixture
def report_notice(linked, bot_api, django_capture_on_commit_callbacks):
    linked("head")
    with django_capture_on_commit_callbacks(execute=True):
        notices.report_submitted(report=FulfilmentReport.objects.get(pk=REPORT))
    return buttons(bot_api.sent_to(CHATS["head"])[-1])


@pytest.fixture
def hours_notice(linked, bot_api, django_capture_on_commit_callbacks):
    linked("mentor")
    with django_capture_on_commit_callbacks(execute=True):
        notices.hours_submitted(log=PracticeLog.objects.get(pk=LOG))
    return buttons(bot_api.sent_to(CHATS["mentor"])[-1])


@pytest.fixture
def offer_notice(linked, bot_api, django_capture_on_commit_callbacks):
    linked("student")
    assignment = Assignment.objects.select_related("round").get(pk=ASSIGNMENT)
    with django_capture_on_commit_callbacks(execute=True):
        notices.round_published(round=assignment.round)
    return buttons(bot_api.sent_to(CHATS["student"])[-1])


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_it_confirms_a_report_from_the_chat_as_the_page_would(cast, bot_api, report_notice):
    before = _events("report_confirmed")
    press(CHATS["head"], report_notice["Confirm"])
    report = FulfilmentReport.objects.get(pk=REPORT)
    assert report.decision == FulfilmentReport.Decision.CONFIRMED
    assert report.decided_by == cast["head"]
    event = AuditEvent.objects.filter(action="report_confirmed").latest("pk")
    assert _events("report_confirmed") == before + 1 and event.actor == cast["head"]
    assert last_answer(bot_api) == "The report was confirmed."
    assert "The report was confirmed." in bot_api.called("editMessageText")[-1]["text"]


def test_it_disputes_a_report_with_the_comment_from_the_next_message(cast, bot_api, report_notice):
    press(CHATS["head"], report_notice["Dispute"])
    assert FulfilmentReport.objects.get(pk=REPORT).decision == FulfilmentReport.Decision.PENDING
    assert "next message" in bot_api.sent_to(CHATS["head"])[-1]["text"]
    say(CHATS["head"], "The seminar had 4 teachers, not 20.")
    report = FulfilmentReport.objects.get(pk=REPORT)
    assert report.decision == FulfilmentReport.Decision.DISPUTED
    assert report.decision_comment == "The seminar had 4 teachers, not 20."
    event = AuditEvent.objects.filter(action="report_disputed").latest("pk")
    assert event.actor == cast["head"]
    assert bot_api.sent_to(CHATS["head"])[-1]["text"] == "The report was disputed."
    assert TelegramLink.objects.get(user=cast["head"]).pending is None


def test_it_approves_hours_from_the_chat(cast, bot_api, hours_notice):
    press(CHATS["mentor"], hours_notice["Approve"])
    log = PracticeLog.objects.get(pk=LOG)
    assert log.status == PracticeLog.Status.APPROVED
    assert log.decided_by == cast["mentor"]
    assert log.history.latest().history_user == cast["mentor"]


def test_it_returns_hours_with_the_comment_from_the_next_message(cast, bot_api, hours_notice):
    press(CHATS["mentor"], hours_notice["Return"])
    assert PracticeLog.objects.get(pk=LOG).status == PracticeLog.Status.SUBMITTED
    say(CHATS["mentor"], "Describe the lesson you observed.")
    log = PracticeLog.objects.get(pk=LOG)
    assert log.status == PracticeLog.Status.RETURNED
    assert log.mentor_comment == "Describe the lesson you observed."


def test_it_accepts_a_placement_from_the_chat(cast, bot_api, offer_notice):
    press(CHATS["student"], offer_notice["Accept"])
    assignment = Assignment.objects.get(pk=ASSIGNMENT)
    assert assignment.response == Assignment.Response.ACCEPTED
    assert last_answer(bot_api) == "You accepted the placement."


def test_it_declines_a_placement_from_the_chat(cast, bot_api, offer_notice):
    press(CHATS["student"], offer_notice["Decline"])
    assert Assignment.objects.get(pk=ASSIGNMENT).response == Assignment.Response.DECLINED


def test_it_acts_once_on_a_replayed_button(cast, bot_api, report_notice):
    press(CHATS["head"], report_notice["Confirm"])
    count = _events("report_confirmed")
    press(CHATS["head"], report_notice["Confirm"])
    press(CHATS["head"], report_notice["Dispute"])  # its sibling is spent too
    assert _events("report_confirmed") == count
    assert not TelegramLink.objects.get(user=cast["head"]).pending
    assert last_answer(bot_api) == "This button was already used or has expired."


def test_it_does_nothing_for_an_expired_button(cast, bot_api, report_notice):
    ButtonToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    press(CHATS["head"], report_notice["Confirm"])
    assert FulfilmentReport.objects.get(pk=REPORT).decision == FulfilmentReport.Decision.PENDING
    assert last_answer(bot_api) == "This button was already used or has expired."


def test_it_does_nothing_when_another_chat_presses_the_button(cast, linked, bot_api, report_notice):
    linked("outsider")
    press(CHATS["outsider"], report_notice["Confirm"])
    assert FulfilmentReport.objects.get(pk=REPORT).decision == FulfilmentReport.Decision.PENDING
    assert last_answer(bot_api) == "You may not do this."
    press(CHATS["head"], report_notice["Confirm"])  # still good for its owner
    assert FulfilmentReport.objects.get(pk=REPORT).decision == FulfilmentReport.Decision.CONFIRMED


@pytest.mark.parametrize(
    ("name", "action", "object_id"),
    [
        ("outsider", ButtonToken.Action.REPORT_CONFIRM, REPORT),
        ("student", ButtonToken.Action.REPORT_DISPUTE, REPORT),
        ("head", ButtonToken.Action.HOURS_APPROVE, LOG),
        ("outsider", ButtonToken.Action.HOURS_RETURN, LOG),
        ("mentor", ButtonToken.Action.OFFER_ACCEPT, ASSIGNMENT),
        ("outsider", ButtonToken.Action.OFFER_DECLINE, ASSIGNMENT),
    ],
)
def test_it_does_nothing_for_someone_without_the_right(
    cast, linked, bot_api, django_capture_on_commit_callbacks, name, action, object_id
):
    """A button made out to a person who may not act (as a stale or forged notice would be)."""
    linked(name)
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(
            user=cast[name],
            kind=NoticeKind.REPORT_WAITING,
            text="notice",
            buttons=[[Button("Go", action=action, object_id=object_id)]],
        )
    before = (
        FulfilmentReport.objects.get(pk=REPORT).decision,
        PracticeLog.objects.get(pk=LOG).status,
        Assignment.objects.get(pk=ASSIGNMENT).response,
        AuditEvent.objects.count(),
    )
    press(CHATS[name], buttons(bot_api.sent_to(CHATS[name])[-1])["Go"])
    say(CHATS[name], "a comment, if one was asked for")
    after = (
        FulfilmentReport.objects.get(pk=REPORT).decision,
        PracticeLog.objects.get(pk=LOG).status,
        Assignment.objects.get(pk=ASSIGNMENT).response,
        AuditEvent.objects.count(),
    )
    assert after == before
    assert last_answer(bot_api) == "You may not do this."


def test_it_refuses_a_forged_button(cast, linked, bot_api):
    linked("head")
    press(CHATS["head"], "made-up:signature")
    assert last_answer(bot_api) == "You may not do this."
