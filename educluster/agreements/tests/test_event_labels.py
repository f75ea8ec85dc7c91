"""The event log and the audit page speak the reader's language: no raw codes or ISO dates."""

import re

import pytest
from django.urls import reverse

from educluster.agreements.audit import event_details, event_label
from educluster.agreements.models import AuditEvent

LABELS = {"uz": "Hisobot topshirildi", "ru": "Отчёт представлен", "en": "Report submitted"}


def _as(client_as, language):
    client = client_as("coordinator")
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


@pytest.mark.parametrize("language", ["uz", "ru"])
def test_it_shows_the_audit_log_without_codes_in_the_readers_language(client_as, cluster, language):
    assert AuditEvent.objects.filter(cluster=cluster).exists()
    html = _as(client_as, language).get(reverse("agreements:audit", args=[cluster.slug]))
    text = html.content.decode()
    actions = set(AuditEvent.objects.filter(cluster=cluster).values_list("action", flat=True))
    shown = [a for a in actions if a in text]
    assert not shown, f"raw event codes on the page: {shown}"
    assert not re.search(r"\b(signed_on|valid_from|due_date|occurrence|version):", text)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "an ISO date is shown as stored"


def test_it_labels_every_action_the_services_write():
    from pathlib import Path

    source = Path(__file__).parents[1].joinpath("services.py").read_text()
    written = set(re.findall(r'"((?:agreement|scan|obligation|report)_[a-z]+)"', source))
    written |= {f"agreement_{s}" for s in ("draft", "signed", "active", "expired", "terminated")}
    unlabelled = [a for a in written if event_label(a) == a.replace("_", " ")]
    assert not unlabelled


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_it_formats_payload_values_for_the_language(language):
    from django.utils import translation

    payload = {"occurrence": "2026-01-05", "version": "1", "value": "5.00", "files": "0"}
    with translation.override(language):
        label = event_label("report_submitted")
        details = dict(event_details(payload))
    assert label == LABELS[language]
    assert "2026-01-05" not in details.values() and "5.00" not in details.values()
    assert "occurrence" not in details and "value" not in details
