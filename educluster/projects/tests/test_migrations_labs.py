"""``link_labs`` of the migration that made a project's School-Labs SchoolLab rows.

The old M2M to host schools is dropped by the next migration, so each project is a real row
carrying its old schools as an attribute, served by a stand-in for the historical manager; the
labs are the real model from ``django.apps.apps`` and the links land in ``Project.labs``.
"""

import importlib

import pytest
from django.apps import apps

from educluster.projects.models import Project
from educluster.registry.models import Institution

pytestmark = pytest.mark.django_db

migration = importlib.import_module("educluster.projects.migrations.0002_project_labs")


class Schools:
    def __init__(self, schools):
        self.schools = schools

    def all(self):
        return self.schools


class OldProjects:
    """What ``Project.objects.prefetch_related("school_labs").order_by("pk")`` returned."""

    def __init__(self, rows):
        self.rows = rows

    def prefetch_related(self, *_names):
        return self

    def order_by(self, *_fields):
        out = []
        for pk, schools in self.rows:
            project = Project.objects.get(pk=pk)
            project.school_labs = Schools(schools)
            out.append(project)
        return out


class OldProject:
    def __init__(self, rows):
        self.objects = OldProjects(rows)


@pytest.fixture
def projects(cluster):
    rows = list(Project.objects.filter(cluster=cluster).order_by("pk")[:2])
    for project in rows:
        project.labs.clear()
    return rows


def test_it_links_schools_hosting_one_lab_and_lists_the_rest(projects):
    SchoolLab = apps.get_model("schoollabs", "SchoolLab")
    lab = SchoolLab.objects.get(host__code="CHR-SCH-3")
    no_lab = Institution.objects.get(code="CHR-SCH-7")
    first, second = projects
    listed: list[str] = []
    unmatched = migration.link_labs(
        OldProject([(first.pk, [lab.host, no_lab]), (second.pk, [no_lab])]),
        SchoolLab,
        stdout=listed.append,
    )
    assert list(first.labs.all()) == [lab]
    assert list(second.labs.all()) == []
    assert unmatched == [(first.pk, no_lab.name, 0), (second.pk, no_lab.name, 0)]
    assert len(listed) == 2 and no_lab.name in listed[0]


def test_it_is_idempotent(projects):
    SchoolLab = apps.get_model("schoollabs", "SchoolLab")
    lab = SchoolLab.objects.get(host__code="PAR-SCH-1")
    old = OldProject([(projects[0].pk, [lab.host])])
    assert migration.link_labs(old, SchoolLab, stdout=lambda _line: None) == []
    assert migration.link_labs(old, SchoolLab, stdout=lambda _line: None) == []
    assert list(projects[0].labs.all()) == [lab]
