"""Every School-Lab page, file and export as every member of the cast, the outsider and an
anonymous visitor. Outside a user's scope an object is not found (404); an action outside the
role is refused (403); the outsider gets 404 everywhere."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from educluster.conftest import CAST
from educluster.schoollabs import services

READERS = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}
COORDINATORS = {"coordinator", "admin"}
CHR_MANAGERS = COORDINATORS | {"head", "faculty"}  # the host's head and the lab's supervisor
MEMBERS = READERS - {"analyst"}  # people of member institutions: names and photos
STUDY_READERS = COORDINATORS | {"analyst", "faculty", "head"}  # aggregates
PUPIL_DATA = {"coordinator", "faculty"}  # the team and the coordinator — not the admin
STUDY_CREATORS = COORDINATORS | {"faculty"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def expect(
    allowed: set[str], *, others: int = 403, hidden: frozenset[str] | set[str] = frozenset()
) -> dict:
    """200 for ``allowed``; 404 for the outsider and ``hidden``; ``others`` for the rest."""
    return {
        name: 200 if name in allowed else (404 if name == "outsider" or name in hidden else others)
        for name in CAST
    }


@pytest.fixture
def evidence(activity, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    return services.activity_file_add(
        actor=cast["coordinator"], activity=activity, upload=upload, caption="Dars"
    )


@pytest.fixture
def pages(
    cluster,
    lab_chr,
    lab_par,
    study,
    own_placement,
    chr_placement,
    activity,
    evidence,
    returned_log,
    monkeypatch,
):
    # The PDF itself is tested elsewhere; here only who gets it matters.
    monkeypatch.setattr("educluster.schoollabs.views.report.render_pdf", lambda *a: b"%PDF-")
    slug = cluster.slug
    term = cluster.lab_terms.first()
    instrument = study.instrument
    item = instrument.items.first()
    group = study.groups.first()
    own = own_placement
    r = reverse
    return [
        (r("schoollabs:labs", args=[slug]), expect(READERS)),
        (r("schoollabs:lab_create", args=[slug]), expect(COORDINATORS)),
        (r("schoollabs:terms", args=[slug]), expect(COORDINATORS)),
        (r("schoollabs:term_edit", args=[slug, term.pk]), expect(COORDINATORS)),
        (r("schoollabs:lab", args=[lab_chr.pk]), expect(READERS)),
        (r("schoollabs:lab_edit", args=[lab_chr.pk]), expect(CHR_MANAGERS)),
        (r("schoollabs:lab_edit", args=[lab_par.pk]), expect(COORDINATORS)),
        (r("schoollabs:lab_history", args=[lab_chr.pk]), expect(READERS)),
        (r("schoollabs:lab_ical", args=[lab_chr.pk]), expect(READERS)),
        (r("schoollabs:activities", args=[slug]), expect(READERS)),
        (r("schoollabs:activities", args=[slug]) + "?export=xlsx", expect(READERS)),
        (r("schoollabs:calendar", args=[slug]), expect(READERS)),
        (
            r("schoollabs:calendar", args=[slug]) + f"?month=2026-10&lab={lab_par.pk}",
            expect(READERS),
        ),
        (r("schoollabs:activity_create", args=[lab_chr.pk]), expect(CHR_MANAGERS)),
        (r("schoollabs:activity", args=[activity.pk]), expect(READERS)),
        (r("schoollabs:activity_edit", args=[activity.pk]), expect(CHR_MANAGERS)),
        (r("schoollabs:activity_history", args=[activity.pk]), expect(READERS)),
        (r("schoollabs:evidence", args=[activity.pk, evidence.pk]), expect(MEMBERS)),
        (r("schoollabs:practice", args=[slug]), expect(READERS)),
        (r("schoollabs:placement_create", args=[lab_chr.pk]), expect(CHR_MANAGERS)),
        (
            r("schoollabs:placement", args=[own.pk]),
            expect(COORDINATORS | {"student", "mentor"}, others=404),
        ),
        (
            r("schoollabs:placement_history", args=[own.pk]),
            expect(COORDINATORS | {"student", "mentor"}, others=404),
        ),
        (
            r("schoollabs:placement", args=[chr_placement.pk]),
            expect(CHR_MANAGERS, others=404),
        ),
        (
            r("schoollabs:placement_edit", args=[own.pk]),
            expect(COORDINATORS, hidden={"head", "faculty", "analyst"}),
        ),
        (
            r("schoollabs:hours_create", args=[own.pk]),
            expect({"student"}, hidden={"head", "faculty", "analyst"}),
        ),
        (
            r("schoollabs:hours_edit", args=[own.pk, returned_log.pk]),
            expect({"student"}, hidden={"head", "faculty", "analyst"}),
        ),
        (
            r("schoollabs:evaluation", args=[own.pk]),
            expect({"mentor"}, hidden={"head", "faculty", "analyst"}),
        ),
        (
            r("schoollabs:trainee", args=[own.student_id]),
            expect(COORDINATORS | {"student", "mentor"}, others=404),
        ),
        (r("schoollabs:studies", args=[slug]), expect(STUDY_READERS)),
        (r("schoollabs:study_create", args=[slug]), expect(STUDY_CREATORS)),
        (r("schoollabs:access_log", args=[slug]), expect(COORDINATORS)),
        (r("schoollabs:instruments", args=[slug]), expect(READERS)),
        (r("schoollabs:instrument_create", args=[slug]), expect(STUDY_CREATORS)),
        (r("schoollabs:instrument", args=[instrument.pk]), expect(READERS)),
        (r("schoollabs:instrument_history", args=[instrument.pk]), expect(READERS)),
        (r("schoollabs:instrument_edit", args=[instrument.pk]), expect(STUDY_CREATORS)),
        (r("schoollabs:item_create", args=[instrument.pk]), expect(STUDY_CREATORS)),
        (r("schoollabs:item_edit", args=[instrument.pk, item.pk]), expect(STUDY_CREATORS)),
        (
            r("schoollabs:study", args=[study.pk]),
            expect(STUDY_READERS, hidden={"student", "mentor"}),
        ),
        (
            r("schoollabs:report", args=[study.pk]),
            expect(STUDY_READERS, hidden={"student", "mentor"}),
        ),
        (
            r("schoollabs:report_pdf", args=[study.pk]),
            expect(STUDY_READERS, hidden={"student", "mentor"}),
        ),
        # Pupil-level data: the study team and the cluster's coordinator only.
        *[
            (r(name, args=[study.pk]), expect(PUPIL_DATA, hidden={"student", "mentor"}))
            for name in (
                "schoollabs:study_edit",
                "schoollabs:study_history",
                "schoollabs:group_create",
                "schoollabs:results",
                "schoollabs:results_enter",
                "schoollabs:data_export",
            )
        ],
        (
            r("schoollabs:group_edit", args=[study.pk, group.pk]),
            expect(PUPIL_DATA, hidden={"student", "mentor"}),
        ),
        # The shared import pages ask ``has_perm``, which a superuser always passes; the import
        # itself only accepts studies whose team the uploader is on (see test_import).
        (r("imports:start", args=[slug, "pupil-results"]), expect(PUPIL_DATA | {"admin"})),
        (
            r("imports:template", args=[slug, "pupil-results", "xlsx"]),
            expect(PUPIL_DATA | {"admin"}),
        ),
        (
            r("imports:template", args=[slug, "pupil-results", "csv"]),
            expect(PUPIL_DATA | {"admin"}),
        ),
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


def test_it_refuses_posts_outside_the_role(
    client_as, cluster, study, own_placement, submitted_log, activity, evidence, lab_chr
):
    r = reverse
    posts = {
        r("schoollabs:hours_decide", args=[own_placement.pk, submitted_log.pk]): {
            "student": 403,
            "coordinator": 403,
            "faculty": 404,
        },
        r("schoollabs:activity_delete", args=[activity.pk]): {"student": 403, "analyst": 403},
        r("schoollabs:evidence_delete", args=[activity.pk, evidence.pk]): {
            "student": 403,
            "analyst": 403,
        },
        r("schoollabs:evidence_add", args=[activity.pk]): {"mentor": 403},
        r("schoollabs:group_delete", args=[study.pk, study.groups.first().pk]): {
            "admin": 403,
            "head": 403,
            "student": 404,
        },
        r(
            "schoollabs:item_delete", args=[study.instrument.pk, study.instrument.items.first().pk]
        ): {
            "head": 403,
            "student": 403,
        },
    }
    for url, expected in posts.items():
        for name, status in (expected | {"outsider": 404}).items():
            assert client_as(name).post(url).status_code == status, (name, url)
    submitted_log.refresh_from_db()
    assert submitted_log.status == "submitted"
    assert activity.files.filter(pk=evidence.pk).exists()


def test_it_shows_no_participant_names_to_analysts(client_as, activity):
    name = activity.faculty.first().full_name
    url = reverse("schoollabs:activity", args=[activity.pk])
    assert name in client_as("coordinator").get(url).content.decode()
    assert name not in client_as("analyst").get(url).content.decode()


def test_it_hides_pupil_codes_from_the_report(client_as, study):
    html = client_as("analyst").get(reverse("schoollabs:report", args=[study.pk])).content
    assert b"CH3A-0" not in html and b"CH7B-0" not in html
