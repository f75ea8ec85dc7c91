"""Assessment instruments: rubrics and questionnaires with their criteria and scales."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.schoollabs import selectors, services
from educluster.schoollabs.forms import InstrumentForm, ItemForm
from educluster.schoollabs.models import Instrument, InstrumentItem

from ._common import allowed, require, show_errors


@login_required
def instrument_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    return render(
        request,
        "schoollabs/instrument_list.html",
        {
            "cluster": cluster,
            "instruments": selectors.instruments_for(request.user).filter(cluster=cluster),
            "can_manage": allowed(request, "schoollabs.manage_instruments", cluster),
            "tab": "studies",
        },
    )


@login_required
def instrument_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.manage_instruments", cluster)
    form = InstrumentForm(request.POST or None, instance=Instrument(cluster=cluster))
    if request.method == "POST" and form.is_valid():
        instrument = services.instrument_save(actor=request.user, instrument=form.instance)
        messages.success(request, _("The instrument was created; add its criteria or items."))
        return redirect("schoollabs:instrument", pk=instrument.pk)
    return render(
        request,
        "schoollabs/instrument_form.html",
        {"form": form, "cluster": cluster, "tab": "studies"},
    )


@login_required
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = selectors.instrument_for_user(request.user, pk)
    return render(
        request,
        "schoollabs/instrument_detail.html",
        {
            "instrument": instrument,
            "cluster": instrument.cluster,
            "items": instrument.items.all(),
            "in_use": selectors.instrument_in_use(instrument),
            "can_manage": allowed(request, "schoollabs.manage_instruments", instrument.cluster),
            "tab": "studies",
        },
    )


@login_required
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = selectors.instrument_for_user(request.user, pk)
    require(request, "schoollabs.manage_instruments", instrument.cluster)
    form = InstrumentForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        services.instrument_save(actor=request.user, instrument=form.instance)
        messages.success(request, _("Saved."))
        return redirect("schoollabs:instrument", pk=instrument.pk)
    return render(
        request,
        "schoollabs/instrument_form.html",
        {"form": form, "instrument": instrument, "cluster": instrument.cluster, "tab": "studies"},
    )


@login_required
def instrument_history(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = selectors.instrument_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": instrument,
            "cluster": instrument.cluster,
            "entries": history_entries(
                instrument,
                related=[InstrumentItem.history.filter(instrument_id=instrument.pk)],
            ),
            "back_url": reverse("schoollabs:instrument", args=[instrument.pk]),
            "tab": "studies",
        },
    )


def _item_of(instrument: Instrument, item_pk: int) -> InstrumentItem:
    try:
        return instrument.items.get(pk=item_pk)
    except InstrumentItem.DoesNotExist:
        raise Http404 from None


@login_required
def item_edit(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    instrument = selectors.instrument_for_user(request.user, pk)
    require(request, "schoollabs.manage_instruments", instrument.cluster)
    item = _item_of(instrument, item_pk) if item_pk else InstrumentItem(instrument=instrument)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(actor=request.user, item=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("schoollabs:instrument", pk=instrument.pk)
    return render(
        request,
        "schoollabs/item_form.html",
        {
            "form": form,
            "instrument": instrument,
            "item": item,
            "cluster": instrument.cluster,
            "tab": "studies",
        },
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    instrument = selectors.instrument_for_user(request.user, pk)
    require(request, "schoollabs.manage_instruments", instrument.cluster)
    try:
        services.item_delete(actor=request.user, item=_item_of(instrument, item_pk))
        messages.success(request, _("The criterion was removed."))
    except ValidationError as error:
        show_errors(request, error)
    return redirect("schoollabs:instrument", pk=instrument.pk)
