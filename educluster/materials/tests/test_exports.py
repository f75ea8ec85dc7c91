"""The materials list in XLSX, with the library's filters."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from educluster.materials import services
from educluster.materials.models import Material
from educluster.projects.tests.support import person_of
from educluster.registry.models import Language


def _rows(response):
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def test_it_exports_what_the_reader_sees_with_the_filters(client_as, cluster):
    url = reverse("materials:list", args=[cluster.slug])
    rows = _rows(client_as("head").get(url, {"export": "xlsx"}))
    published = Material.objects.filter(cluster=cluster, status="published")
    assert len(rows) == 1 + published.count()  # no drafts for a member head
    assert len(_rows(client_as("coordinator").get(url, {"export": "xlsx"}))) == 31
    ru = _rows(client_as("head").get(url, {"export": "xlsx", "language": "ru"}))
    assert {r[0] for r in ru[1:]} == set(
        published.filter(language__code="ru").values_list("title", flat=True)
    )
    adopted = next(r for r in rows[1:] if r[10])
    assert isinstance(adopted[10], int) and 3 <= adopted[11] <= 5


def test_it_escapes_formula_like_titles(client_as, cluster, cast):
    material = services.material_create(
        actor=cast["faculty"],
        cluster=cluster,
        title='=HYPERLINK("http://x.uz","bos")',
        kind="lesson_plan",
        language=Language.objects.get(code="uz"),
        level="basic",
        subject="Tasviriy sanʼat",
        authors=[person_of("faculty")],
    )
    services.material_publish(actor=cast["faculty"], material=material)
    rows = _rows(
        client_as("head").get(
            reverse("materials:list", args=[cluster.slug]), {"export": "xlsx", "q": "hyperlink"}
        )
    )
    assert rows[1][0].startswith("'=")
