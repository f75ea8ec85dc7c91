"""School-Labs and activities: who may host, who supervises, what an activity records."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.core.history import history_entries
from educluster.registry.models import Institution
from educluster.schoollabs import services
from educluster.schoollabs.models import Activity, SchoolLab


def _lab_fields(cluster, host_code: str) -> dict:
    host = Institution.objects.get(code=host_code)
    return {
        "cluster": cluster,
        "host": host,
        "name": "Sinov laboratoriyasi",
        "supervisor": Person.objects.get(user__username="faculty"),
        "school_coordinator": Person.objects.filter(institution=host, kind="teacher").first()
        or Person.objects.filter(kind="teacher").first(),
    }


def test_it_opens_a_lab_at_a_member_school(cluster, cast):
    lab = services.lab_create(
        actor=cast["coordinator"],
        agreement_reference="№ 21, 02.02.2026",
        **_lab_fields(cluster, "BOK-SCH-4"),
    )
    assert lab.status == SchoolLab.Status.ACTIVE
    assert history_entries(lab)[0].who == cast["coordinator"].display_name


@pytest.mark.parametrize("code", ["BOK-MMTB", "CHR-DIZ"])  # a department, an employer
def test_it_refuses_a_host_that_is_not_a_school(cluster, cast, code):
    with pytest.raises(ValidationError) as error:
        services.lab_create(actor=cast["coordinator"], **_lab_fields(cluster, code))
    assert "host" in error.value.message_dict


def test_it_refuses_a_former_member(cluster, cast):
    membership = cluster.memberships.get(institution__code="QIB-SCH-2")
    membership.end_date = date(2024, 1, 1)
    membership.save()
    with pytest.raises(ValidationError) as error:
        services.lab_create(actor=cast["coordinator"], **_lab_fields(cluster, "QIB-SCH-2"))
    assert "host" in error.value.message_dict


def test_it_needs_a_faculty_supervisor_and_a_host_teacher(cluster, cast):
    fields = _lab_fields(cluster, "BOK-SCH-4")
    fields["supervisor"] = Person.objects.get(user__username="student")
    fields["school_coordinator"] = Person.objects.filter(
        kind="teacher", institution__code="PAR-SCH-1"
    ).first()
    with pytest.raises(ValidationError) as error:
        services.lab_create(actor=cast["coordinator"], **fields)
    assert {"supervisor", "school_coordinator"} <= set(error.value.message_dict)


def test_it_records_an_activity_with_participants_and_classes(lab_chr, cast):
    faculty = Person.objects.get(user__username="faculty")
    students = list(Person.objects.filter(kind="student")[:2])
    activity = services.activity_save(
        actor=cast["faculty"],
        activity=Activity(
            lab=lab_chr,
            kind=Activity.Kind.MASTER_CLASS,
            topic="Grafika: linogravyura",
            date=date(2026, 12, 10),
            start_time=time(10),
            end_time=time(11, 30),
        ),
        faculty=[faculty],
        students=students,
        class_counts=[("6-a", 24), ("6-B", 22)],
    )
    assert [c.class_label for c in activity.class_counts.all()] == ["6-A", "6-B"]
    assert set(activity.students.all()) == set(students)
    with pytest.raises(ValidationError):
        services.activity_save(
            actor=cast["faculty"], activity=activity, class_counts=[("6-A", 3), ("6-a", 4)]
        )


def test_it_refuses_a_participant_of_the_wrong_kind(lab_chr, cast):
    with pytest.raises(ValidationError) as error:
        services.activity_save(
            actor=cast["faculty"],
            activity=Activity(lab=lab_chr, kind="observation", topic="x", date=date(2026, 12, 1)),
            students=[Person.objects.get(user__username="faculty")],
        )
    assert "students" in error.value.message_dict


def test_it_creates_an_activity_through_the_page(client_as, lab_chr):
    teacher = lab_chr.school_coordinator
    response = client_as("head").post(
        reverse("schoollabs:activity_create", args=[lab_chr.pk]),
        {
            "kind": "open_lesson",
            "topic": "Qalamtasvir: kub va silindr",
            "date": "2026-12-14",
            "start_time": "09:00",
            "end_time": "09:45",
            "teachers": [teacher.pk],
            "classes-TOTAL_FORMS": "3",
            "classes-INITIAL_FORMS": "0",
            "classes-0-class_label": "7-B",
            "classes-0-pupils": "27",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get(topic="Qalamtasvir: kub va silindr")
    assert activity.class_counts.get().pupils == 27


def test_it_filters_and_exports_activities(client_as, cluster, lab_par):
    from io import BytesIO

    from openpyxl import load_workbook

    url = reverse("schoollabs:activities", args=[cluster.slug])
    page = client_as("coordinator").get(url, {"lab": lab_par.pk, "kind": "exhibition"})
    assert page.context["page"].paginator.count == 1
    export = client_as("analyst").get(url, {"export": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + Activity.objects.filter(cluster=cluster).count()
    # Analysts read aggregates: counts of participants (faculty, students, teachers), no names.
    assert all(isinstance(v, int) for r in rows[1:] for v in r[9:12])


def test_it_draws_a_month_grid(client_as, cluster):
    page = client_as("student").get(
        reverse("schoollabs:calendar", args=[cluster.slug]), {"month": "2026-10"}
    )
    grid = page.context["grid"]
    assert grid.weeks[0][0].day.weekday() == 0  # weeks start on Monday
    placed = [a for week in grid.weeks for d in week for a in d.items]
    assert placed and all(a.date.month == 10 for a in placed)
    assert grid.previous == date(2026, 9, 1) and grid.next == date(2026, 11, 1)


def test_it_links_a_lab_to_an_agreement_its_host_is_party_to(cluster):
    from django.core.exceptions import ValidationError

    from educluster.agreements.models import Agreement
    from educluster.schoollabs.models import SchoolLab

    lab = SchoolLab.objects.get(cluster=cluster, host__code="CHR-SCH-3")
    assert lab.agreement is not None
    assert lab.agreement.parties.filter(institution__code="CHR-SCH-3").exists()
    lab.agreement = (
        Agreement.objects.filter(cluster=cluster)
        .exclude(parties__institution__code="CHR-SCH-3")
        .first()
    )
    with pytest.raises(ValidationError) as error:
        lab.full_clean()
    assert "agreement" in error.value.message_dict
