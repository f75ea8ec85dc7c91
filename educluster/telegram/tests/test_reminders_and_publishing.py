"""The daily reminder reaches people without an e-mail address by Telegram (as their notice
choices allow); publishing a placement round tells linked students their result in their own
language, and the Bot API being down does not stop the publication."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from educluster.agreements.reminders import send_reminders
from educluster.placements import services as placements
from educluster.placements.models import Assignment, PlacementRound
from educluster.telegram.models import Delivery, NoticeKind

from .conftest import CHATS
from .helpers import buttons
from .test_buttons import ASSIGNMENT


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def test_it_reminds_a_person_without_email_by_telegram_only(
    cast, linked, bot_api, django_capture_on_commit_callbacks
):
    head = cast["head"]
    head.email = ""
    head.save(update_fields=["email"])
    linked("head", "ru")
    with django_capture_on_commit_callbacks(execute=True):
        emails = send_reminders()
    assert emails is not None
    assert "" not in {address for m in mail.outbox for address in m.to}
    assert len(mail.outbox) == emails
    sent = bot_api.sent_to(CHATS["head"])
    assert len(sent) == 1
    subject = _in("ru", "EduCluster: %(n)d obligations need your attention")
    assert sent[0]["text"].startswith(subject.split("%")[0])
    assert Delivery.objects.get(user=head).kind == NoticeKind.OBLIGATIONS


def test_it_respects_the_choice_of_a_person_without_email(
    cast, linked, bot_api, django_capture_on_commit_callbacks
):
    head = cast["head"]
    head.email = ""
    head.save(update_fields=["email"])
    link = linked("head", "en")
    link.notices_off = [NoticeKind.OBLIGATIONS]
    link.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert not bot_api.sent_to(CHATS["head"])
    assert not Delivery.objects.filter(user=head).exists()


def test_it_skips_an_unlinked_person_without_email(cast, bot_api):
    head = cast["head"]
    head.email = ""
    head.save(update_fields=["email"])
    send_reminders()
    assert head.username not in {m.to[0] for m in mail.outbox}
    assert not Delivery.objects.filter(user=head).exists()


@pytest.fixture
def reviewed(db):
    """The demo student's round, put back to *reviewed* so that it can be published again."""
    rnd = Assignment.objects.get(pk=ASSIGNMENT).round
    PlacementRound.objects.filter(pk=rnd.pk).update(
        status=PlacementRound.Status.REVIEWED,
        response_deadline=timezone.now() + timedelta(days=7),
        published_at=None,
    )
    rnd.refresh_from_db()
    return rnd


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_it_sends_the_result_when_a_round_is_published(
    language, cast, linked, bot_api, reviewed, django_capture_on_commit_callbacks
):
    linked("student", language)
    with django_capture_on_commit_callbacks(execute=True):
        placements.round_publish(actor=cast["coordinator"], round=reviewed)
    reviewed.refresh_from_db()
    assert reviewed.status == PlacementRound.Status.PUBLISHED
    sent = bot_api.sent_to(CHATS["student"])
    assert len(sent) == 1
    head = _in(language, "Placement result: %(round)s") % {"round": reviewed.title}
    assert sent[0]["text"].startswith(head)
    assert set(buttons(sent[0])) == {_in(language, "Accept"), _in(language, "Decline")}
    delivery = Delivery.objects.get(user=cast["student"])
    assert delivery.kind == NoticeKind.PLACEMENT_RESULT
    assert delivery.status == Delivery.Status.SENT


def test_it_publishes_the_round_when_the_bot_api_is_down(
    cast, linked, bot_api, reviewed, django_capture_on_commit_callbacks
):
    linked("student", "en")
    bot_api.down = True
    with django_capture_on_commit_callbacks(execute=True):
        placements.round_publish(actor=cast["coordinator"], round=reviewed)
    reviewed.refresh_from_db()
    assert reviewed.status == PlacementRound.Status.PUBLISHED
    assert reviewed.published_by == cast["coordinator"]
    assert bot_api.called("sendMessage")  # it was tried
    delivery = Delivery.objects.get(user=cast["student"])
    assert delivery.status in (Delivery.Status.RETRYING, Delivery.Status.FAILED)
