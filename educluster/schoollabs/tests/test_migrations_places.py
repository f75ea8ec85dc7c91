"""The data migration that gave every activity its cluster and place, run directly."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from educluster.registry.models import Institution
from educluster.schoollabs.models import Activity

pytestmark = pytest.mark.django_db

migration = importlib.import_module("educluster.schoollabs.migrations.0004_activity_places")


def _rows():
    return list(Activity.objects.order_by("pk").values_list("pk", "cluster", "institution", "lab"))


def test_it_places_lab_activities_at_their_host_and_keeps_the_rest(lab_chr, cluster):
    department = Institution.objects.get(code="CHDPI-TSA")
    misplaced = Activity.objects.filter(lab=lab_chr).order_by("pk").first()
    Activity.objects.filter(pk=misplaced.pk).update(institution=department)
    lab_less = Activity.objects.create(
        cluster=cluster,
        institution=department,
        kind="exhibition",
        topic="Koʻrgazma",
        date=date(2026, 10, 1),
    )
    listed: list[str] = []
    model = apps.get_model("schoollabs", "Activity")
    assert migration.fill_places(model, stdout=listed.append) == []
    assert listed == []
    misplaced.refresh_from_db()
    assert misplaced.institution_id == lab_chr.host_id
    assert misplaced.cluster_id == lab_chr.cluster_id
    lab_less.refresh_from_db()
    assert lab_less.institution == department and lab_less.lab is None


def test_it_is_idempotent(db):
    model = apps.get_model("schoollabs", "Activity")
    migration.fill_places(model, stdout=lambda _line: None)
    first = _rows()
    assert migration.fill_places(model, stdout=lambda _line: None) == []
    assert _rows() == first


def test_it_runs_from_forwards(lab_chr):
    moved = Activity.objects.filter(lab=lab_chr).order_by("pk").first()
    department = Institution.objects.get(code="CHDPI-TSA")
    Activity.objects.filter(pk=moved.pk).update(institution=department)
    migration.forwards(apps, None)
    moved.refresh_from_db()
    assert moved.institution_id == lab_chr.host_id
