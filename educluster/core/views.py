from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from educluster.accounts.scoping import clusters_for, scope_for
from educluster.core.navigation import home_sections
from educluster.core.utils import request_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    clusters = list(clusters_for(request.user))
    sections = home_sections(request.user)
    if len(clusters) == 1 and not sections and not request.GET.get("all"):
        return redirect(clusters[0])
    return render(
        request,
        "core/home.html",
        {
            "clusters": clusters,
            "roles": request_user(request).roles.select_related("cluster", "institution"),
            "has_roles": scope_for(request.user).has_any_role,
            "sections": sections,
        },
    )


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
