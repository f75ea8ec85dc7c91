"""The national view: every cluster side by side, regional supply and demand, the map, export.

Only administrators and analysts find these pages (``national.view``); for anyone else they do
not exist (404), like any object outside one's scope.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from educluster.national import export, selectors
from educluster.registry.maps import platform_map


def _require_reader(request: HttpRequest) -> None:
    if not request.user.has_perm("national.view"):
        raise Http404


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    summary = selectors.national_summary(request.user)
    return render(request, "national/overview.html", {"summary": summary})


@login_required
def national_map(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    clusters = list(selectors.national_clusters(request.user))
    return render(request, "national/map.html", {"map": platform_map(clusters)})


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    summary = selectors.national_summary(request.user, with_map=False)
    stamp = timezone.localdate().isoformat()
    return export.summary_response(summary, f"national-{stamp}.xlsx")
