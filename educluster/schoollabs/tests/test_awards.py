"""Results at a competition recorded on an activity write the learner's competition stage."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from educluster.pathways.models import Learner, Stage
from educluster.schoollabs import services
from educluster.schoollabs.models import Activity, ActivityAward

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibition(lab_par):
    return Activity.objects.filter(lab=lab_par, kind=Activity.Kind.EXHIBITION).first()


@pytest.fixture
def pupil(cluster):
    """A pupil known by code only (no person record), so the award names the pathway."""
    return Learner.objects.filter(cluster=cluster, person__isnull=True).order_by("pk").first()


def _record(cast, activity, learner, award="prize", level="district"):
    return services.activity_award_record(
        actor=cast["coordinator"], activity=activity, learner=learner, award=award, level=level
    )


def test_it_writes_the_competition_stage_with_its_source(cast, exhibition, pupil):
    award = _record(cast, exhibition, pupil)
    stage = Stage.objects.get(source_award=award)
    assert stage.kind == Stage.Kind.COMPETITION
    assert stage.learner == pupil
    assert stage.start_year == exhibition.date.year
    assert stage.institution == exhibition.institution
    assert stage.detail == exhibition.topic
    assert (stage.award, stage.level) == ("prize", "district")
    assert stage.is_automatic and stage.source == award


def test_it_records_a_result_once_and_corrects_it(cast, exhibition, pupil):
    first = _record(cast, exhibition, pupil)
    again = _record(cast, exhibition, pupil, award="winner", level="region")
    assert again.pk == first.pk
    assert ActivityAward.objects.filter(activity=exhibition, learner=pupil).count() == 1
    stages = Stage.objects.filter(source_award=first)
    assert stages.count() == 1
    assert (stages.get().award, stages.get().level) == ("winner", "region")


def test_it_drops_the_stage_with_the_result(cast, exhibition, pupil):
    award = _record(cast, exhibition, pupil)
    pk = award.pk
    assert Stage.objects.filter(source_award_id=pk).exists()
    services.activity_award_delete(actor=cast["coordinator"], row=award)
    assert not Stage.objects.filter(source_award_id=pk).exists()
    assert not ActivityAward.objects.filter(pk=pk).exists()


def test_it_refuses_results_for_a_kind_that_is_no_competition(cast, lab_par, pupil):
    lesson = Activity.objects.filter(lab=lab_par, kind=Activity.Kind.OPEN_LESSON).first()
    with pytest.raises(ValidationError):
        _record(cast, lesson, pupil)
    assert not Stage.objects.filter(source_award__activity=lesson).exists()


def test_it_records_through_the_activity_page(client_as, exhibition, pupil):
    response = client_as("coordinator").post(
        reverse("schoollabs:award_add", args=[exhibition.pk]),
        {"learner": pupil.pk, "award": "winner", "level": "region"},
    )
    assert response.status_code == 302
    award = ActivityAward.objects.get(activity=exhibition, learner=pupil)
    assert Stage.objects.filter(source_award=award, kind="competition").exists()


def test_it_lets_only_the_activitys_managers_record(client_as, exhibition, pupil):
    url = reverse("schoollabs:award_add", args=[exhibition.pk])
    data = {"learner": pupil.pk, "award": "winner", "level": "region"}
    for name in ("student", "mentor", "analyst", "head"):
        # ``head`` heads the Chirchiq school, not Parkent's where this exhibition was.
        assert client_as(name).post(url, data).status_code == 403, name
    assert client_as("outsider").post(url, data).status_code == 404
    assert not ActivityAward.objects.filter(activity=exhibition, learner=pupil).exists()


def test_it_shows_the_stage_on_the_pathway_with_a_link_to_its_activity(
    cast, client_as, exhibition, pupil
):
    _record(cast, exhibition, pupil)
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save()
    page = client_as("coordinator").get(reverse("pathways:learner", args=[pupil.pk]))
    html = page.content.decode()
    assert exhibition.get_absolute_url() in html
    assert "award at an activity" in html
    assert exhibition.topic in html
