"""Scenario comparison: the latest completed run of each scenario, side by side."""

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from educluster.core.xlsx import xlsx_response
from educluster.workforce import charts, results
from educluster.workforce.forms import CompareForm
from educluster.workforce.views._common import nav
from educluster.workforce.views.forecast import _readable


@login_required
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    cluster, area = _readable(request, slug)
    horizon_raw = request.GET.get("horizon", "")
    runs = results.latest_runs(cluster, int(horizon_raw) if horizon_raw.isdigit() else None)
    if not horizon_raw.isdigit() and runs:
        # Only runs of one horizon compare cell by cell: take the base run's.
        runs = [r for r in runs if r.horizon == runs[0].horizon]
    context = {**nav(request, cluster, "compare"), "runs": runs}
    if not runs:
        return render(request, "workforce/compare.html", {**context, "form": None})
    base = runs[0]
    form = CompareForm(
        request.GET,
        districts=results.run_districts(base, area),
        subjects=results.run_subjects(base),
        initial={"horizon": base.horizon},
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    district = chosen.get("district") or results.run_districts(base, area).first()
    subject = chosen.get("subject") or results.run_subjects(base).first()
    if district is None or subject is None:
        return render(request, "workforce/compare.html", {**context, "form": form})
    series = {run.pk: results.run_series(run, district, subject) for run in runs}
    years = series[base.pk].years
    totals = []
    for run in runs:
        cells = results.run_cells(run, area)
        last = cells.filter(year=run.last_year or 0).aggregate(
            need=Sum("cumulative_hiring_need"), gap=Sum("gap")
        )
        quota = cells.aggregate(total=Sum("quota"))["total"] or 0.0
        totals.append((run, last["gap"] or 0.0, last["need"] or 0.0, quota))
    table = []
    base_gap = series[base.pk].values["gap"]
    for i, year in enumerate(years):
        cells_row = []
        for run in runs:
            values = series[run.pk].values
            gap = values["gap"][i] if i < len(values["gap"]) else None
            base_value = base_gap[i]
            diff = None if gap is None or base_value is None else gap - base_value
            cells_row.append((values["demand"][i], gap, diff, values["quota"][i]))
        table.append((year, cells_row))
    if request.GET.get("export") == "xlsx":
        rows = [
            [run.scenario_name, run.pk, year, district.name, subject.name, d, g, diff, q]
            for year, row in table
            for run, (d, g, diff, q) in zip(runs, row, strict=True)
        ]
        return xlsx_response(
            f"scenarios-{cluster.slug}.xlsx",
            [
                _("Scenario"),
                _("Run"),
                _("Year"),
                _("District"),
                _("Subject"),
                _("Demand"),
                _("Gap"),
                _("Gap difference from the base"),
                _("Quota"),
            ],
            rows,
            title=_("Scenarios"),
        )
    where = f"{district.name} · {subject.name}"
    chart = charts.lines_chart(
        years,
        [(run.scenario_name, series[run.pk].values["gap"]) for run in runs],
        title=_("Gap (supply − demand) by scenario: %(where)s") % {"where": where},
        ylabel=_("full-time posts"),
        prefix="compare-gap",
    )
    demand_chart = charts.lines_chart(
        years,
        [(run.scenario_name, series[run.pk].values["demand"]) for run in runs],
        title=_("Demand by scenario: %(where)s") % {"where": where},
        ylabel=_("full-time posts"),
        prefix="compare-demand",
    )
    return render(
        request,
        "workforce/compare.html",
        {
            **context,
            "form": form,
            "district": district,
            "subject": subject,
            "table": table,
            "totals": totals,
            "chart": chart,
            "demand_chart": demand_chart,
        },
    )
