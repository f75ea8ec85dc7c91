"""Workflows of the effectiveness app: recomputing a period's indicator values, entering a
manual value with evidence, and starting and executing an index run."""

import secrets
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from educluster.effectiveness import scoring
from educluster.effectiveness.indicators import Context, Period, calculators
from educluster.effectiveness.models import (
    IndexRun,
    IndexScore,
    IndicatorDefinition,
    IndicatorValue,
    SelfAssessment,
    parse_academic_year,
    period_dates,
)
from educluster.engines.effectiveness import ENGINE_VERSION, EffectivenessInputError
from educluster.registry.models import Cluster, Institution, Membership

BATCH = 2000
POLICIES = {"renormalise", "zero", "exclude_unit"}
FOUR = Decimal("0.0001")


def period_of(year: str, term: str = "") -> Period:
    start, end = period_dates(year, term)
    return Period(year=year, term=term, start=start, end=end, first_year=parse_academic_year(year))


def period_members(cluster: Cluster, period: Period) -> dict[int, str]:
    """Institution id -> kind of the members whose membership overlaps the period. One query."""
    return dict(
        Membership.objects.filter(cluster=cluster, start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=period.start))
        .values_list("institution_id", "institution__kind")
    )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(float(value), 4))).quantize(FOUR)


@transaction.atomic
def indicator_values_compute(
    *,
    cluster: Cluster,
    year: str,
    term: str = "",
    today: date | None = None,
    actor: Any = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Run every calculator for the cluster and period and store the computed values (history
    records each change). A member of a kind the indicator applies to, for which the data give
    no value, gets a stored empty value ("no data"). Returns the number of values stored.

    Queries: one per calculator (a constant few each) plus a constant number to read and write
    the values, whatever the number of members.
    """
    period = period_of(year, term)
    members = period_members(cluster, period)
    ctx = Context(
        cluster=cluster, period=period, members=members, today=today or timezone.localdate()
    )
    definitions = {
        d.code: d
        for d in IndicatorDefinition.objects.filter(
            is_active=True, source=IndicatorDefinition.Source.COMPUTED
        )
    }
    now = timezone.now()
    wanted: dict[tuple[int, int | None], tuple[Decimal | None, dict]] = {}
    found = calculators()
    for step, (codes, function) in enumerate(found, start=1):
        figures = function(ctx)
        for code in codes:
            definition = definitions.get(code)
            if definition is None:
                continue
            got = figures.get(code, {})
            if definition.level == IndicatorDefinition.Level.CLUSTER:
                figure = got.get(None)
                wanted[(definition.pk, None)] = (
                    _decimal(figure.value) if figure else None,
                    figure.detail if figure else {},
                )
                continue
            for member, kind in members.items():
                if not definition.applies_to(kind):
                    continue
                figure = got.get(member)
                wanted[(definition.pk, member)] = (
                    _decimal(figure.value) if figure else None,
                    figure.detail if figure else {},
                )
        if progress:
            progress(5 + 60 * step // len(found))
    existing: dict[tuple[int, int | None], IndicatorValue] = {
        (v.definition_id, v.institution_id): v
        for v in IndicatorValue.objects.filter(
            cluster=cluster,
            year=year,
            term=term,
            definition_id__in=[d.pk for d in definitions.values()],
        )
    }
    create, update = [], []
    for (definition_id, key), (value, detail) in wanted.items():
        row = existing.pop((definition_id, key), None)
        if row is None:
            create.append(
                IndicatorValue(
                    definition_id=definition_id,
                    cluster=cluster,
                    institution_id=key,
                    year=year,
                    term=term,
                    value=value,
                    detail=detail,
                    computed_at=now,
                    is_demo=cluster.is_demo,
                )
            )
        elif row.value != value or row.detail != detail:
            row.value, row.detail, row.computed_at = value, detail, now
            update.append(row)
    # Values of members who left, or of indicators no longer computed for them: no data now.
    for row in existing.values():
        if row.value is not None:
            row.value, row.detail, row.computed_at = None, {}, now
            update.append(row)
    user = actor if getattr(actor, "pk", None) else None
    bulk_create_with_history(create, IndicatorValue, batch_size=BATCH, default_user=user)
    if update:
        bulk_update_with_history(
            update,
            IndicatorValue,
            ["value", "detail", "computed_at"],
            batch_size=BATCH,
            default_user=user,
        )
    # Values that did not change keep their rows; they were recomputed now all the same.
    IndicatorValue.objects.filter(
        cluster=cluster, year=year, term=term, definition__source="computed"
    ).update(computed_at=now)
    return len(wanted)


@transaction.atomic
def indicator_value_enter(
    *,
    actor: Any,
    cluster: Cluster,
    definition: IndicatorDefinition,
    institution: Institution | None,
    year: str,
    term: str = "",
    value: Decimal | None,
    note: str = "",
    evidence: Any = None,
) -> IndicatorValue:
    """Enter (or correct) a manual indicator value with its evidence: a file or a note is
    required. History keeps every previous value with who entered it and when."""
    if not actor.has_perm("effectiveness.manage", cluster):
        raise PermissionDenied
    if definition.source != IndicatorDefinition.Source.MANUAL:
        raise ValidationError({"definition": _("This indicator is computed from data.")})
    parse_academic_year(year)
    if definition.level == IndicatorDefinition.Level.CLUSTER:
        if institution is not None:
            raise ValidationError({"institution": _("This indicator is for the whole cluster.")})
    else:
        if institution is None:
            raise ValidationError({"institution": _("Choose the member this value is for.")})
        if not Membership.objects.filter(cluster=cluster, institution=institution).exists():
            raise ValidationError(
                {"institution": _("The institution is not a member of the cluster.")}
            )
        if not definition.applies_to(institution.kind):
            raise ValidationError(
                {"institution": _("This indicator does not apply to this kind of member.")}
            )
    row = IndicatorValue.objects.filter(
        definition=definition, cluster=cluster, institution=institution, year=year, term=term
    ).first() or IndicatorValue(
        definition=definition, cluster=cluster, institution=institution, year=year, term=term
    )
    if not (note or "").strip() and not evidence and not row.evidence:
        raise ValidationError({"note": _("Give the evidence: attach a file or describe it.")})
    row.value = value
    row.note = (note or "").strip()
    if evidence:
        row.evidence = evidence
    row.entered_by = actor
    row.entered_at = timezone.now()
    row.detail = {"source": "manual"}
    row._history_user = actor  # type: ignore[attr-defined]
    row.full_clean()
    row.save()
    return row


def _policy(method: str, min_coverage: float) -> dict[str, Any]:
    if method not in POLICIES:
        raise ValidationError({"policy": _("Unknown missing-value policy.")})
    if not 0 <= min_coverage <= 1:
        raise ValidationError({"min_coverage": _("The minimum coverage is between 0 and 1.")})
    return {"method": method, "min_coverage": min_coverage if method == "exclude_unit" else 0.0}


def index_run_start(
    *,
    actor: Any,
    cluster: Cluster,
    year: str,
    term: str = "",
    method: str = "renormalise",
    min_coverage: float = 0.0,
    seed: int | None = None,
    enqueue: bool = True,
) -> IndexRun:
    """Queue a recomputation of the period's values and the index. Nothing is written when the
    period or the policy is invalid."""
    if actor is not None and not actor.has_perm("effectiveness.manage", cluster):
        raise PermissionDenied
    parse_academic_year(year)
    if term not in ("", "1", "2"):
        raise ValidationError({"term": _("The term is 1 or 2.")})
    policy = _policy(method, min_coverage)
    with transaction.atomic():
        run = IndexRun.objects.create(
            cluster=cluster,
            year=year,
            term=term,
            policy={**policy, "seed": secrets.randbelow(2**31) if seed is None else seed},
            engine_version=ENGINE_VERSION,
            created_by=actor if getattr(actor, "pk", None) else None,
            is_demo=cluster.is_demo,
        )
        if enqueue:
            from educluster.effectiveness.tasks import recompute_task

            run_id = run.pk
            transaction.on_commit(lambda: recompute_task.enqueue(run_id))
    return run


def _progress(run_id: int, percent: int) -> None:
    IndexRun.objects.filter(pk=run_id).update(progress=percent)


def index_run_execute(*, run_id: int, today: date | None = None) -> IndexRun:
    """Recompute the period's values, then score members and cluster with the engine and store
    inputs, weights, results and scores. Safe to run twice: only the worker that moves the run
    from queued to running computes it."""
    claimed = IndexRun.objects.filter(pk=run_id, status=IndexRun.Status.QUEUED).update(
        status=IndexRun.Status.RUNNING, progress=5
    )
    run = IndexRun.objects.select_related("cluster").get(pk=run_id)
    if not claimed:
        return run
    try:
        indicator_values_compute(
            cluster=run.cluster,
            year=run.year,
            term=run.term,
            today=today,
            actor=run.created_by,
            progress=lambda p: _progress(run_id, p),
        )
        _score(run)
    except (EffectivenessInputError, ValidationError) as error:
        _fail(run, _("The index could not be computed: %(error)s") % {"error": error})
    except Exception as error:  # the run must not stay "computing" forever
        _fail(run, _("The recomputation failed: %(error)s") % {"error": error})
    return run


def _score(run: IndexRun) -> None:
    period = period_of(run.year, run.term)
    members = period_members(run.cluster, period)
    defs = list(IndicatorDefinition.objects.filter(is_active=True))
    values = {
        (code, member): value
        for code, member, value in IndicatorValue.objects.filter(
            cluster=run.cluster, year=run.year, term=run.term, definition__is_active=True
        ).values_list("definition__code", "institution_id", "value")
    }

    def plain(d: IndicatorDefinition) -> dict[str, Any]:
        return {
            "code": d.code,
            "kinds": list(d.kinds),
            "direction": d.direction,
            "weight": float(d.weight),
            "target": float(d.target),
        }

    inputs = scoring.build_inputs(
        member_defs=[plain(d) for d in defs if d.level == IndicatorDefinition.Level.MEMBER],
        cluster_defs=[plain(d) for d in defs if d.level == IndicatorDefinition.Level.CLUSTER],
        members=members,
        values={k: None if v is None else float(v) for k, v in values.items()},
        policy={"method": run.policy["method"], "min_coverage": run.policy["min_coverage"]},
        seed=run.policy["seed"],
    )
    _progress(run.pk, 75)
    results = scoring.score(inputs)
    scores = []
    for member_id, r in results["members"].items():
        band = r["band"] or {}
        scores.append(
            IndexScore(
                run=run,
                institution_id=int(member_id),
                kind=r["kind"],
                index=r["index"],
                coverage=r["coverage"],
                rank_in_kind=r["rank_in_kind"],
                band_low=band.get("p5"),
                band_high=band.get("p95"),
                p_same_rank=band.get("p_same_rank"),
            )
        )
    with transaction.atomic():
        IndexScore.objects.filter(run=run).delete()
        IndexScore.objects.bulk_create(scores, batch_size=BATCH)
        run.inputs = inputs
        run.results = results
        run.summary = {
            "members_mean": results["members_mean"],
            "by_kind": results["by_kind"],
            "spearman": results["spearman"],
        }
        run.weights = {d.code: float(d.weight) for d in defs}
        run.cluster_index = results["cluster"]["index"]
        run.engine_version = ENGINE_VERSION
        run.status = IndexRun.Status.DONE
        run.progress = 100
        run.message = ""
        run.finished_at = timezone.now()
        run.save()


def _fail(run: IndexRun, message: str) -> None:
    run.status = IndexRun.Status.FAILED
    run.message = message
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "message", "finished_at"])


def self_assessment_save(
    *, actor: Any, cluster: Cluster, year: str, area: str, score: int, evidence: str
) -> SelfAssessment:
    """Score one area of the cluster's self-assessment for a year (a new score replaces the
    old one; the history keeps both, with who and when)."""
    errors: dict[str, str] = {}
    try:
        parse_academic_year(year)
    except ValidationError:
        errors["year"] = _("Write the academic year as 2025/2026.")
    if area not in SelfAssessment.Area.values:
        errors["area"] = _("Choose one of the areas.")
    if score not in SelfAssessment.Score.values:
        errors["score"] = _("The score is a whole number from 0 to 4.")
    if not (evidence or "").strip():
        errors["evidence"] = _("Say what shows this score.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = (
            SelfAssessment.objects.select_for_update()
            .filter(cluster=cluster, year=year, area=area)
            .first()
        )
        if row is not None and (row.score, row.evidence) == (score, evidence.strip()):
            return row  # nothing changed: no new history row
        if row is None:
            row = SelfAssessment(cluster=cluster, year=year, area=area)
        row.score, row.evidence, row.scored_by = score, evidence.strip(), actor
        row._history_user = actor  # type: ignore[attr-defined]
        row.save()
    return row
