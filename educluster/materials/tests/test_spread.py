"""How fast innovations spread, against a hand-worked example."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.materials import services
from educluster.materials.selectors import adoption_spread
from educluster.projects.tests.support import other_cluster
from educluster.registry import services as registry
from educluster.registry.models import District, Language


@pytest.fixture
def example(db):
    """Members since 2024: four schools, an art school, a preschool. Materials M0 (published
    2024-05-01), M1 (2025-03-01), M2 (2025-05-01), M3 (2025-06-01, never adopted), M4 (a
    draft), M5 (published 2025-07-15, after the day we look from)."""
    cluster, _goal, _student = other_cluster()
    district = District.objects.get(code="qibray")
    author = Person.objects.create(
        full_name="Muallif", kind="faculty", institution=cluster.lead_institution
    )

    def member(name, kind):
        return registry.institution_create(
            actor=None, name=name, kind=kind, district=district, cluster=cluster
        )

    s1, s2, s3, s4 = (member(f"Maktab {i}", "general_school") for i in range(1, 5))
    a1 = member("Sanʼat maktabi", "music_art_school")
    p1 = member("Bogʻcha", "preschool")
    cluster.memberships.update(start_date=date(2024, 1, 1))

    def material(title, published_on=None):
        m = services.material_create(
            actor=None, cluster=cluster, title=title, kind="methodological",
            language=Language.objects.get(code="uz"), level="basic", subject="Tasviriy sanʼat",
            authors=[author],
        )  # fmt: skip
        if published_on:
            services.material_publish(actor=None, material=m, on=published_on)
        return m

    m0 = material("M0", date(2024, 5, 1))
    m1 = material("M1", date(2025, 3, 1))
    m2 = material("M2", date(2025, 5, 1))
    material("M3", date(2025, 6, 1))
    material("M4")
    m5 = material("M5", date(2025, 7, 15))
    for m, institution, on in [
        (m0, s3, date(2024, 6, 10)),  # 40 days; last academic year
        (m1, s1, date(2025, 3, 11)),  # 10 days
        (m1, a1, date(2025, 3, 21)),  # 20 days
        (m1, s2, date(2025, 4, 1)),  # 31 days, not the first school
        (m2, p1, date(2025, 5, 6)),  # 5 days
        (m2, s2, date(2025, 5, 31)),  # 30 days
        (m5, s4, date(2025, 7, 20)),  # after the day we look from
    ]:
        services.adoption_record(actor=None, material=m, institution=institution, adopted_on=on)
    return cluster


def test_it_measures_days_to_first_adoption_and_the_share_of_adopters(example):
    spread = adoption_spread(example, on=date(2025, 6, 30))
    assert (spread.start, spread.end, spread.published) == (date(2024, 9, 1), date(2025, 8, 31), 4)
    rows = {r.kind: r for r in spread.rows}
    assert set(rows) == {"general_school", "music_art_school", "preschool"}

    school = rows["general_school"]  # first adoptions: M0 40, M1 10, M2 30 days
    assert (school.members, school.adopters, school.share) == (4, 2, Decimal("50.0"))
    assert school.materials_reached == 3
    assert (school.median_days, school.mean_days) == (Decimal("30.0"), Decimal("26.7"))

    art = rows["music_art_school"]  # M1 20 days
    assert (art.members, art.adopters, art.share, art.materials_reached) == (1, 1, Decimal(100), 1)
    assert (art.median_days, art.mean_days) == (Decimal("20.0"), Decimal("20.0"))

    preschool = rows["preschool"]  # M2 5 days
    assert (preschool.median_days, preschool.adopters) == (Decimal("5.0"), 1)

    overall = spread.overall  # first by anyone: M0 40, M1 10, M2 5 days; 4 of 6 adopted
    assert (overall.members, overall.adopters, overall.share) == (6, 4, Decimal("66.7"))
    assert (overall.median_days, overall.mean_days) == (Decimal("10.0"), Decimal("18.3"))
    assert overall.materials_reached == 3


def test_it_counts_the_next_year_afresh(example):
    spread = adoption_spread(example, on=date(2025, 9, 30))
    # A new academic year: nobody has adopted yet; M5 now counts (S4 after 5 days).
    assert spread.overall.adopters == 0 and spread.published == 5
    school = {r.kind: r for r in spread.rows}["general_school"]
    assert school.materials_reached == 4 and school.median_days == Decimal("20.0")


def test_it_shows_the_spread_with_a_chart(client_as, cluster):
    response = client_as("student").get(reverse("materials:spread", args=[cluster.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<script" not in svg
    assert response.context["spread"].overall.adopters > 0
