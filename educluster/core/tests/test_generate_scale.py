"""``generate_scale``: proportions of a tiny run, determinism, the refusal to generate twice,
clearing, and the generated clusters' pages for their coordinator."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from educluster.accounts.models import User
from educluster.agreements.models import Agreement, Occurrence
from educluster.core.scale import Plan, scale_checksum, scale_exists
from educluster.placements.models import Applicant, PlacementRound, Preference
from educluster.registry.models import Cluster, District, Institution, Membership, Region
from educluster.schoollabs.models import Activity, PupilResult, SchoolLab, Study
from educluster.workforce.models import Position, StaffRecord, Vacancy

SCALE = 0.002
ANCHOR = "2026-09-01"

pytestmark = pytest.mark.django_db


def generate(*extra: str, seed: int = 7) -> str:
    out = StringIO()
    args = ["--scale", str(SCALE), "--seed", str(seed), "--anchor", ANCHOR, *extra]
    call_command("generate_scale", *args, stdout=out)
    return out.getvalue()


def near(value: int, expected: float, tolerance: float = 0.15) -> bool:
    return abs(value - expected) <= tolerance * expected


def test_it_generates_the_nation_in_proportion_to_the_scale():
    output = generate()
    plan = Plan(scale=SCALE, seed=7, anchor=date(2026, 9, 1))
    generated = Cluster.objects.filter(slug__startswith="scale-")
    assert Region.objects.count() == 14
    assert near(District.objects.count(), 200, 0.05)
    assert generated.count() == plan.clusters == 2
    schools = Institution.objects.filter(code__startswith="SC-", kind="general_school")
    assert schools.count() == round(10_000 * SCALE)
    positions = Position.objects.filter(institution__code__startswith="SC-")
    assert near(positions.count(), 500_000 * SCALE)
    staff = StaffRecord.objects.filter(position__in=positions).count()
    assert 0.8 * positions.count() < staff < positions.count()
    assert Vacancy.objects.filter(position__in=positions, status="open").exists()
    results = PupilResult.objects.filter(pupil__study__cluster__in=generated)
    assert near(results.count(), 1_000_000 * SCALE, 0.05)
    assert Study.objects.filter(cluster__in=generated).count() == plan.studies
    # Every school is a member of one generated cluster; every cluster has its pieces.
    assert Membership.objects.filter(cluster__in=generated).count() == schools.count() + 2
    for cluster in generated:
        assert Agreement.objects.filter(cluster=cluster).exists()
        assert Occurrence.objects.filter(obligation__agreement__cluster=cluster).exists()
        assert SchoolLab.objects.filter(cluster=cluster).exists()
        assert Activity.objects.filter(cluster=cluster).exists()
        assert PlacementRound.objects.filter(cluster=cluster).count() == 2
        assert Applicant.objects.filter(round__cluster=cluster).exists()
    assert Preference.objects.filter(applicant__round__cluster__in=generated).exists()
    # Progress is printed per table with its count and time.
    assert "schoollabs_pupilresult" in output and "rows" in output and " s " in output


def test_it_is_deterministic_refuses_to_run_twice_and_clears():
    generate()
    first = scale_checksum()
    with pytest.raises(CommandError, match="already holds generated data"):
        generate()
    generate("--force")
    assert scale_checksum() == first
    generate("--force", seed=8)
    assert scale_checksum() != first
    generate("--clear")
    assert not scale_exists()
    assert not District.objects.filter(code__startswith="scale-").exists()
    assert Region.objects.count() == 14  # reference data stays


def test_it_renders_a_generated_cluster_for_its_coordinator():
    generate()
    coordinator = User.objects.get(username="scale-coordinator-01")
    coordinator.preferred_language = "en"
    coordinator.save()
    cluster = Cluster.objects.get(slug="scale-01")
    client = Client()
    client.force_login(coordinator)
    pages = [
        reverse("home"),
        reverse("registry:cluster", args=[cluster.slug]),
        reverse("registry:members", args=[cluster.slug]),
        reverse("agreements:list", args=[cluster.slug]),
        reverse("workforce:positions", args=[cluster.slug]),
        reverse("workforce:vacancies", args=[cluster.slug]),
        reverse("schoollabs:labs", args=[cluster.slug]),
        reverse("schoollabs:activities", args=[cluster.slug]),
        reverse("schoollabs:studies", args=[cluster.slug]),
        reverse("placements:rounds", args=[cluster.slug]),
    ]
    with translation.override("en"):
        for url in pages:
            assert client.get(url).status_code == 200, url
        study = Study.objects.filter(cluster=cluster).first()
        assert client.get(study.get_absolute_url()).status_code == 200
        # Another generated cluster is not this coordinator's to see.
        other = Cluster.objects.get(slug="scale-02")
        agreement = Agreement.objects.filter(cluster=other).first()
        assert client.get(agreement.get_absolute_url()).status_code == 404
