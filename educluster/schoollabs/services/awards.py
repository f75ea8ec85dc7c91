"""Results at a competition or exhibition recorded on the activity; each writes the
competition stage to the learner's pathway."""

from typing import Any

from django.db import transaction

from educluster.pathways.models import Learner
from educluster.pathways.services import pathway_forget_source, pathway_record_stage
from educluster.schoollabs.models import Activity, ActivityAward

from ._common import delete, save


@transaction.atomic
def activity_award_record(
    *, actor: Any, activity: Activity, learner: Learner, award: str, level: str
) -> ActivityAward:
    """Record (or correct) a learner's result at the activity and their competition stage."""
    row = ActivityAward.objects.filter(activity=activity, learner=learner).first()
    if row is None:
        row = ActivityAward(activity=activity, learner=learner, recorded_by=actor)
    row.award, row.level = award, level
    save(row, actor)
    pathway_record_stage(
        cluster=activity.cluster,
        person=learner.person,
        learner=learner,
        kind="competition",
        year=activity.date.year,
        source=row,
        institution=activity.institution,
        detail=activity.topic,
        award=award,
        level=level,
        actor=actor,
    )
    return row


@transaction.atomic
def activity_award_delete(*, actor: Any, row: ActivityAward) -> None:
    pathway_forget_source(source=row, actor=actor)
    delete(row, actor)
