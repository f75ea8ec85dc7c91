"""Pathways: pupils only with consent and by code, enrolment, stages, and the indicators."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from educluster.accounts.models import Person
from educluster.pathways import selectors, services
from educluster.pathways.models import Learner, Stage
from educluster.registry import services as registry
from educluster.registry.models import Institution

pytestmark = pytest.mark.django_db
YEAR = 2033  # far from the demo's years, so the indicator rows below are the test's own


@pytest.fixture
def coordinator(cast):
    return cast["coordinator"]


def _pupil(cluster, coordinator, code, **fields) -> Learner:
    fields.setdefault("consent_by", Learner.ConsentBy.PARENT)
    fields.setdefault("consent_on", date(2030, 9, 1))
    return services.learner_create(actor=coordinator, cluster=cluster, pupil_code=code, **fields)


def _stage(coordinator, learner, kind, year, code=None, **fields) -> Stage:
    institution = Institution.objects.get(code=code) if code else None
    return services.stage_save(
        actor=coordinator,
        stage=Stage(learner=learner, kind=kind, start_year=year, institution=institution, **fields),
    )


def test_it_records_a_pupil_only_with_consent_and_by_code(cluster, coordinator):
    with pytest.raises(ValidationError, match="consent"):
        services.learner_create(actor=coordinator, cluster=cluster, pupil_code="PAR-1")
    with pytest.raises(ValidationError, match="pupil code"):
        services.learner_create(
            actor=coordinator,
            cluster=cluster,
            consent_by=Learner.ConsentBy.PARENT,
            consent_on=date(2030, 9, 1),
        )
    assert not Learner.objects.filter(pupil_code="PAR-1").exists()
    pupil = _pupil(cluster, coordinator, "par-dmsm-1-2030-001", sex="f", birth_year=2016)
    assert pupil.pupil_code == "PAR-DMSM-1-2030-001" and str(pupil) == pupil.pupil_code
    with pytest.raises(ValidationError):
        _pupil(cluster, coordinator, "PAR-DMSM-1-2030-001")


def test_it_links_a_pupil_to_their_person_record_when_they_enrol(cluster, coordinator, cast):
    pupil = _pupil(cluster, coordinator, "QIB-2030-7")
    student = cast["student"].person
    existing = Learner.objects.filter(cluster=cluster, person=student).first()
    if existing is not None:  # the demo gives the student a pathway already
        with pytest.raises(ValidationError, match="already has"):
            services.learner_enrol(actor=coordinator, learner=pupil, person=student)
        existing.delete()
    services.learner_enrol(actor=coordinator, learner=pupil, person=student)
    assert str(pupil) == student.full_name and not pupil.is_pupil
    with pytest.raises(ValidationError, match="already belongs"):
        services.learner_enrol(actor=coordinator, learner=pupil, person=student)


def test_it_refuses_people_and_institutions_outside_the_cluster(cluster, coordinator):
    school = Institution.objects.get(code="CHR-SCH-3")
    stranger_school = registry.institution_create(
        actor=coordinator, name="Andijon 1-maktab", kind="general_school", district=school.district
    )
    stranger = Person.objects.create(
        full_name="Begona Shaxs", kind="teacher", institution=stranger_school
    )
    with pytest.raises(ValidationError, match="not at an institution"):
        services.learner_create(actor=coordinator, cluster=cluster, person=stranger)
    pupil = _pupil(cluster, coordinator, "CHR-2030-1")
    with pytest.raises(ValidationError, match="not a member"):
        services.stage_save(
            actor=coordinator,
            stage=Stage(
                learner=pupil, kind=Stage.Kind.SCHOOL, start_year=2030, institution=stranger_school
            ),
        )
    # Outside the cluster it is named instead.
    _stage(coordinator, pupil, Stage.Kind.SCHOOL, 2030, institution_name="Andijon 1-maktab")


def test_it_checks_each_stage(cluster, coordinator):
    pupil = _pupil(cluster, coordinator, "BOK-2030-2")
    with pytest.raises(ValidationError, match="result"):
        _stage(coordinator, pupil, Stage.Kind.COMPETITION, 2030, detail="Tanlov")
    with pytest.raises(ValidationError, match="Only a competition"):
        _stage(coordinator, pupil, Stage.Kind.SCHOOL, 2030, "BOK-SCH-4", award="winner")
    with pytest.raises(ValidationError, match="institution"):
        _stage(coordinator, pupil, Stage.Kind.ART_SCHOOL, 2030)
    with pytest.raises(ValidationError, match="before the start"):
        _stage(coordinator, pupil, Stage.Kind.ART_SCHOOL, 2030, "BOK-DMSM-1", end_year=2029)
    assert not pupil.stages.exists()


def test_it_deletes_a_pupils_pathway_when_consent_is_withdrawn(cluster, coordinator):
    pupil = _pupil(cluster, coordinator, "PAR-2030-9")
    _stage(coordinator, pupil, Stage.Kind.ART_SCHOOL, 2030, "PAR-DMSM-1")
    services.learner_withdraw(actor=coordinator, learner=pupil)
    assert not Learner.objects.filter(pupil_code="PAR-2030-9").exists()
    assert not Stage.objects.filter(learner_id=pupil.pk).exists()


def test_it_computes_the_three_continuity_indicators(cluster, coordinator, cast):
    department = "CHDPI-TSA"
    # A pupil of a cluster art school wins a prize, enrols, graduates and teaches here.
    home = _pupil(cluster, coordinator, "T-1")
    _stage(coordinator, home, Stage.Kind.ART_SCHOOL, YEAR - 10, "PAR-DMSM-1")
    _stage(coordinator, home, Stage.Kind.COMPETITION, YEAR - 6, detail="Tanlov", award="winner")
    _stage(coordinator, home, Stage.Kind.COMPETITION, YEAR - 5, detail="Tanlov", award="prize")
    _stage(coordinator, home, Stage.Kind.ADMISSION, YEAR - 4, department)
    _stage(coordinator, home, Stage.Kind.GRADUATION, YEAR, department)
    _stage(coordinator, home, Stage.Kind.EMPLOYMENT, YEAR, "BOK-SCH-4")
    # A teacher trained elsewhere.
    away = _pupil(cluster, coordinator, "T-2")
    _stage(coordinator, away, Stage.Kind.GRADUATION, YEAR, institution_name="TDPU")
    _stage(coordinator, away, Stage.Kind.EMPLOYMENT, YEAR, "QIB-SCH-2")
    # A prize-winner who has not enrolled; a participant, who does not count.
    _stage(
        coordinator,
        _pupil(cluster, coordinator, "T-3"),
        Stage.Kind.COMPETITION,
        YEAR - 6,
        detail="Tanlov",
        award="prize",
    )
    _stage(
        coordinator,
        _pupil(cluster, coordinator, "T-4"),
        Stage.Kind.COMPETITION,
        YEAR - 6,
        detail="Tanlov",
        award="participant",
    )
    # Admitted from a school outside the cluster, and from a cluster general school.
    outside = _pupil(cluster, coordinator, "T-5")
    _stage(coordinator, outside, Stage.Kind.SCHOOL, YEAR - 15, institution_name="Toshkent 1-maktab")
    _stage(coordinator, outside, Stage.Kind.ADMISSION, YEAR - 4, department)
    school = _pupil(cluster, coordinator, "T-6")
    _stage(coordinator, school, Stage.Kind.SCHOOL, YEAR - 15, "CHR-SCH-7")
    _stage(coordinator, school, Stage.Kind.ADMISSION, YEAR - 4, department)

    rows = {r.year: r for r in selectors.continuity_indicators(cluster).rows}
    assert (rows[YEAR].new_teachers, rows[YEAR].new_teachers_trained_here) == (2, 1)
    assert rows[YEAR].share_teachers_trained_here == 0.5
    admitted = rows[YEAR - 4]
    assert (
        admitted.admitted,
        admitted.admitted_from_schools,
        admitted.admitted_from_art_schools,
    ) == (
        3,
        2,
        1,
    )
    talent = rows[YEAR - 6]
    assert (talent.talents, talent.talents_enrolled) == (2, 1)
    assert rows.get(YEAR - 5) is None or rows[YEAR - 5].talents == 0
