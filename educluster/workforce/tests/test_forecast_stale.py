"""A forecast whose worker died while computing: it holds no cells and can be run again.

The cells are written in one transaction at the very end of ``forecast_run_execute``, so a
worker killed at any moment before leaves none; what it leaves is a run "computing" for ever.
After ``FORECAST_STALE_MINUTES`` without progress the page says so and offers "Run again",
which queues the same run from its stored snapshot and seed.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from educluster.workforce import services
from educluster.workforce.models import ForecastCell, ForecastRun, Scenario


@pytest.fixture(autouse=True)
def english(cast):
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])


def _stuck(cluster, *, minutes_ago: int, seed: int = 5) -> ForecastRun:
    """A run a worker claimed and then stopped answering ``minutes_ago``."""
    base = Scenario.objects.get(cluster=cluster, is_base=True)
    run = services.forecast_run_start(
        actor=None, cluster=cluster, scenario=base, horizon=3, draws=100, seed=seed, enqueue=False
    )
    ForecastRun.objects.filter(pk=run.pk).update(
        status=ForecastRun.Status.RUNNING,
        progress=40,
        heartbeat_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
    run.refresh_from_db()
    return run


def test_it_writes_a_sign_of_life_while_computing(cluster):
    run = _stuck(cluster, minutes_ago=0)
    ForecastRun.objects.filter(pk=run.pk).update(
        status=ForecastRun.Status.QUEUED, heartbeat_at=None
    )
    before = timezone.now()
    services.forecast_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.DONE and run.heartbeat_at >= before


def test_it_offers_to_run_again_a_forecast_whose_worker_stopped(
    client_as, cluster, django_capture_on_commit_callbacks
):
    run = _stuck(cluster, minutes_ago=20)
    assert not ForecastCell.objects.filter(run=run).exists()
    client = client_as("coordinator")
    url = reverse("workforce:run", args=[cluster.slug, run.pk])
    page = client.get(url).content.decode()
    assert 'id="run-stale"' in page and "its background worker stopped" in page
    assert 'id="run-progress"' not in page  # no progress bar polling a dead run
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workforce:run_rerun", args=[cluster.slug, run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.DONE and run.progress == 100
    cells = ForecastCell.objects.filter(run=run)
    assert cells.count() == 4 * 4 * 4
    # The same snapshot and seed give what an undisturbed run gives.
    twin = _stuck(cluster, minutes_ago=0, seed=run.seed)
    ForecastRun.objects.filter(pk=twin.pk).update(status=ForecastRun.Status.QUEUED)
    services.forecast_run_execute(run_id=twin.pk)
    key = ("year", "district_id", "subject_id")
    mine = list(cells.order_by(*key).values_list(*key, "gap"))
    theirs = list(ForecastCell.objects.filter(run=twin).order_by(*key).values_list(*key, "gap"))
    assert mine == theirs
    assert run.history.first().status == ForecastRun.Status.DONE  # the re-queue is in history


def test_it_refuses_to_run_again_a_live_or_finished_forecast(cast, cluster):
    alive = _stuck(cluster, minutes_ago=2)
    with pytest.raises(ValidationError, match="not stuck"):
        services.forecast_run_rerun(actor=cast["coordinator"], run=alive)
    ForecastRun.objects.filter(pk=alive.pk).update(status=ForecastRun.Status.DONE)
    alive.refresh_from_db()
    with pytest.raises(ValidationError):
        services.forecast_run_rerun(
            actor=cast["coordinator"], run=alive, now=timezone.now() + timedelta(days=1)
        )


@pytest.mark.parametrize("name", ["analyst", "head", "faculty", "student", "mentor"])
def test_it_lets_only_a_manager_run_it_again(client_as, cluster, name):
    run = _stuck(cluster, minutes_ago=20)
    response = client_as(name).post(reverse("workforce:run_rerun", args=[cluster.slug, run.pk]))
    assert response.status_code in (403, 404)
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.RUNNING


def test_it_hides_the_run_from_an_outsider(client_as, cluster):
    run = _stuck(cluster, minutes_ago=20)
    response = client_as("outsider").post(
        reverse("workforce:run_rerun", args=[cluster.slug, run.pk])
    )
    assert response.status_code == 404
