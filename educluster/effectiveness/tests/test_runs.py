"""The recompute task: queued on commit, progress, stored snapshot that reproduces the
results exactly, idempotent, failures reported."""

import pytest
from django.urls import reverse
from django.utils import timezone

from educluster.effectiveness import scoring, services
from educluster.effectiveness.demo import academic_years
from educluster.effectiveness.models import IndexRun, IndicatorValue


def test_it_queues_the_recompute_on_commit_and_stores_the_run(
    client_as, cluster, django_capture_on_commit_callbacks
):
    year = academic_years(timezone.localdate())[-2]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("coordinator").post(
            reverse("effectiveness:run_start", args=[cluster.slug]),
            {"year": year, "term": "", "method": "renormalise", "min_coverage": "0.5"},
        )
    run = IndexRun.objects.latest("pk")
    assert response.status_code == 302 and response.url.endswith(f"/runs/{run.pk}/")
    assert (run.status, run.progress, run.year) == ("done", 100, year)
    assert run.engine_version == run.results["engine_version"] == "effectiveness-1.0"
    assert run.scores.count() == len(run.results["members"])
    assert IndicatorValue.objects.filter(cluster=cluster, year=year).exists()


def test_it_reproduces_a_stored_run_from_its_inputs_alone(cluster):
    run = IndexRun.objects.filter(cluster=cluster, status="done").latest("pk")
    assert scoring.score(run.inputs) == run.results


def test_it_computes_a_run_only_once(cluster):
    year = academic_years(timezone.localdate())[-1]
    run = services.index_run_start(actor=None, cluster=cluster, year=year, seed=3, enqueue=False)
    services.index_run_execute(run_id=run.pk)
    finished = IndexRun.objects.get(pk=run.pk).finished_at
    services.index_run_execute(run_id=run.pk)
    assert IndexRun.objects.get(pk=run.pk).finished_at == finished


def test_it_shows_progress_by_htmx_and_reloads_when_done(client_as, cluster):
    year = academic_years(timezone.localdate())[-1]
    run = services.index_run_start(actor=None, cluster=cluster, year=year, enqueue=False)
    url = reverse("effectiveness:run", args=[cluster.slug, run.pk]) + "?progress=1"
    response = client_as("coordinator").get(url, headers={"HX-Request": "true"})
    assert b'hx-trigger="every 1s"' in response.content and "HX-Refresh" not in response
    services.index_run_execute(run_id=run.pk)
    response = client_as("coordinator").get(url, headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"


def test_it_refuses_a_bad_period_and_reports_a_failed_run(cluster, monkeypatch):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.index_run_start(actor=None, cluster=cluster, year="2025-2026", enqueue=False)
    run = services.index_run_start(actor=None, cluster=cluster, year="2025/2026", enqueue=False)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "indicator_values_compute", broken)
    services.index_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "disk full" in run.message


def test_it_ranks_members_within_their_kind_with_a_sensitivity_band(cluster):
    run = IndexRun.objects.filter(cluster=cluster, status="done").latest("pk")
    for score in run.scores.filter(index__isnull=False):
        assert (
            score.band_low <= score.rank_in_kind <= score.band_high
            or score.band_low <= score.band_high
        )
        same_kind = run.scores.filter(kind=score.kind, index__gt=score.index + 1e-12).count()
        assert score.rank_in_kind == same_kind + 1
