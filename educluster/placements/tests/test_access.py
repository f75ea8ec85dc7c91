"""Every placement page, file and export as every member of the cast, the outsider and an
anonymous visitor. Outside a user's scope: 404; inside it but outside the role: 403."""

import pytest
from django.urls import reverse

from educluster.conftest import CAST
from educluster.placements.models import Assignment, GraduateOutcome, Host, PlacementRound

pytestmark = pytest.mark.django_db

MANAGERS = {"coordinator", "admin"}
READERS = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}


def expect(allowed: set[str], *, visible: set[str] | None = None, others: int = 404) -> dict:
    """200 for ``allowed``, 403 for those who see the object but may not do this, else 404
    (``others`` for cluster pages, where being outside the role is a 403)."""
    out = {}
    for name in CAST:
        if name in allowed:
            out[name] = 200
        elif name == "outsider":
            out[name] = 404
        elif name in (visible or set()):
            out[name] = 403
        else:
            out[name] = others
    return out


@pytest.fixture
def demo(cluster):
    practice = PlacementRound.objects.get(cluster=cluster, kind="practice", is_demo=True)
    employment = PlacementRound.objects.get(cluster=cluster, kind="employment", is_demo=True)
    return {
        "practice": practice,
        "employment": employment,
        "head_host": Host.objects.get(round=practice, institution__code="CHR-SCH-3"),
        "mentor_host": Host.objects.get(round=practice, institution__code="PAR-SCH-1"),
        "student_applicant": practice.applicants.get(person__user__username="student"),
        "head_outcome": GraduateOutcome.objects.filter(
            cluster=cluster, institution__code="CHR-SCH-3"
        ).first(),
        "other_outcome": GraduateOutcome.objects.filter(cluster=cluster)
        .exclude(institution__code="CHR-SCH-3")
        .first(),
        "contract": cluster.targeted_contracts.first(),
    }


@pytest.fixture
def pages(cluster, demo):
    slug = cluster.slug
    p, e = demo["practice"].pk, demo["employment"].pk
    hh, mh = demo["head_host"].pk, demo["mentor_host"].pk
    # Who sees each demo round at all: the practice round has the student as an applicant,
    # the head's school and the mentor's school as hosts; analysts see published rounds.
    sees_practice = {"coordinator", "admin", "head", "student", "mentor", "analyst"}
    sees_employment = {"coordinator", "admin", "head", "analyst"}
    managers_of_practice = expect(MANAGERS, visible=sees_practice)
    return [
        (reverse("placements:rounds", args=[slug]), expect(READERS)),
        (reverse("placements:round_create", args=[slug]), expect(MANAGERS, others=403)),
        (reverse("placements:round", args=[p]), expect(sees_practice)),
        (reverse("placements:round", args=[e]), expect(sees_employment)),
        (reverse("placements:round_progress", args=[p]), expect(sees_practice)),
        (reverse("placements:round_edit", args=[p]), managers_of_practice),
        (reverse("placements:round_correct", args=[p]), managers_of_practice),
        (reverse("placements:round_history", args=[p]), managers_of_practice),
        (reverse("placements:results", args=[p]), managers_of_practice),
        (reverse("placements:results", args=[p]) + "?export=xlsx", managers_of_practice),
        (reverse("placements:results", args=[e]), expect(MANAGERS, visible=sees_employment)),
        (reverse("placements:hosts", args=[p]), managers_of_practice),
        (reverse("placements:host_create", args=[p]), managers_of_practice),
        (reverse("placements:applicants", args=[p]), managers_of_practice),
        (
            reverse("placements:applicant", args=[p, demo["student_applicant"].pk]),
            managers_of_practice,
        ),
        # Each host only its own list: the head's school, the mentor's school.
        (reverse("placements:host", args=[p, hh]), expect(MANAGERS | {"head"})),
        (
            reverse("placements:host", args=[p, hh]) + "?export=xlsx",
            expect(MANAGERS | {"head"}),
        ),
        (reverse("placements:host", args=[p, mh]), expect(MANAGERS | {"mentor"})),
        (reverse("placements:host_edit", args=[p, hh]), managers_of_practice),
        # Each applicant only their own list and result.
        (reverse("placements:my_preferences", args=[p]), expect({"student"})),
        (reverse("placements:my_result", args=[p]), expect({"student"})),
        (reverse("placements:my_result", args=[e]), expect(set())),
        (reverse("placements:employment", args=[slug]), expect(READERS)),
        (reverse("placements:employment", args=[slug]) + "?export=xlsx", expect(READERS)),
        (reverse("placements:outcomes", args=[slug]), expect(READERS)),
        (reverse("placements:outcomes", args=[slug]) + "?export=xlsx", expect(READERS)),
        (reverse("placements:outcome_create", args=[slug]), expect(MANAGERS, others=403)),
        (
            reverse("placements:outcome", args=[demo["head_outcome"].pk]),
            expect(MANAGERS | {"head"}),
        ),
        (reverse("placements:outcome", args=[demo["other_outcome"].pk]), expect(MANAGERS)),
        (reverse("placements:contracts", args=[slug]), expect(MANAGERS, others=403)),
        (
            reverse("placements:contracts", args=[slug]) + "?export=xlsx",
            expect(MANAGERS, others=403),
        ),
        (reverse("placements:contract_create", args=[slug]), expect(MANAGERS, others=403)),
        (reverse("placements:contract_edit", args=[demo["contract"].pk]), expect(MANAGERS)),
    ]


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


def test_it_exports_results_as_a_spreadsheet(client_as, demo):
    response = client_as("coordinator").get(
        reverse("placements:results", args=[demo["practice"].pk]) + "?export=xlsx"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    assert sheet.max_row == demo["practice"].applicants.count() + 1


def test_it_shows_each_applicant_only_their_own_result(client_as, demo):
    student = client_as("student")
    page = student.get(reverse("placements:round", args=[demo["practice"].pk])).content.decode()
    assert 'id="my-part"' in page and 'id="round-statistics"' not in page
    mine = Assignment.objects.get(applicant=demo["student_applicant"])
    result = student.get(reverse("placements:my_result", args=[demo["practice"].pk]))
    assert result.context["assignment"] == mine
    assert result.context["reasons"] and result.context["reasons"][0].code == "below_cutoff"
    others = demo["practice"].applicants.exclude(pk=mine.applicant_id).first()
    url = reverse("placements:applicant", args=[demo["practice"].pk, others.pk])
    assert student.get(url).status_code == 403


def test_it_shows_the_analyst_statistics_but_no_names(client_as, demo):
    page = client_as("analyst").get(reverse("placements:round", args=[demo["practice"].pk]))
    text = page.content.decode()
    assert 'id="round-statistics"' in text
    assert demo["student_applicant"].person.full_name not in text


def test_it_refuses_actions_outside_the_role(client_as, demo):
    p = demo["practice"].pk
    posts = [
        reverse("placements:round_run", args=[p]),
        reverse("placements:round_publish", args=[p]),
        reverse("placements:round_second", args=[p]),
        reverse("placements:host_remove", args=[p, demo["head_host"].pk]),
        reverse("placements:applicant_remove", args=[p, demo["student_applicant"].pk]),
    ]
    for url in posts:
        assert client_as("student").post(url).status_code == 403, url
        assert client_as("faculty").post(url).status_code == 404, url
        assert client_as("outsider").post(url).status_code == 404, url
    # The mentor sees the round but ranks for no host; the head ranks only for their own.
    rank = reverse("placements:host_rank", args=[p, demo["mentor_host"].pk])
    assert client_as("mentor").post(rank, {"action": "fill"}).status_code == 403
    assert client_as("head").post(rank, {"action": "fill"}).status_code == 404
    answer = reverse("placements:my_result_respond", args=[p])
    assert client_as("head").post(answer, {"answer": "accept"}).status_code == 404
    confirm = reverse("placements:outcome_confirm", args=[demo["other_outcome"].pk])
    assert client_as("head").post(confirm, {"answer": "confirm"}).status_code == 404
    assert Host.objects.filter(pk=demo["head_host"].pk).exists()
