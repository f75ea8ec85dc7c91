"""The demo shows a competition stage written from a result at a lab-less university event."""

import pytest
from django.urls import reverse

from educluster.pathways.models import Stage
from educluster.schoollabs.models import ActivityAward

pytestmark = pytest.mark.django_db


def test_it_shows_the_demo_students_competition_stage_from_the_exhibition(cast, client_as):
    award = ActivityAward.objects.select_related("activity", "learner").get(
        learner__person__user__username="student"
    )
    activity = award.activity
    assert activity.lab is None and activity.institution.code == "CHDPI-TSA"
    stage = Stage.objects.get(source_award=award)
    assert stage.kind == Stage.Kind.COMPETITION and stage.institution == activity.institution
    cast["student"].preferred_language = "en"
    cast["student"].save()
    for name in ("coordinator", "student"):
        page = client_as(name).get(reverse("pathways:learner", args=[award.learner_id]))
        assert page.status_code == 200, name
        assert activity.get_absolute_url() in page.content.decode(), name
