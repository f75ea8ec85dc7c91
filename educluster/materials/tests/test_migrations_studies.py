"""``link_studies`` of the migration that made ``Material.source_study`` a foreign key.

The old text column is dropped by the next migration, so the materials are real rows carrying
the old text as an attribute, served by a stand-in for the historical manager; the studies are
the real model from ``django.apps.apps``.
"""

import importlib

import pytest
from django.apps import apps

from educluster.materials.models import Material
from educluster.registry.models import Cluster

pytestmark = pytest.mark.django_db

migration = importlib.import_module("educluster.materials.migrations.0002_source_study_link")


class OldMaterials:
    """What ``Material.objects.exclude(source_study_text="").order_by("pk")`` returned."""

    def __init__(self, rows: list[tuple[int, str]]):
        self.rows = rows

    def exclude(self, **_filters):
        return self

    def order_by(self, *_fields):
        out = []
        for pk, text in self.rows:
            material = Material.objects.get(pk=pk)
            material.source_study_text = text
            out.append(material)
        return out


class OldMaterial:
    def __init__(self, rows):
        self.objects = OldMaterials(rows)


@pytest.fixture
def materials(cluster):
    rows = list(Material.objects.filter(cluster=cluster).order_by("pk")[:3])
    Material.objects.filter(pk__in=[m.pk for m in rows]).update(source_study=None, source_note="")
    return rows


def test_it_links_matching_text_and_keeps_the_rest_as_a_note(materials):
    Study = apps.get_model("schoollabs", "Study")
    study = Study.objects.get(code="RASM-2026")
    by_title, by_code, other = materials
    old = OldMaterial(
        [
            (by_title.pk, "  " + study.title.upper() + "  "),
            (by_code.pk, "rasm-2026"),
            (other.pk, "Boshqa tadqiqot, 2019"),
        ]
    )
    listed: list[str] = []
    unmatched = migration.link_studies(old, Study, stdout=listed.append)
    assert unmatched == [(other.pk, "Boshqa tadqiqot, 2019")]
    for row in (by_title, by_code):
        row.refresh_from_db()
        assert row.source_study == study and row.source_note == ""
    other.refresh_from_db()
    assert other.source_study is None and other.source_note == "Boshqa tadqiqot, 2019"
    assert len(listed) == 1 and f"material {other.pk}" in listed[0]


def test_it_matches_only_studies_of_the_materials_cluster(materials, cluster):
    Study = apps.get_model("schoollabs", "Study")
    study = Study.objects.get(code="RASM-2026")
    row = materials[0]
    other = Cluster.objects.create(
        slug="boshqa-klaster",
        name="Boshqa klaster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    Study.objects.filter(pk=study.pk).update(cluster=other)
    unmatched = migration.link_studies(
        OldMaterial([(row.pk, study.title)]), Study, stdout=lambda _line: None
    )
    assert unmatched == [(row.pk, study.title)]


def test_it_is_idempotent(materials):
    Study = apps.get_model("schoollabs", "Study")
    study = Study.objects.get(code="RASM-2026")
    old = OldMaterial([(materials[0].pk, study.title), (materials[1].pk, "Nomaʼlum")])
    migration.link_studies(old, Study, stdout=lambda _line: None)
    first = list(Material.objects.order_by("pk").values_list("pk", "source_study", "source_note"))
    again = migration.link_studies(old, Study, stdout=lambda _line: None)
    assert again == [(materials[1].pk, "Nomaʼlum")]
    assert (
        list(Material.objects.order_by("pk").values_list("pk", "source_study", "source_note"))
        == first
    )
