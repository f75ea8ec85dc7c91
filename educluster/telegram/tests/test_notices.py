"""Every notice kind reaches the linked person in their language; the Bot API being down never
undoes the action, and the delivery is retried with back-off, then recorded as failed."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from educluster.agreements import services as agreements
from educluster.agreements.models import FulfilmentReport
from educluster.agreements.reminders import send_reminders
from educluster.placements.models import Assignment
from educluster.schoollabs.models import PracticeLog
from educluster.telegram import notices, services
from educluster.telegram.models import Delivery, NoticeKind, TelegramLink
from educluster.workforce.models import ForecastRun

from .conftest import CHATS
from .helpers import buttons
from .test_buttons import ASSIGNMENT, LOG, REPORT


@pytest.fixture
def languages(monkeypatch):
    """(kind, language active while the notice was composed) of every notice queued."""
    seen: list[tuple[str, str | None]] = []
    real = notices.notice_send

    def spy(**kwargs):
        seen.append((kwargs["kind"], translation.get_language()))
        return real(**kwargs)

    monkeypatch.setattr(notices, "notice_send", spy)
    return seen


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def test_it_sends_the_daily_reminder_beside_the_email(
    cast, linked, bot_api, languages, django_capture_on_commit_callbacks
):
    for name in CHATS:
        linked(name, "ru")
    with django_capture_on_commit_callbacks(execute=True):
        emails = send_reminders()
    assert emails and len(mail.outbox) == emails
    for email in mail.outbox:
        user = next(u for u in cast.values() if u.email == email.to[0])
        sent = bot_api.sent_to(CHATS[user.username])
        assert sent and sent[-1]["text"].startswith(email.subject)  # the same words, in ru
    assert {lang for kind, lang in languages} == {"ru"}
    assert {kind for kind, lang in languages} == {NoticeKind.OBLIGATIONS}


def test_it_sends_a_report_waiting_with_buttons_in_the_heads_language(
    linked, bot_api, languages, django_capture_on_commit_callbacks
):
    linked("head", "ru")
    with django_capture_on_commit_callbacks(execute=True):
        notices.report_submitted(report=FulfilmentReport.objects.get(pk=REPORT))
    assert languages == [(NoticeKind.REPORT_WAITING, "ru")]
    labels = buttons(bot_api.sent_to(CHATS["head"])[-1])
    assert set(labels) == {_in("ru", "Confirm"), _in("ru", "Dispute")}


def test_it_tells_the_reporter_of_a_dispute(
    cast, linked, bot_api, languages, django_capture_on_commit_callbacks
):
    linked("coordinator", "uz")  # the demo report was filed by the coordinator
    report = FulfilmentReport.objects.get(pk=REPORT)
    with django_capture_on_commit_callbacks(execute=True):
        agreements.report_decide(
            actor=cast["head"], report=report, confirm=False, comment="Not 20 teachers."
        )
    assert languages == [(NoticeKind.REPORT_DISPUTED, "uz")]
    assert "Not 20 teachers." in bot_api.sent_to(CHATS["coordinator"])[-1]["text"]


def test_it_sends_hours_to_approve_to_the_mentor(
    linked, bot_api, languages, django_capture_on_commit_callbacks
):
    linked("mentor", "en")
    with django_capture_on_commit_callbacks(execute=True):
        notices.hours_submitted(log=PracticeLog.objects.get(pk=LOG))
    assert languages == [(NoticeKind.HOURS_WAITING, "en")]
    sent = bot_api.sent_to(CHATS["mentor"])[-1]
    assert sent["text"].startswith("Practice hours to approve")
    assert set(buttons(sent)) == {"Approve", "Return"}


def test_it_sends_the_placement_result_to_the_student(
    linked, bot_api, languages, django_capture_on_commit_callbacks
):
    linked("student", "ru")
    rnd = Assignment.objects.get(pk=ASSIGNMENT).round
    with django_capture_on_commit_callbacks(execute=True):
        notices.round_published(round=rnd)
    assert languages == [(NoticeKind.PLACEMENT_RESULT, "ru")]
    sent = bot_api.sent_to(CHATS["student"])[-1]
    assert set(buttons(sent)) == {_in("ru", "Accept"), _in("ru", "Decline")}
    assert reverse("placements:my_result", args=[rnd.pk]) in sent["text"]


def test_it_tells_who_started_a_forecast_that_it_finished(
    cast, linked, bot_api, languages, django_capture_on_commit_callbacks
):
    linked("coordinator", "en")
    run = ForecastRun.objects.filter(status=ForecastRun.Status.DONE).first()
    run.created_by = cast["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        notices.forecast_finished(run=run)
    assert languages == [(NoticeKind.FORECAST_FINISHED, "en")]
    assert "is ready" in bot_api.sent_to(CHATS["coordinator"])[-1]["text"]


def test_it_sends_nothing_for_a_kind_switched_off_or_an_unlinked_person(
    cast, linked, bot_api, django_capture_on_commit_callbacks
):
    link = linked("mentor")
    link.notices_off = [NoticeKind.HOURS_WAITING]
    link.save()
    with django_capture_on_commit_callbacks(execute=True):
        notices.hours_submitted(log=PracticeLog.objects.get(pk=LOG))
        notices.report_submitted(report=FulfilmentReport.objects.get(pk=REPORT))  # head: unlinked
    assert not bot_api.called("sendMessage")
    assert not Delivery.objects.exists()


def test_it_sends_nothing_and_breaks_nothing_when_telegram_is_off(
    cast, linked, bot_api, settings, client_as, django_capture_on_commit_callbacks
):
    linked("coordinator")
    settings.TELEGRAM_BOT_TOKEN = ""
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("head").post(
            reverse("agreements:report_decide", args=[REPORT]),
            {"decision": "dispute", "comment": "No."},
        )
    assert response.status_code == 302
    assert FulfilmentReport.objects.get(pk=REPORT).decision == FulfilmentReport.Decision.DISPUTED
    assert not bot_api.calls and not Delivery.objects.exists()


def test_it_keeps_the_action_when_the_bot_api_is_down_and_retries(
    cast, linked, bot_api, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    linked("coordinator")
    bot_api.down = True
    deferred = []
    monkeypatch.setattr(services, "_supports_defer", lambda: True)
    real_enqueue = services.delivery_enqueue

    def enqueue(delivery_id, *, run_after=None):
        if run_after is None:
            return real_enqueue(delivery_id)
        deferred.append(run_after)  # a worker would run it then

    monkeypatch.setattr(services, "delivery_enqueue", enqueue)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("head").post(
            reverse("agreements:report_decide", args=[REPORT]),
            {"decision": "dispute", "comment": "Not 20 teachers."},
        )
    assert response.status_code == 302
    assert FulfilmentReport.objects.get(pk=REPORT).decision == FulfilmentReport.Decision.DISPUTED
    delivery = Delivery.objects.get(user=cast["coordinator"])
    assert delivery.status == Delivery.Status.RETRYING and delivery.attempts == 1
    assert "502" in delivery.last_error
    assert len(deferred) == 1 and deferred[0] == delivery.next_attempt_at
    first_wait = delivery.next_attempt_at - delivery.created_at
    for _attempt in range(services.MAX_ATTEMPTS - 1):
        delivery = services.delivery_attempt(delivery_id=delivery.pk)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == services.MAX_ATTEMPTS
    assert len(deferred) == services.MAX_ATTEMPTS - 1  # no retry after the last attempt
    assert deferred[-1] - deferred[-2] > first_wait  # the waits grow
    assert len(bot_api.called("sendMessage")) == services.MAX_ATTEMPTS


def test_it_sends_a_due_retry_once_the_bot_api_is_back(
    cast, linked, bot_api, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    linked("mentor")
    bot_api.down = True
    with django_capture_on_commit_callbacks(execute=True):
        notices.hours_submitted(log=PracticeLog.objects.get(pk=LOG))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.RETRYING
    bot_api.down = False
    assert services.deliveries_retry_due() == 0  # not yet due
    assert services.deliveries_retry_due(now=timezone.now() + timedelta(hours=1)) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 2
    services.delivery_attempt(delivery_id=delivery.pk)  # run twice: not sent twice
    assert len(bot_api.sent_to(CHATS["mentor"])) == 2


def test_it_drops_a_permanently_refused_message_at_once(
    linked, bot_api, monkeypatch, django_capture_on_commit_callbacks
):
    from educluster.telegram import client

    linked("mentor")

    def refuse(method, payload=None, **kwargs):
        raise client.BotApiError(
            "Forbidden: bot was blocked by the user", status=403, retryable=False
        )

    monkeypatch.setattr(client, "call", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        notices.hours_submitted(log=PracticeLog.objects.get(pk=LOG))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 1
    assert TelegramLink.objects.exists()


def test_it_sends_a_filed_report_to_the_counterpart_who_confirms_it_from_the_chat(
    cast, linked, bot_api, django_capture_on_commit_callbacks
):
    """The issue's 'done when': a report filed, confirmed by the head from Telegram, recorded
    in the audit chain as the page's confirmation is."""
    from decimal import Decimal

    from educluster.agreements.audit import verify_chain
    from educluster.agreements.models import AuditEvent, Occurrence

    from .helpers import press

    linked("head")
    with django_capture_on_commit_callbacks(execute=True):
        report = agreements.report_submit(
            actor=cast["coordinator"],
            occurrence=Occurrence.objects.get(pk=3),
            value_achieved=Decimal("2"),
            text="Two seminars held.",
        )
    sent = bot_api.sent_to(CHATS["head"])[-1]
    assert "Two seminars held." in sent["text"]
    press(CHATS["head"], buttons(sent)["Confirm"])
    report.refresh_from_db()
    assert report.decision == FulfilmentReport.Decision.CONFIRMED
    event = AuditEvent.objects.filter(action="report_confirmed").latest("pk")
    assert event.actor == cast["head"]
    _checked, breaks = verify_chain([event.cluster_id])
    assert not breaks


def test_it_sends_newly_logged_hours_to_the_mentor(
    cast, linked, bot_api, django_capture_on_commit_callbacks
):
    from datetime import date
    from decimal import Decimal

    from educluster.schoollabs import services as schoollabs
    from educluster.schoollabs.models import Placement

    linked("mentor")
    with django_capture_on_commit_callbacks(execute=True):
        log = schoollabs.hours_log(
            actor=cast["student"],
            placement=Placement.objects.get(pk=5),
            date=date(2026, 11, 2),
            hours=Decimal("2"),
            description="Observed a drawing lesson",
        )
    sent = bot_api.sent_to(CHATS["mentor"])[-1]
    assert "Observed a drawing lesson" in sent["text"]
    assert Delivery.objects.get(user=cast["mentor"]).status == Delivery.Status.SENT
    assert log.status == PracticeLog.Status.SUBMITTED


def test_it_tells_the_coordinator_when_the_worker_finishes_the_run(
    cast, cluster, linked, bot_api, django_capture_on_commit_callbacks
):
    from educluster.workforce import services as workforce
    from educluster.workforce.models import Scenario

    linked("coordinator", "ru")
    run = workforce.forecast_run_start(
        actor=cast["coordinator"],
        cluster=cluster,
        scenario=Scenario.objects.get(cluster=cluster, is_base=True),
        horizon=3,
        draws=100,
        seed=3,
        enqueue=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        workforce.forecast_run_execute(run_id=run.pk)
    sent = bot_api.sent_to(CHATS["coordinator"])
    assert len(sent) == 1 and run.get_absolute_url() in sent[0]["text"]
    with django_capture_on_commit_callbacks(execute=True):
        workforce.forecast_run_execute(run_id=run.pk)  # a second delivery of the task: silent
    assert len(bot_api.sent_to(CHATS["coordinator"])) == 1


def test_it_files_the_report_even_when_composing_the_notice_fails(
    cast, linked, bot_api, monkeypatch, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    from educluster.agreements.models import Occurrence

    def broken(obligation):
        raise RuntimeError("boom")

    linked("head")
    monkeypatch.setattr(notices, "_counterpart_users", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = agreements.report_submit(
            actor=cast["coordinator"],
            occurrence=Occurrence.objects.get(pk=3),
            value_achieved=Decimal("2"),
            text="Two seminars held.",
        )
    assert FulfilmentReport.objects.filter(pk=report.pk).exists()
    assert Occurrence.objects.get(pk=3).state == Occurrence.State.REPORTED
    assert not bot_api.called("sendMessage")
