"""The project portfolio in XLSX and a project's one-page summary in PDF."""

from io import BytesIO

from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from educluster.projects.models import Project
from educluster.projects.tests.support import faculty_project
from educluster.projects.views import projects as project_views


def test_it_exports_the_portfolio_with_the_filters(client_as, cluster):
    url = reverse("projects:list", args=[cluster.slug])
    response = client_as("analyst").get(url, {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + Project.objects.filter(cluster=cluster).count()
    titles = {r[0] for r in rows[1:]}
    assert faculty_project().title in titles

    running = client_as("analyst").get(url, {"export": "xlsx", "status": "running"})
    rows = list(load_workbook(BytesIO(running.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + Project.objects.filter(cluster=cluster, status="running").count()


def test_it_prints_the_summary_in_the_readers_language(client_as, monkeypatch):
    rendered = {}
    real = project_views.render_pdf

    def spy(template, context):
        rendered["html"] = render_to_string(template, context)
        return real(template, context)

    monkeypatch.setattr(project_views, "render_pdf", spy)
    client = client_as("student")
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})  # the switch
    project = faculty_project()
    response = client.get(reverse("projects:pdf", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = rendered["html"]
    assert 'lang="ru"' in html and "Статус" in html and project.title in html
    for member in project.team.all():
        assert member.person.full_name in html


def test_it_fits_the_summary_of_every_demo_project_on_one_page(client_as, monkeypatch):
    from weasyprint import HTML

    pages = {}
    real = project_views.render_pdf

    def spy(template, context):
        html = render_to_string(template, context)
        pages[context["project"].title] = len(HTML(string=html).render().pages)
        return real(template, context)

    monkeypatch.setattr(project_views, "render_pdf", spy)
    client = client_as("coordinator")
    for project in Project.objects.filter(is_demo=True):
        client.get(reverse("projects:pdf", args=[project.pk]))
    assert pages and set(pages.values()) == {1}, pages
