"""The workforce overview: aggregates of the reader's area, no individual records."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from educluster.accounts.scoping import cluster_for_user
from educluster.workforce import results, selectors
from educluster.workforce.views._common import nav, require


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_aggregates", cluster)
    area = selectors.workforce_area(request.user, cluster)
    latest = results.latest_runs(cluster)
    return render(
        request,
        "workforce/overview.html",
        {
            **nav(request, cluster, "overview"),
            "overview": selectors.workforce_overview(cluster, area),
            "area_districts": None
            if area.all_districts
            else selectors.cluster_districts(cluster, area).order_by("name_uz"),
            "latest_run": next((r for r in latest if r.scenario and r.scenario.is_base), None)
            or (latest[0] if latest else None),
        },
    )
