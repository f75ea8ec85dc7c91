"""The demo cluster's employers' feedback: two or three schools rate the graduates they employ
(from the placements demo's employment records). The demo head's school is left to do it;
schools without a demo account give it without a named user."""

import random

from educluster.accounts.models import Role, RoleAssignment
from educluster.feedback import services
from educluster.feedback.models import COMPETENCES, GraduateFeedback
from educluster.placements.models import GraduateOutcome
from educluster.registry.models import Cluster

SCHOOLS = 3


def load(*, cluster: Cluster) -> None:
    services.competences_seed(cluster=cluster)
    if GraduateFeedback.objects.filter(cluster=cluster, is_demo=True).exists():
        return
    rng = random.Random(f"feedback-{cluster.slug}")
    outcomes = list(
        GraduateOutcome.objects.filter(
            cluster=cluster,
            status=GraduateOutcome.Status.TEACHING_CLUSTER,
            confirmation=GraduateOutcome.Confirmation.CONFIRMED,
        )
        .exclude(institution__code="CHR-SCH-3")
        .select_related("person", "institution", "cluster")
        .order_by("institution__code", "pk")
    )
    heads = {
        r.institution_id: r.user
        for r in RoleAssignment.objects.filter(
            role=Role.MEMBER_HEAD, institution_id__in={o.institution_id for o in outcomes}
        ).select_related("user")
    }
    schools = sorted({i for o in outcomes if (i := o.institution_id)})[:SCHOOLS]
    for outcome in outcomes:
        if outcome.institution_id not in schools:
            continue
        weak = rng.choice([code for code, _name in COMPETENCES])
        ratings = {
            code: (rng.choice([2, 3]) if code == weak else rng.choice([3, 4, 4, 5]))
            for code, _name in COMPETENCES
        }
        services.feedback_record(
            given_by=heads.get(outcome.institution_id),
            outcome=outcome,
            ratings=ratings,
            comment="",
            is_demo=True,
        )
