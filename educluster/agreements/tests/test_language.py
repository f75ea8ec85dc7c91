"""Reminders and agreement documents in each recipient's / reader's preferred language."""

from django.core import mail
from django.urls import reverse

from educluster.accounts.models import User
from educluster.agreements.reminders import send_reminders


def test_it_mails_each_recipient_in_their_language(agreement, school_occurrence, cast):
    User.objects.filter(username="head").update(preferred_language="ru")
    assert send_reminders()
    to_head = [m for m in mail.outbox if cast["head"].email in m.to]
    assert to_head and "обязательства" in to_head[0].subject
    others = [m for m in mail.outbox if cast["head"].email not in m.to]
    assert all("обязательства" not in m.subject for m in others)


def test_it_gives_the_agreement_in_the_readers_language_by_default(agreement, client_as):
    User.objects.filter(username="coordinator").update(preferred_language="en")
    client = client_as("coordinator")
    docx = client.get(reverse("agreements:document", args=[agreement.pk, "docx"]))
    assert docx.status_code == 200 and "-en.docx" in docx["Content-Disposition"]
    asked = client.get(reverse("agreements:document", args=[agreement.pk, "docx"]) + "?lang=ru")
    assert "-ru.docx" in asked["Content-Disposition"]
    bad = client.get(reverse("agreements:document", args=[agreement.pk, "docx"]) + "?lang=de")
    assert bad.status_code == 404
