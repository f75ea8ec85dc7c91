"""A member school head's seat offers: offer practice seats for a term, change or withdraw
them, and see who was placed on each. Built for a phone first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user, scope_for
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.placements.models import SeatOffer
from educluster.placements.offer_forms import SeatOfferForm
from educluster.placements.selectors.offers import offer_for_user, offer_placements, offers_for
from educluster.placements.services.offers import (
    placed_counts,
    seat_offer_save,
    seat_offer_withdraw,
)
from educluster.placements.views._common import int_or_none, report
from educluster.registry.models import Cluster, Institution
from educluster.schoollabs.models import Term


def _offering_institutions(user: object, cluster: Cluster):
    """The member schools the user may offer seats for; PermissionDenied when none."""
    members = Institution.objects.filter(
        memberships__cluster=cluster, memberships__end_date__isnull=True
    ).distinct()
    scope = scope_for(user)
    if not scope.coordinates(cluster.pk):
        members = members.filter(pk__in=scope.headed_institution_ids)
    return members.order_by("name")


def _require_offering(request: HttpRequest, cluster: Cluster):
    institutions = _offering_institutions(request.user, cluster)
    if not institutions.exists():
        raise PermissionDenied
    return institutions


def _terms(cluster: Cluster, current: Term | None = None):
    terms = Term.objects.filter(cluster=cluster, end_date__gte=timezone.localdate())
    if current is not None:
        terms = terms | Term.objects.filter(pk=current.pk)
    return terms.order_by("start_date", "pk")


@login_required
def offer_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require_offering(request, cluster)
    return render(
        request,
        "placements/offer_list.html",
        {
            "cluster": cluster,
            "offers": list(offers_for(request.user, cluster)),
            "tab": "placements",
        },
    )


@login_required
def offer_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    institutions = _require_offering(request, cluster)
    initial = {
        key: int_or_none(request.GET.get(key))
        for key in ("term", "institution")
        if request.GET.get(key)
    }
    offer = SeatOffer(cluster=cluster)
    form = SeatOfferForm(
        request.POST or None,
        instance=offer,
        initial=initial,
        institutions=institutions,
        terms=_terms(cluster),
    )
    if request.method == "POST" and form.is_valid():
        try:
            seat_offer_save(actor=request.user, offer=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your seats are offered."))
            return redirect("placements:offer", pk=form.instance.pk)
    return render(
        request,
        "placements/offer_form.html",
        {"form": form, "cluster": cluster, "offer": None, "tab": "placements"},
    )


@login_required
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_user(request.user, pk)
    placements = offer_placements(offer)
    return render(
        request,
        "placements/offer_detail.html",
        {
            "offer": offer,
            "cluster": offer.cluster,
            "placements": placements,
            "placed": len(placements),
            "entries": history_entries(offer),
            "tab": "placements",
        },
    )


@login_required
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_user(request.user, pk)
    institutions = _require_offering(request, offer.cluster)
    form = SeatOfferForm(
        request.POST or None,
        instance=offer,
        institutions=institutions,
        terms=_terms(offer.cluster, offer.term),
    )
    if request.method == "POST" and form.is_valid():
        try:
            seat_offer_save(actor=request.user, offer=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The offer was saved."))
            return redirect("placements:offer", pk=offer.pk)
    return render(
        request,
        "placements/offer_form.html",
        {
            "form": form,
            "cluster": offer.cluster,
            "offer": offer,
            "placed": placed_counts([offer.pk]).get(offer.pk, 0),
            "tab": "placements",
        },
    )


@login_required
@require_POST
def offer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_user(request.user, pk)
    slug = offer.cluster.slug
    try:
        seat_offer_withdraw(actor=request.user, offer=offer)
    except ValidationError as error:
        report(request, error)
        return redirect("placements:offer", pk=offer.pk)
    messages.success(request, _("The offer was withdrawn."))
    return redirect("placements:offers", slug=slug)
