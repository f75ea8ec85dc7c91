"""The project summary PDF defaults to the reader's preferred language."""

from django.urls import reverse
from django.utils import translation

from educluster.accounts.models import User
from educluster.projects.selectors import projects_for


def test_it_renders_the_project_pdf_in_the_readers_language(client_as, cast, monkeypatch):
    seen = []

    def fake_pdf(template, context):
        seen.append((translation.get_language(), context["LANGUAGE_CODE"]))
        return b"%PDF-fake"

    monkeypatch.setattr("educluster.projects.views.projects.render_pdf", fake_pdf)
    User.objects.filter(username="coordinator").update(preferred_language="en")
    project = projects_for(cast["coordinator"]).first()
    assert project is not None
    client = client_as("coordinator")
    response = client.get(reverse("projects:pdf", args=[project.pk]))
    assert response.status_code == 200 and "-en.pdf" in response["Content-Disposition"]
    client.get(reverse("projects:pdf", args=[project.pk]) + "?lang=ru")
    assert seen == [("en", "en"), ("ru", "ru")]
