"""The platform administrator's list of security events; for anyone else it does not exist."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from educluster.accounts.scoping import scope_for
from educluster.core.pagination import paginate, query_without_page
from educluster.security import selectors
from educluster.security.forms import EventFilterForm


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).is_admin:
        raise Http404
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_filtered(
        kind=filters.get("kind", ""),
        username=filters.get("user", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return render(
        request,
        "security/events.html",
        {
            "form": form,
            "page": paginate(request, events, per_page=50),
            "query": query_without_page(request),
        },
    )
