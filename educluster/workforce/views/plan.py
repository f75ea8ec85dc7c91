"""Plan against reality: recommended targeted admissions vs contracts signed vs graduates
placed, per district × subject × admission year; on screen and as XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.accounts.scoping import cluster_for_user
from educluster.core.xlsx import xlsx_response
from educluster.registry.models import Cluster
from educluster.workforce import plan, selectors
from educluster.workforce.forms import PlanFilterForm
from educluster.workforce.models import ForecastRun
from educluster.workforce.views._common import nav, require


def _plan(request: HttpRequest, slug: str) -> tuple[Cluster, PlanFilterForm, plan.Plan]:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_aggregates", cluster)
    area = selectors.workforce_area(request.user, cluster)
    runs = ForecastRun.objects.filter(cluster=cluster, status=ForecastRun.Status.DONE).defer(
        "input_snapshot"
    )
    form = PlanFilterForm(
        request.GET or None, runs=runs, districts=selectors.cluster_districts(cluster, area)
    )
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    run = chosen.get("run") or plan.plan_run(cluster)
    district, subject = chosen.get("district"), chosen.get("subject")
    result = plan.quota_plan(
        cluster=cluster,
        run=run,
        area=area,
        district_id=district.pk if district else None,
        subject_id=subject.pk if subject else None,
        year=chosen.get("year"),
    )
    return cluster, form, result


@login_required
def quota_plan(request: HttpRequest, slug: str) -> HttpResponse:
    cluster, form, result = _plan(request, slug)
    return render(
        request,
        "workforce/quota_plan.html",
        {
            **nav(request, cluster, "plan"),
            "form": form,
            "plan": result,
            "totals": result.totals,
            "export_query": request.GET.urlencode(),
        },
    )


PLAN_HEADERS = [
    gettext_lazy("District"),
    gettext_lazy("Subject"),
    gettext_lazy("Admission year"),
    gettext_lazy("Recommended admissions"),
    gettext_lazy("Contracts signed"),
    gettext_lazy("Gap (signed − recommended)"),
    gettext_lazy("Graduates placed"),
    gettext_lazy("Still to place"),
]


@login_required
def quota_plan_export(request: HttpRequest, slug: str) -> HttpResponse:
    cluster, _form, result = _plan(request, slug)
    none = _("subject not given")
    rows = (
        [
            r.district.name,
            r.subject.name if r.subject else none,
            r.year,
            round(r.recommended) if r.recommended is not None else None,
            r.signed,
            r.gap,
            r.placed,
            r.to_place,
        ]
        for r in result.rows
    )
    return xlsx_response(
        f"quota-plan-{cluster.slug}.xlsx",
        [str(h) for h in PLAN_HEADERS],
        rows,
        title=_("Plan against reality"),
    )
