"""Every workforce page, file and export as each member of the cast, the outsider and an
anonymous visitor. Objects outside a user's scope answer 404; actions outside a role 403."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from educluster.conftest import CAST
from educluster.workforce.models import ForecastRun, GraduateCohort, Position, Scenario, Vacancy

AGGREGATES = {"coordinator", "head", "analyst", "admin"}
POSITIONS = {"coordinator", "head", "admin"}
MANAGERS = {"coordinator", "admin"}
REFERENCE = {"coordinator", "analyst", "admin"}
BOARD = set(CAST) - {"outsider"}


def expect(allowed: set[str], *, others: int = 403) -> dict[str, int]:
    return {
        name: 200 if name in allowed else (404 if name == "outsider" else others) for name in CAST
    }


def _position(school: str, code: str) -> Position:
    return Position.objects.get(institution__code=school, code=code)


@pytest.fixture
def pages(cluster):
    slug = cluster.slug
    own = _position("CHR-SCH-3", "TSA-1")  # the head's school, held by a teacher
    own_vacant = _position("CHR-SCH-3", "MUS-1")  # with an open vacancy
    other = _position("PAR-SCH-12", "TEX-1")
    staff = own.staff_records.get(end_date__isnull=True)
    own_open = own_vacant.vacancies.get(status="open")
    other_open = Vacancy.objects.get(position__institution__code="PAR-SCH-12", status="open")
    # The workforce demo fills one; the employment round of the placements demo fills another.
    filled = Vacancy.objects.filter(status="filled").order_by("pk").first()
    run = ForecastRun.objects.get(cluster=cluster, scenario__is_base=True)
    scenario = Scenario.objects.get(cluster=cluster, is_base=True)
    cohort = GraduateCohort.objects.filter(cluster=cluster).first()
    w = "workforce:"
    pages = [
        (reverse(w + "overview", args=[slug]), expect(AGGREGATES)),
        (reverse(w + "positions", args=[slug]), expect(POSITIONS)),
        (reverse(w + "positions", args=[slug]) + "?export=xlsx", expect(POSITIONS)),
        (reverse(w + "position_create", args=[slug]), expect(POSITIONS)),
        (reverse(w + "position", args=[own.pk]), expect(POSITIONS, others=404)),
        (reverse(w + "position", args=[other.pk]), expect(MANAGERS, others=404)),
        (reverse(w + "position_edit", args=[own.pk]), expect(POSITIONS, others=404)),
        (reverse(w + "position_edit", args=[other.pk]), expect(MANAGERS, others=404)),
        (reverse(w + "position_history", args=[own.pk]), expect(POSITIONS, others=404)),
        (reverse(w + "staff_add", args=[own_vacant.pk]), expect(POSITIONS, others=404)),
        (reverse(w + "vacancy_open", args=[own_vacant.pk]), expect(POSITIONS, others=404)),
        (reverse(w + "staff_edit", args=[staff.pk]), expect(POSITIONS, others=404)),
        (reverse(w + "staff_end", args=[staff.pk]), expect(POSITIONS, others=404)),
        (reverse(w + "vacancies", args=[slug]), expect(POSITIONS)),
        (reverse(w + "vacancies", args=[slug]) + "?export=xlsx", expect(POSITIONS)),
        (reverse(w + "board", args=[slug]), expect(BOARD)),
        (reverse(w + "board", args=[slug]) + "?export=xlsx", expect(BOARD)),
        (reverse(w + "vacancy", args=[own_open.pk]), expect(BOARD)),
        (reverse(w + "vacancy", args=[other_open.pk]), expect(BOARD)),
        # A closed vacancy is off the board: only those who manage the post find it.
        (reverse(w + "vacancy", args=[filled.pk]), expect(MANAGERS, others=404)),
        (reverse(w + "vacancy_edit", args=[own_open.pk]), expect(POSITIONS)),
        (reverse(w + "vacancy_fill", args=[own_open.pk]), expect(POSITIONS)),
        (reverse(w + "vacancy_edit", args=[other_open.pk]), expect(MANAGERS)),
        (reverse(w + "reference", args=[slug]), expect(REFERENCE)),
        (reverse(w + "reference_history", args=[slug]), expect(REFERENCE)),
        (reverse(w + "pupils", args=[slug]), expect(REFERENCE)),
        (reverse(w + "pupils", args=[slug]) + "?export=xlsx", expect(REFERENCE)),
        (reverse(w + "settings_edit", args=[slug]), expect(MANAGERS)),
        (reverse(w + "curriculum_edit", args=[slug]), expect(MANAGERS)),
        (reverse(w + "attrition_edit", args=[slug]), expect(MANAGERS)),
        (reverse(w + "district_norm_edit", args=[slug, "parkent"]), expect(MANAGERS)),
        (reverse(w + "pupil_grid", args=[slug, "parkent", 2026]), expect(MANAGERS)),
        (reverse(w + "graduate_create", args=[slug]), expect(MANAGERS)),
        (reverse(w + "graduate_edit", args=[slug, cohort.pk]), expect(MANAGERS)),
        (reverse(w + "scenarios", args=[slug]), expect(AGGREGATES)),
        (reverse(w + "scenario_create", args=[slug]), expect(MANAGERS)),
        (reverse(w + "scenario_edit", args=[slug, scenario.pk]), expect(MANAGERS)),
        (reverse(w + "scenario_history", args=[slug, scenario.pk]), expect(AGGREGATES)),
        (reverse(w + "forecast", args=[slug]), expect(AGGREGATES)),
        (reverse(w + "compare", args=[slug]), expect(AGGREGATES)),
        (reverse(w + "compare", args=[slug]) + "?export=xlsx", expect(AGGREGATES)),
        (reverse(w + "runs", args=[slug]), expect(AGGREGATES)),
        (reverse(w + "run", args=[slug, run.pk]), expect(AGGREGATES)),
        (reverse(w + "run_export", args=[slug, run.pk]), expect(AGGREGATES)),
        (reverse(w + "run_snapshot", args=[slug, run.pk]), expect(REFERENCE)),
        (reverse(w + "quota_plan", args=[slug]), expect(AGGREGATES)),
        (reverse(w + "quota_plan_export", args=[slug]), expect(AGGREGATES)),
    ]
    for table in ("curriculum", "attrition", "graduates", "districts", "pupils"):
        pages.append(
            (reverse(w + "reference", args=[slug]) + f"?export={table}", expect(REFERENCE))
        )
    for kind, allowed in (
        ("workforce-positions", POSITIONS),
        ("workforce-staff", POSITIONS),
        ("workforce-curriculum", MANAGERS),
        ("workforce-pupils", MANAGERS),
        ("workforce-attrition", MANAGERS),
        ("workforce-graduates", MANAGERS),
        ("workforce-districts", MANAGERS),
    ):
        pages.append((reverse("imports:start", args=[slug, kind]), expect(allowed)))
        pages.append((reverse("imports:template", args=[slug, kind, "xlsx"]), expect(allowed)))
    return pages


def test_it_answers_every_page_by_role(pages, client_as):
    failures = []
    for name in CAST:
        client = client_as(name)
        for url, expected in pages:
            status = client.get(url).status_code
            if status != expected[name]:
                failures.append(f"{name} {url}: {status} != {expected[name]}")
    assert not failures, "\n".join(failures)


def test_it_sends_anonymous_visitors_to_login(pages, client_as):
    client = client_as("anonymous")
    for url, _expected in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_it_refuses_posts_outside_the_role(client_as, cluster):
    slug = cluster.slug
    run = ForecastRun.objects.get(cluster=cluster, scenario__is_base=True)
    scenario = Scenario.objects.get(cluster=cluster, is_base=False, name__contains="+1")
    cohort = GraduateCohort.objects.filter(cluster=cluster).first()
    other_open = Vacancy.objects.get(position__institution__code="PAR-SCH-12", status="open")
    posts = [
        reverse("workforce:run_start", args=[slug]),
        reverse("workforce:run_publish", args=[slug, run.pk]),
        reverse("workforce:scenario_delete", args=[slug, scenario.pk]),
        reverse("workforce:graduate_delete", args=[slug, cohort.pk]),
        reverse("workforce:curriculum_example", args=[slug]),
        reverse("workforce:vacancy_withdraw", args=[other_open.pk]),
    ]
    for url in posts:
        assert client_as("faculty").post(url).status_code == 403, url
        assert client_as("head").post(url).status_code == 403, url
        assert client_as("outsider").post(url).status_code == 404, url
    assert Scenario.objects.filter(pk=scenario.pk).exists()
    assert GraduateCohort.objects.filter(pk=cohort.pk).exists()
    assert Vacancy.objects.get(pk=other_open.pk).status == "open"
    assert ForecastRun.objects.filter(cluster=cluster).count() == 3


def test_it_shows_staff_records_only_to_the_institutions_managers(client_as):
    own = _position("CHR-SCH-3", "TSA-1")
    url = reverse("workforce:position", args=[own.pk])
    assert "staff-records" in client_as("head").get(url).content.decode()
    assert "staff-records" in client_as("coordinator").get(url).content.decode()
    # A member head of another school does not even find the position.
    other = _position("PAR-SCH-12", "TEX-1")
    assert client_as("head").get(reverse("workforce:position", args=[other.pk])).status_code == 404


def _sheet_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return list(sheet.iter_rows(min_row=2, values_only=True))


def test_it_limits_a_member_head_to_the_aggregates_of_their_area(client_as, cluster):
    """The head of a Chirchiq school sees Chirchiq only, even when asking for Parkent."""
    run = ForecastRun.objects.get(cluster=cluster, scenario__is_base=True)
    client = client_as("head")
    rows = _sheet_rows(client.get(reverse("workforce:run_export", args=[cluster.slug, run.pk])))
    assert rows and {r[1] for r in rows} == {"Chirchiq shahri"}
    parkent = run.cells.filter(district__code="parkent").first().district_id
    page = client.get(reverse("workforce:run", args=[cluster.slug, run.pk]), {"district": parkent})
    assert page.context["district"].code == "chirchiq"
    overview = client.get(reverse("workforce:overview", args=[cluster.slug]))
    assert {r.district.code for r in overview.context["overview"].rows} == {"chirchiq"}
    analyst = client_as("analyst").get(reverse("workforce:overview", args=[cluster.slug]))
    assert len({r.district.code for r in analyst.context["overview"].rows}) == 4


def test_it_exports_positions_only_of_the_heads_school(client_as, cluster):
    response = client_as("head").get(
        reverse("workforce:positions", args=[cluster.slug]) + "?export=xlsx"
    )
    assert {r[0] for r in _sheet_rows(response)} == {"CHR-SCH-3"}


def test_it_gives_a_district_official_the_aggregates_of_the_district_only(client_as, cluster):
    """The head of Parkent's education department sees Parkent's aggregates and forecast, but
    no school's positions or staff records."""
    from django.test import Client

    from educluster.accounts.models import RoleAssignment, User
    from educluster.registry.models import Institution

    official = User.objects.create_user("parkent-official", password="x")
    department = Institution.objects.get(code="PAR-MMTB")
    RoleAssignment.objects.create(user=official, role="member_head", institution=department)
    client = Client()
    client.force_login(official)
    overview = client.get(reverse("workforce:overview", args=[cluster.slug]))
    assert {r.district.code for r in overview.context["overview"].rows} == {"parkent"}
    run = ForecastRun.objects.get(cluster=cluster, scenario__is_base=True)
    rows = _sheet_rows(client.get(reverse("workforce:run_export", args=[cluster.slug, run.pk])))
    assert {r[1] for r in rows} == {"Parkent tumani"}
    school_post = _position("PAR-SCH-12", "TEX-1")
    assert client.get(reverse("workforce:position", args=[school_post.pk])).status_code == 404
    positions = client.get(reverse("workforce:positions", args=[cluster.slug]))
    assert positions.context["page"].paginator.count == 0
