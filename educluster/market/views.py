"""Market pages: the catalogue, one service, an institution's requests, the service form, and
the request's steps. Each view: check access, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.market import selectors, services
from educluster.market.forms import CatalogueFilter, ConfirmForm, RequestForm, ServiceForm
from educluster.market.models import Service, ServiceRequest

TAB = "market"


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def catalogue(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    providers = list(selectors.providers(cluster))
    form = CatalogueFilter(request.GET or None, providers=providers)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    services_qs = selectors.catalogue(
        cluster,
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        audience=data.get("audience", ""),
        provider=data.get("provider") or None,
        free_only=bool(data.get("free")),
    )
    page = paginate(request, services_qs)
    page.object_list = list(page.object_list)
    figures = selectors.provider_figures(cluster)
    for service in page.object_list:
        service.figures = figures.get(service.provider_id)
    return render(
        request,
        "market/catalogue.html",
        {
            "cluster": cluster,
            "filter": form,
            "page": page,
            "query": query_without_page(request),
            "my_institutions": selectors.my_institutions(request.user, cluster),
            "can_offer": request.user.has_perm("market.offer_service", cluster),
            "tab": TAB,
        },
    )


@login_required
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_for_user(request.user, pk)
    can_change = request.user.has_perm("market.change_service", service)
    can_request = request.user.has_perm("market.request_service", service)
    form = None
    if can_request:
        form = RequestForm(
            request.POST or None,
            requesters=selectors.requester_choices(request.user, service),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.request_create(actor=request.user, service=service, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Your request was sent to the provider."))
                return redirect(service)
    elif request.method == "POST":
        raise PermissionDenied
    show_all = can_change or request.user.has_perm("registry.manage_cluster", service.cluster)
    requests = (
        selectors.service_requests(service)
        if show_all
        else selectors.my_requests_of(request.user, service)
    )
    return render(
        request,
        "market/service_detail.html",
        {
            "service": service,
            "cluster": service.cluster,
            "can_change": can_change,
            "form": form,
            "requests": _with_actions(request, list(requests)),
            "figures": selectors.provider_figures(service.cluster).get(service.provider_id, {}),
            "tab": TAB,
        },
    )


def _with_actions(request: HttpRequest, rows: list[ServiceRequest]) -> list[ServiceRequest]:
    """Mark each request with the steps the user may take on it (no extra queries)."""
    user = request.user
    for row in rows:
        actions = []
        if row.can_move_to(ServiceRequest.Status.ACCEPTED) and user.has_perm(
            "market.answer_request", row
        ):
            actions += ["accept", "decline"]
        if row.can_move_to(ServiceRequest.Status.DELIVERED) and user.has_perm(
            "market.deliver_request", row
        ):
            actions.append("deliver")
        row.actions = actions  # type: ignore[attr-defined]
        row.can_confirm = row.can_move_to(  # type: ignore[attr-defined]
            ServiceRequest.Status.CONFIRMED
        ) and user.has_perm("market.confirm_request", row)
    return rows


@login_required
def institution_requests(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    institution = selectors.institution_for_requests(request.user, cluster, pk)
    return render(
        request,
        "market/requests.html",
        {
            "cluster": cluster,
            "institution": institution,
            "incoming": _with_actions(request, list(selectors.incoming(cluster, institution))),
            "outgoing": _with_actions(request, list(selectors.outgoing(cluster, institution))),
            "confirm_form": ConfirmForm(),
            "tab": TAB,
        },
    )


def _service_form_page(request, form, *, cluster, title, back_url) -> HttpResponse:
    return render(
        request,
        "market/form.html",
        {"form": form, "cluster": cluster, "title": title, "back_url": back_url, "tab": TAB},
    )


@login_required
def service_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "market.offer_service", cluster)
    form = ServiceForm(
        request.POST or None,
        instance=Service(cluster=cluster),
        providers=selectors.provider_choices(request.user, cluster),
    )
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(
                actor=request.user, cluster=cluster, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The service is in the catalogue."))
            return redirect(service)
    return _service_form_page(
        request,
        form,
        cluster=cluster,
        title=_("New service"),
        back_url=reverse("market:catalogue", args=[cluster.slug]),
    )


@login_required
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_for_user(request.user, pk)
    _require(request, "market.change_service", service)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(actor=request.user, service=service, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(service)
    return _service_form_page(
        request,
        form,
        cluster=service.cluster,
        title=_("Edit service"),
        back_url=service.get_absolute_url(),
    )


@login_required
def service_history(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": service,
            "cluster": service.cluster,
            "entries": history_entries(
                service, related=[ServiceRequest.history.filter(service_id=service.pk)]
            ),
            "back_url": service.get_absolute_url(),
            "tab": TAB,
        },
    )


STEPS = {
    "accept": services.request_accept,
    "decline": services.request_decline,
    "deliver": services.request_deliver,
}


@login_required
@require_POST
def request_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    row = selectors.request_for_user(request.user, pk)
    if step not in STEPS and step != "confirm":
        raise Http404
    try:
        if step == "confirm":
            form = ConfirmForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    _("Rating: %(errors)s")
                    % {"errors": " ".join(str(e) for e in form.errors.get("rating", []))}
                )
            services.request_confirm(
                actor=request.user,
                request=row,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        else:
            STEPS[step](actor=request.user, request=row)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, _("The request is now %(status)s.") % {"status": row.get_status_display()}
        )
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(row.service)
