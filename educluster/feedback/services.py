"""Workflows of employers' feedback: seed the competences, give a feedback, correct it."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from educluster.feedback.models import (
    COMPETENCES,
    RATING_MAX,
    RATING_MIN,
    Competence,
    CompetenceRating,
    GraduateFeedback,
)
from educluster.placements.models import GraduateOutcome
from educluster.registry.models import Cluster


def competences_seed(*, cluster: Cluster) -> list[Competence]:
    """The cluster's fixed list of competences, created once (idempotent)."""
    with transaction.atomic():
        Competence.objects.bulk_create(
            [
                Competence(cluster=cluster, code=code, order=i)
                for i, (code, _name) in enumerate(COMPETENCES)
            ],
            ignore_conflicts=True,
        )
    return list(Competence.objects.filter(cluster=cluster))


def feedback_give(
    *,
    actor: Any,
    outcome: GraduateOutcome,
    ratings: dict[str, Any],
    comment: str = "",
    is_demo: bool = False,
) -> GraduateFeedback:
    """The employer's feedback on one graduate: every competence rated 1–5, all or nothing.

    Only the head or faculty of the institution where the employment record says the graduate
    works may give it, once per employer and record.
    """
    if not actor.has_perm("feedback.give", outcome):
        raise PermissionDenied(_("Only the graduate's employer can give this feedback."))
    return feedback_record(
        outcome=outcome, ratings=ratings, comment=comment, given_by=actor, is_demo=is_demo
    )


def _validated(competences: list[Competence], ratings: dict[str, Any]) -> dict[str, int]:
    """Every competence's rating as an integer 1–5, or a ValidationError naming each bad one."""
    errors: dict[str, str] = {}
    values: dict[str, int] = {}
    for competence in competences:
        raw = ratings.get(competence.code)
        try:
            value = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = 0
        if not RATING_MIN <= value <= RATING_MAX:
            errors[competence.code] = _("%(name)s: give a rating from %(lo)d to %(hi)d.") % {
                "name": competence.name,
                "lo": RATING_MIN,
                "hi": RATING_MAX,
            }
        values[competence.code] = value
    if errors:
        raise ValidationError(errors)
    return values


def feedback_record(
    *,
    outcome: GraduateOutcome,
    ratings: dict[str, Any],
    comment: str = "",
    given_by: Any = None,
    is_demo: bool = False,
) -> GraduateFeedback:
    """Validate and write one employer's feedback (access is checked by ``feedback_give``;
    the demo calls this directly for schools that have no account)."""
    if outcome.status != GraduateOutcome.Status.TEACHING_CLUSTER or (
        outcome.confirmation == GraduateOutcome.Confirmation.DISPUTED
    ):
        raise ValidationError(_("This graduate is not recorded as teaching at your school."))
    competences = competences_seed(cluster=outcome.cluster)
    values = _validated(competences, ratings)
    with transaction.atomic():
        locked = GraduateOutcome.objects.select_for_update().get(pk=outcome.pk)
        if GraduateFeedback.objects.filter(
            employer_id=locked.institution_id, outcome=locked
        ).exists():
            raise ValidationError(_("Your school has already given feedback on this graduate."))
        assert locked.institution is not None
        feedback = GraduateFeedback.objects.create(
            cluster=locked.cluster,
            employer=locked.institution,
            outcome=locked,
            programme=locked.person.programme or locked.programme,
            cohort_year=locked.graduation_year,
            comment=(comment or "").strip(),
            given_by=given_by,
            given_at=timezone.now(),
            is_demo=is_demo,
        )
        # With their history rows, so the History tab shows the ratings as first given.
        bulk_create_with_history(
            [
                CompetenceRating(feedback=feedback, competence=c, rating=values[c.code])
                for c in competences
            ],
            CompetenceRating,
            default_user=given_by,
        )
    return feedback


def feedback_change(
    *, actor: Any, feedback: GraduateFeedback, ratings: dict[str, Any], comment: str = ""
) -> GraduateFeedback:
    """The employer corrects its feedback: every competence rated 1–5 again, all or nothing.
    Only the ratings and the comment that differ are saved, so the History tab lists what
    changed."""
    if not actor.has_perm("feedback.change", feedback):
        raise PermissionDenied(_("Only the graduate's employer can change this feedback."))
    competences = competences_seed(cluster=feedback.cluster)
    values = _validated(competences, ratings)
    with transaction.atomic():
        locked = GraduateFeedback.objects.select_for_update().get(pk=feedback.pk)
        current = {r.competence_id: r for r in locked.ratings.all()}
        for competence in competences:
            row = current.get(competence.pk)
            if row is None:
                CompetenceRating.objects.create(
                    feedback=locked, competence=competence, rating=values[competence.code]
                )
            elif row.rating != values[competence.code]:
                row.rating = values[competence.code]
                row.save(update_fields=["rating"])
        comment = (comment or "").strip()
        if locked.comment != comment:
            locked.comment = comment
            locked.save(update_fields=["comment"])
    return locked
