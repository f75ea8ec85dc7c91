"""Forecast pages: the forecast of a scenario, runs with their progress, results and exports."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.pagination import paginate
from educluster.core.utils import is_htmx
from educluster.core.xlsx import xlsx_response
from educluster.registry.models import Cluster
from educluster.workforce import charts, results, selectors, services
from educluster.workforce.forms import ResultFilterForm, RunForm
from educluster.workforce.models import ForecastRun
from educluster.workforce.views._common import nav, report_errors, require


def _readable(request: HttpRequest, slug: str) -> tuple[Cluster, selectors.Area]:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_aggregates", cluster)
    return cluster, selectors.workforce_area(request.user, cluster)


def results_context(request: HttpRequest, run: ForecastRun, area: selectors.Area) -> dict:
    """Charts and tables of a completed run for the district and subject chosen in the GET
    form (defaults: the first of each), cut to the reader's area."""
    districts = results.run_districts(run, area)
    subjects = results.run_subjects(run)
    form = ResultFilterForm(request.GET, districts=districts, subjects=subjects)
    chosen = form.cleaned_data if form.is_valid() else {}
    district = chosen.get("district") or districts.first()
    subject = chosen.get("subject") or subjects.first()
    if district is None or subject is None:
        return {"result_form": form, "series": None}
    series = results.run_series(run, district, subject)
    v = series.values
    where = f"{district.name} · {subject.name}"
    posts = _("full-time posts")
    return {
        "result_form": form,
        "district": district,
        "subject": subject,
        "series": series,
        "series_rows": series.rows(),
        "summary": results.run_summary(run, area),
        "supply_chart": charts.fan_chart(
            series.years,
            [
                (_("Demand"), charts.ORANGE, v["demand_p10"], v["demand_p50"], v["demand_p90"]),
                (_("Supply"), charts.BLUE, v["supply_p10"], v["supply_p50"], v["supply_p90"]),
            ],
            title=_("Demand and supply: %(where)s") % {"where": where},
            ylabel=posts,
            prefix=f"run{run.pk}-ds",
        ),
        "gap_chart": charts.fan_chart(
            series.years,
            [(_("Gap"), charts.RED, v["gap_p10"], v["gap_p50"], v["gap_p90"])],
            title=_("Gap (supply − demand): %(where)s") % {"where": where},
            ylabel=posts,
            prefix=f"run{run.pk}-gap",
            zero_line=True,
        ),
    }


@login_required
def forecast(request: HttpRequest, slug: str) -> HttpResponse:
    """The forecast of a scenario: its latest completed run (published first) at a horizon."""
    cluster, area = _readable(request, slug)
    scenario_id = request.GET.get("scenario", "")
    horizon = request.GET.get("horizon", "")
    chosen = results.latest_runs(cluster, int(horizon) if horizon.isdigit() else None)
    if scenario_id:
        chosen = [r for r in chosen if str(r.scenario_id) == scenario_id]
    run = chosen[0] if chosen else None
    horizons = sorted(
        set(
            ForecastRun.objects.filter(cluster=cluster, status=ForecastRun.Status.DONE).values_list(
                "horizon", flat=True
            )
        )
    )
    context: dict[str, Any] = {
        **nav(request, cluster, "forecast"),
        "run": run,
        "scenarios": cluster.workforce_scenarios.all(),
        "scenario_id": scenario_id or (str(run.scenario_id) if run else ""),
        "horizons": horizons,
        "horizon": horizon,
        "run_form": RunForm(cluster=cluster)
        if request.user.has_perm("workforce.manage", cluster)
        else None,
    }
    if run is not None:
        context.update(results_context(request, run, area))
    return render(request, "workforce/forecast.html", context)


@login_required
def run_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster, _area = _readable(request, slug)
    can_manage = request.user.has_perm("workforce.manage", cluster)
    return render(
        request,
        "workforce/run_list.html",
        {
            **nav(request, cluster, "runs"),
            "page": paginate(request, selectors.cluster_runs(cluster)),
            "query": "",
            "run_form": RunForm(cluster=cluster) if can_manage else None,
        },
    )


@login_required
@require_POST
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.manage", cluster)
    form = RunForm(request.POST, cluster=cluster)
    if form.is_valid():
        try:
            run = services.forecast_run_start(
                actor=request.user, cluster=cluster, **form.cleaned_data
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            return redirect(run)
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
    return render(
        request,
        "workforce/run_list.html",
        {
            **nav(request, cluster, "runs"),
            "page": paginate(request, selectors.cluster_runs(cluster)),
            "query": "",
            "run_form": form,
        },
    )


@login_required
def run_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster, area = _readable(request, slug)
    run = selectors.run_of(cluster, pk)
    if is_htmx(request) and request.GET.get("progress"):
        response = render(request, "workforce/_run_progress.html", {"run": run, "cluster": cluster})
        if not run.is_running:
            response["HX-Refresh"] = "true"  # finished: reload to show the results
        return response
    context: dict[str, Any] = {
        **nav(request, cluster, "runs"),
        "run": run,
        "can_manage": request.user.has_perm("workforce.manage", cluster),
        "can_see_inputs": request.user.has_perm("workforce.view_reference", cluster),
        "stale": run.is_stale(timezone.now(), services.stale_minutes()),
    }
    if run.status == ForecastRun.Status.DONE:
        context.update(results_context(request, run, area))
    return render(request, "workforce/run_detail.html", context)


RESULT_HEADERS = [
    gettext_lazy("Year"),
    gettext_lazy("District"),
    gettext_lazy("Subject"),
    gettext_lazy("Demand"),
    gettext_lazy("Supply"),
    gettext_lazy("Gap"),
    gettext_lazy("Hiring need"),
    gettext_lazy("Cumulative hiring need"),
    gettext_lazy("Quota"),
    gettext_lazy("Demand P10"),
    gettext_lazy("Demand P50"),
    gettext_lazy("Demand P90"),
    gettext_lazy("Supply P10"),
    gettext_lazy("Supply P50"),
    gettext_lazy("Supply P90"),
    gettext_lazy("Gap P10"),
    gettext_lazy("Gap P50"),
    gettext_lazy("Gap P90"),
    gettext_lazy("Quota P10"),
    gettext_lazy("Quota P50"),
    gettext_lazy("Quota P90"),
]


@login_required
def run_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster, area = _readable(request, slug)
    run = selectors.run_of(cluster, pk)
    cells = results.run_cells(run, area).select_related("district", "subject")
    fields = results.SERIES_FIELDS
    rows = (
        [c.year, c.district.name, c.subject.name, *[getattr(c, f) for f in fields]] for c in cells
    )
    return xlsx_response(
        f"forecast-{cluster.slug}-{run.pk}.xlsx",
        [str(h) for h in RESULT_HEADERS],
        rows,
        title=_("Forecast"),
    )


@login_required
def run_snapshot(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The run's inputs and code version, to reproduce it (every district: reference readers)."""
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_reference", cluster)
    run = selectors.run_of(cluster, pk)
    body = json.dumps(
        {"run": run.pk, "code_version": run.code_version, "input_snapshot": run.input_snapshot},
        ensure_ascii=False,
        indent=1,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="forecast-{run.pk}-inputs.json"'
    return response


@login_required
@require_POST
def run_rerun(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.manage", cluster)
    run = selectors.run_of(cluster, pk)
    try:
        services.forecast_run_rerun(actor=request.user, run=run)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The forecast is queued again."))
    return redirect(run)


@login_required
@require_POST
def run_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.manage", cluster)
    run = selectors.run_of(cluster, pk)
    publish = request.POST.get("publish", "1") == "1"
    try:
        services.forecast_run_publish(actor=request.user, run=run, publish=publish)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("The forecast is published.") if publish else _("The forecast is withdrawn.")
        )
    return redirect(run)
