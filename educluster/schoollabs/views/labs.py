"""School-Lab pages: the cluster's labs, one lab, its terms."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.utils import request_user
from educluster.schoollabs import selectors, services
from educluster.schoollabs.forms import LabForm, LabManagerForm, TermForm
from educluster.schoollabs.models import Activity, CalendarToken, SchoolLab, Term

from ._common import allowed, require


@login_required
def lab_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    return render(
        request,
        "schoollabs/lab_list.html",
        {
            "cluster": cluster,
            "labs": selectors.cluster_labs(request.user, cluster),
            "can_create": allowed(request, "schoollabs.create_lab", cluster),
            "tab": "labs",
        },
    )


@login_required
def lab_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.create_lab", cluster)
    form = LabForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            lab = services.lab_create(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The School-Lab was created."))
            return redirect(lab)
    return render(
        request, "schoollabs/lab_form.html", {"form": form, "cluster": cluster, "tab": "labs"}
    )


@login_required
def lab_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lab = selectors.lab_for_user(request.user, pk)
    today = timezone.localdate()
    can_manage = allowed(request, "schoollabs.manage_lab", lab)
    placements = selectors.placements_for(request.user).filter(lab=lab)
    return render(
        request,
        "schoollabs/lab_detail.html",
        {
            "lab": lab,
            "cluster": lab.cluster,
            "upcoming": lab.activities.filter(date__gte=today).order_by("date", "start_time")[:8],
            "recent": lab.activities.filter(date__lt=today).order_by("-date")[:8],
            "kind_counts": _kind_counts(lab),
            "placements": placements.order_by("-term__start_date", "student__full_name")[:50],
            "studies": selectors.studies_for(request.user).filter(lab=lab),
            "can_manage": can_manage,
            "calendar_token": CalendarToken.objects.filter(user=request_user(request)).first(),
            "tab": "labs",
        },
    )


def _kind_counts(lab: SchoolLab) -> list[tuple[Any, int]]:
    counts = dict(lab.activities.values_list("kind").annotate(n=Count("id")))
    return [(label, counts[key]) for key, label in Activity.Kind.choices if key in counts]


@login_required
def lab_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lab = selectors.lab_for_user(request.user, pk)
    require(request, "schoollabs.manage_lab", lab)
    form_class = (
        LabForm if allowed(request, "schoollabs.create_lab", lab.cluster) else LabManagerForm
    )
    form = form_class(request.POST or None, instance=lab, cluster=lab.cluster)
    if request.method == "POST" and form.is_valid():
        try:
            services.lab_update(actor=request.user, lab=lab, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(lab)
    return render(
        request,
        "schoollabs/lab_form.html",
        {"form": form, "lab": lab, "cluster": lab.cluster, "tab": "labs"},
    )


@login_required
def lab_history(request: HttpRequest, pk: int) -> HttpResponse:
    lab = selectors.lab_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": lab,
            "cluster": lab.cluster,
            "entries": history_entries(lab),
            "back_url": lab.get_absolute_url(),
            "tab": "labs",
        },
    )


@login_required
def term_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.manage_terms", cluster)
    form = TermForm(request.POST or None, instance=Term(cluster=cluster))
    if request.method == "POST" and form.is_valid():
        services.term_save(actor=request.user, term=form.instance)
        messages.success(request, _("The term was saved."))
        return redirect("schoollabs:terms", slug=cluster.slug)
    return render(
        request,
        "schoollabs/term_list.html",
        {
            "cluster": cluster,
            "terms": selectors.cluster_terms(cluster),
            "form": form,
            "tab": "labs",
        },
    )


@login_required
def term_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.manage_terms", cluster)
    term = selectors.term_of(cluster, pk)
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        services.term_save(actor=request.user, term=form.instance)
        messages.success(request, _("Saved."))
        return redirect("schoollabs:terms", slug=cluster.slug)
    return render(
        request,
        "schoollabs/term_form.html",
        {"cluster": cluster, "term": term, "form": form, "tab": "labs"},
    )
