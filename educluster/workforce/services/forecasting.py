"""Scenarios and forecast runs.

A run is started in the request: the reference inputs are read into a snapshot and checked by
the engine there, so bad input is refused at once with a sentence naming the row and field and
no run is written. The computation itself runs in the background from the stored snapshot.
"""

import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.engines.forecast import ForecastInputError
from educluster.registry.models import Cluster, District
from educluster.telegram import notices as telegram
from educluster.workforce.forecasting.compute import ScenarioInputError, cells, compute
from educluster.workforce.forecasting.compute import scenario_input as _scenario_input
from educluster.workforce.forecasting.messages import explain
from educluster.workforce.forecasting.snapshot import build_snapshot
from educluster.workforce.forecasting.version import code_version
from educluster.workforce.models import (
    ForecastCell,
    ForecastRun,
    Scenario,
    ScenarioOverride,
    Subject,
)
from educluster.workforce.services._common import delete, save

BATCH = 2000


@transaction.atomic
def scenario_save(
    *,
    actor: Any,
    scenario: Scenario,
    overrides: Iterable[ScenarioOverride] = (),
    removed: Iterable[ScenarioOverride] = (),
) -> Scenario:
    """Save a scenario with its overrides (new or changed) and remove the ``removed`` ones."""
    if scenario.is_base:
        others = Scenario.objects.filter(cluster=scenario.cluster, is_base=True)
        for other in others.exclude(pk=scenario.pk):
            other.is_base = False
            save(other, actor)
    save(scenario, actor)
    for override in removed:
        if override.pk:
            delete(override, actor)
    for override in overrides:
        override.scenario = scenario
        save(override, actor)
    return scenario


@transaction.atomic
def scenario_delete(*, actor: Any, scenario: Scenario) -> None:
    """Delete a scenario; its runs keep their results and the scenario's name."""
    for override in scenario.overrides.all():
        delete(override, actor)
    delete(scenario, actor)


def check_snapshot(snapshot: dict[str, Any]) -> None:
    """Raise ``ValidationError`` with a plain sentence if the engine refuses the snapshot."""
    try:
        _scenario_input(snapshot)
    except ScenarioInputError as wrapped:
        raise ValidationError(explain(wrapped.error, scenario=wrapped.name)) from None
    except ForecastInputError as error:
        raise ValidationError(explain(error)) from None


def forecast_run_start(
    *,
    actor: Any,
    cluster: Cluster,
    scenario: Scenario | None,
    horizon: int,
    draws: int,
    seed: int | None = None,
    enqueue: bool = True,
) -> ForecastRun:
    """Check the inputs, store the run with its snapshot and code version, and queue it.

    Raises ``ValidationError`` (nothing written) when the inputs are missing or invalid.
    """
    if actor is not None and not actor.has_perm("workforce.manage", cluster):
        raise PermissionDenied
    seed = secrets.randbelow(2**31) if seed is None else seed
    snapshot = build_snapshot(
        cluster=cluster, scenario=scenario, horizon=horizon, draws=draws, seed=seed
    )
    check_snapshot(snapshot)
    with transaction.atomic():
        run = ForecastRun(
            cluster=cluster,
            scenario=scenario,
            scenario_name=scenario.name if scenario else _("no scenario"),
            horizon=horizon,
            draws=draws,
            seed=seed,
            base_year=snapshot["base_year"],
            input_snapshot=snapshot,
            code_version=code_version(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        save(run, actor)
        if enqueue:
            from educluster.workforce.tasks import run_forecast_task

            run_id = run.pk
            transaction.on_commit(lambda: run_forecast_task.enqueue(run_id))
    return run


def _progress(run_id: int, percent: int) -> None:
    ForecastRun.objects.filter(pk=run_id).update(progress=percent, heartbeat_at=timezone.now())


def stale_minutes() -> int:
    return int(getattr(settings, "FORECAST_STALE_MINUTES", 15))


def forecast_run_rerun(*, actor: Any, run: ForecastRun, now: Any = None) -> ForecastRun:
    """Queue again a run whose worker stopped while computing (``ForecastRun.is_stale``).

    The same run, from its stored snapshot and seed, so the result is the one it would have
    had. A run that is still alive, finished or failed is refused: only the first of two
    coordinators pressing "Run again" at once queues it, the second reads it queued.
    """
    if not actor.has_perm("workforce.manage", run.cluster):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        locked = ForecastRun.objects.select_for_update().get(pk=run.pk)
        if not locked.is_stale(now, stale_minutes()):
            raise ValidationError(
                _(
                    "The forecast is not stuck: it can be run again only after %(minutes)d "
                    "minutes without progress."
                )
                % {"minutes": stale_minutes()}
            )
        locked.status = ForecastRun.Status.QUEUED
        locked.progress = 0
        locked.heartbeat_at = None
        locked.message = ""
        save(locked, actor)
        from educluster.workforce.tasks import run_forecast_task

        transaction.on_commit(lambda: run_forecast_task.enqueue(locked.pk))
    return locked


def forecast_run_execute(*, run_id: int) -> ForecastRun:
    """Compute a queued run from its stored snapshot and store its cells. Safe to run twice:
    only the worker that moves the run from queued to running computes it."""
    claimed = ForecastRun.objects.filter(pk=run_id, status=ForecastRun.Status.QUEUED).update(
        status=ForecastRun.Status.RUNNING, progress=5, heartbeat_at=timezone.now()
    )
    run = ForecastRun.objects.select_related("cluster").get(pk=run_id)
    if not claimed:
        return run
    snapshot = run.input_snapshot
    try:
        computed = compute(snapshot, progress=lambda p: _progress(run_id, p))
        districts = {d.code: d.pk for d in District.objects.filter(code__in=snapshot["districts"])}
        subjects = {s.code: s.pk for s in Subject.objects.filter(code__in=snapshot["subjects"])}
        rows = [
            ForecastCell(
                run_id=run_id,
                district_id=districts[row.pop("district")],
                subject_id=subjects[row.pop("subject")],
                **row,
            )
            for row in cells(computed)
        ]
        with transaction.atomic():
            ForecastCell.objects.filter(run_id=run_id).delete()
            ForecastCell.objects.bulk_create(rows, batch_size=BATCH)
            run.status = ForecastRun.Status.DONE
            run.progress = 100
            run.message = ""
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "progress", "message", "finished_at"])
    except ScenarioInputError as wrapped:
        _fail(run, explain(wrapped.error, scenario=wrapped.name))
    except ForecastInputError as error:
        _fail(run, explain(error))
    except Exception as error:  # the run must not stay "computing" forever
        _fail(run, _("The forecast failed: %(error)s") % {"error": error})
    telegram.forecast_finished(run=run)
    return run


def _fail(run: ForecastRun, message: str) -> None:
    run.status = ForecastRun.Status.FAILED
    run.message = message
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "message", "finished_at"])


@transaction.atomic
def forecast_run_publish(*, actor: Any, run: ForecastRun, publish: bool = True) -> ForecastRun:
    """Publish (or withdraw) a completed run; published runs are shown first."""
    if run.status != ForecastRun.Status.DONE:
        raise ValidationError(_("Only a completed forecast can be published."))
    run.is_published = publish
    run.published_at = timezone.now() if publish else None
    save(run, actor)
    return run
