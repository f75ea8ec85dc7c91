"""Studies: instruments, classes, pseudonymous pupils' results, and the access log."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from educluster.registry.models import Institution
from educluster.schoollabs import services
from educluster.schoollabs.codes import is_pupil_code, normalize_pupil_code
from educluster.schoollabs.models import (
    Instrument,
    InstrumentItem,
    Pupil,
    PupilDataAccess,
    PupilResult,
    Study,
    StudyGroup,
    Wave,
)


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("CH3A-017", True),
        ("AB-12", True),
        ("ABCDEFGHIJKL-1234", True),
        (" ch3a-017 ", True),  # normalised to capitals
        ("A-12", False),  # prefix too short
        ("CH3A-1", False),  # number too short
        ("CH3A-12345", False),
        ("Aziza-01", True),  # looks like a name once capitalised: the rule says never
        ("Karimova Aziza", False),
        ("CH3A_017", False),
        ("", False),
    ],
)
def test_it_checks_the_pupil_code_format(code, valid):
    assert is_pupil_code(normalize_pupil_code(code)) is valid


def _row(study, code="CH3A-101", group="E1", wave=Wave.PRE, scores=(3, 3, 3, 3, 3)):
    return services.ResultRow(
        code=code, group=study.groups.get(code=group), wave=wave, scores=list(scores)
    )


def test_it_saves_results_with_their_total(study, cast):
    assert services.results_save(actor=cast["faculty"], study=study, rows=[_row(study)]) == 1
    result = PupilResult.objects.get(pupil__code="CH3A-101", wave=Wave.PRE)
    assert result.total == 15 and result.entered_by == cast["faculty"]
    # The same answers again change nothing.
    assert services.results_save(actor=cast["faculty"], study=study, rows=[_row(study)]) == 0


@pytest.mark.parametrize(
    "row",
    [
        {"scores": (3, 3, 3, 3, 6)},  # outside the 1–5 scale
        {"scores": (3, 3, 3)},  # too few answers
        {"wave": Wave.FOLLOW_UP},  # the study has no follow-up
        {"code": "Karimova Aziza"},  # a name is not a code
        {"code": "CH3A-001", "group": "C1"},  # an existing pupil changing class
    ],
)
def test_it_refuses_bad_results_and_writes_nothing(study, cast, row):
    before = PupilResult.objects.count()
    with pytest.raises(ValidationError):
        services.results_save(
            actor=cast["faculty"],
            study=study,
            rows=[_row(study, code="CH3A-102"), _row(study, **row)],
        )
    assert PupilResult.objects.count() == before
    assert not Pupil.objects.filter(code="CH3A-102").exists()


def test_it_reverse_scores_questionnaire_items(cluster, cast, lab_chr):
    questionnaire = Instrument.objects.get(kind=Instrument.Kind.QUESTIONNAIRE)
    study = services.study_save(
        actor=cast["coordinator"],
        study=Study(
            cluster=cluster,
            lab=lab_chr,
            code="QIZIQ-2026",
            title="Qiziqish",
            instrument=questionnaire,
        ),
    )
    group = services.group_save(
        actor=cast["coordinator"],
        group=StudyGroup(
            study=study,
            arm=StudyGroup.Arm.EXPERIMENTAL,
            institution=lab_chr.host,
            class_label="6-A",
        ),
    )
    assert group.code == "E1"
    services.results_save(
        actor=cast["coordinator"],
        study=study,
        rows=[services.ResultRow("CH3A-201", group, Wave.PRE, [5, 5, 1, 5, 5, 1])],
    )
    # Items 3 and 6 are negatively worded: an answer of 1 counts as 5.
    assert PupilResult.objects.get(pupil__study=study).total == 30


def test_it_locks_an_instrument_with_answers(study, cast):
    item = study.instrument.items.first()
    with pytest.raises(ValidationError):
        services.item_save(actor=cast["coordinator"], item=item)
    with pytest.raises(ValidationError):
        services.item_delete(actor=cast["coordinator"], item=item)
    fresh = services.instrument_save(
        actor=cast["coordinator"],
        instrument=Instrument(cluster=study.cluster, name="Yangi rubrika"),
    )
    added = services.item_save(
        actor=cast["coordinator"], item=InstrumentItem(instrument=fresh, title="Kompozitsiya")
    )
    assert added.number == 1


def test_it_refuses_a_class_at_a_non_member(study, cast):
    outside = Institution.objects.create(
        code="X-1", name="Boshqa maktab", kind="general_school", district=study.lab.host.district
    )
    with pytest.raises(ValidationError):
        services.group_save(
            actor=cast["faculty"],
            group=StudyGroup(study=study, arm=0, institution=outside, class_label="5-A"),
        )


def test_it_logs_every_look_at_pupil_data(client_as, study, cast):
    client = client_as("faculty")
    client.get(reverse("schoollabs:results", args=[study.pk]))
    client.get(reverse("schoollabs:results_enter", args=[study.pk]))
    client.get(reverse("schoollabs:data_export", args=[study.pk]))
    entries = list(PupilDataAccess.objects.filter(study=study).order_by("at", "id"))
    assert [e.action for e in entries] == ["view_results", "view_entry", "export_xlsx"]
    assert {e.user for e in entries} == {cast["faculty"]}
    log = client_as("coordinator").get(reverse("schoollabs:access_log", args=[study.cluster.slug]))
    assert log.context["page"].paginator.count == 3
    # The report has no pupil rows and is not pupil-level data.
    client.get(reverse("schoollabs:report", args=[study.pk]))
    assert PupilDataAccess.objects.filter(study=study).count() == 3


def test_it_exports_pupils_by_code_only(client_as, study):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_as("coordinator").get(reverse("schoollabs:data_export", args=[study.pk]))
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) - 1 == PupilResult.objects.filter(pupil__study=study).count()
    codes = {r[5] for r in rows[1:]}
    assert all(is_pupil_code(c) for c in codes)
    people = {p for r in rows[1:] for p in r if isinstance(p, str) and " " in p and "ovna" in p}
    assert not people  # no names anywhere


def test_it_enters_a_class_at_a_wave(client_as, study):
    group = study.groups.get(code="C1")
    url = reverse("schoollabs:results_enter", args=[study.pk])
    client = client_as("faculty")
    page = client.get(url, {"group": group.pk, "wave": 1})
    formset = page.context["formset"]
    data = {
        "rows-TOTAL_FORMS": str(len(formset.forms)),
        "rows-INITIAL_FORMS": str(len(formset.initial_forms)),
    }
    for index, form in enumerate(formset.forms):
        for name in form.fields:
            value = form.initial.get(name, "")
            data[f"rows-{index}-{name}"] = "" if value is None else value
    new = len(formset.initial_forms)
    data |= {f"rows-{new}-code": "ch7b-099", f"rows-{new}-sex": "f"}
    data |= {f"rows-{new}-item_{n}": "4" for n in range(1, 6)}
    response = client.post(f"{url}?group={group.pk}&wave=1", data)
    assert response.status_code == 302, response.context["formset"].errors
    assert PupilResult.objects.get(pupil__code="CH7B-099", wave=Wave.POST).total == 20
    # The pupil who missed the post-test stays without a result.
    assert not PupilResult.objects.filter(pupil__code="CH7B-024", wave=Wave.POST).exists()
    data[f"rows-{new}-item_5"] = "9"
    response = client.post(f"{url}?group={group.pk}&wave=1", data)
    assert response.status_code == 200


def test_it_creates_a_study_through_the_page(client_as, cluster, lab_chr, study):
    response = client_as("faculty").post(
        reverse("schoollabs:study_create", args=[cluster.slug]),
        {
            "title": "Akvarel",
            "code": "akv-2027",
            "lab": lab_chr.pk,
            "instrument": study.instrument.pk,
            "cluster_level": "school",
            "status": "planned",
            "pre_date": "2027-02-01",
            "post_date": "2027-05-01",
        },
    )
    assert response.status_code == 302
    created = Study.objects.get(code="AKV-2027")
    assert created.created_by.username == "faculty"
    # The supervisor of the lab is on the team of its studies, so sees the pupil pages.
    assert (
        client_as("faculty").get(reverse("schoollabs:results", args=[created.pk])).status_code
        == 200
    )
    assert created.pre_date == date(2027, 2, 1)
