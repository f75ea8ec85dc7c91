"""The study report PDF defaults to the reader's preferred language."""

from django.urls import reverse
from django.utils import translation

from educluster.accounts.models import User


def test_it_renders_the_report_pdf_in_the_readers_language(client_as, study, monkeypatch):
    seen = []

    def fake_pdf(template, context):
        seen.append(translation.get_language())
        return b"%PDF-fake"

    monkeypatch.setattr("educluster.schoollabs.views.report.render_pdf", fake_pdf)
    User.objects.filter(username="faculty").update(preferred_language="ru")
    client = client_as("faculty")
    response = client.get(reverse("schoollabs:report_pdf", args=[study.pk]))
    assert response.status_code == 200 and "-ru.pdf" in response["Content-Disposition"]
    client.get(reverse("schoollabs:report_pdf", args=[study.pk]) + "?lang=en")
    assert seen == ["ru", "en"]
    assert (
        client.get(reverse("schoollabs:report_pdf", args=[study.pk]) + "?lang=x").status_code == 404
    )
