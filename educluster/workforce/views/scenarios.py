"""Scenarios: read by everyone who sees forecasts, edited by coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.workforce import selectors, services
from educluster.workforce.forms import OverrideFormSet, ScenarioForm
from educluster.workforce.models import Scenario, ScenarioOverride
from educluster.workforce.views._common import nav, require


@login_required
def scenario_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_aggregates", cluster)
    scenarios = cluster.workforce_scenarios.prefetch_related(
        "overrides", "overrides__district", "overrides__subject"
    )
    return render(
        request,
        "workforce/scenario_list.html",
        {**nav(request, cluster, "scenarios"), "scenarios": scenarios},
    )


@login_required
def scenario_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.manage", cluster)
    scenario = selectors.scenario_of(cluster, pk) if pk else Scenario(cluster=cluster)
    form = ScenarioForm(request.POST or None, instance=scenario)
    formset = OverrideFormSet(request.POST or None, instance=scenario, prefix="overrides")
    districts = selectors.cluster_districts(cluster)
    for override_form in [*formset.forms, formset.empty_form]:
        override_form.fields["district"].queryset = districts  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        kept = [
            f.instance
            for f in formset.forms
            if f.has_changed() and not f.cleaned_data.get("DELETE")
        ]
        removed = [f.instance for f in formset.deleted_forms if getattr(f.instance, "pk", None)]
        try:
            services.scenario_save(
                actor=request.user, scenario=form.instance, overrides=kept, removed=removed
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The scenario was saved."))
            return redirect("workforce:scenarios", slug=cluster.slug)
    return render(
        request,
        "workforce/scenario_form.html",
        {
            **nav(request, cluster, "scenarios"),
            "form": form,
            "formset": formset,
            "scenario": scenario,
        },
    )


@login_required
def scenario_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_aggregates", cluster)
    scenario = selectors.scenario_of(cluster, pk)
    return render(
        request,
        "core/history.html",
        {
            **nav(request, cluster, "scenarios"),
            "object": scenario,
            "entries": history_entries(
                scenario, related=[ScenarioOverride.history.filter(scenario_id=scenario.pk)]
            ),
            "back_url": reverse("workforce:scenarios", args=[cluster.slug]),
        },
    )


@login_required
@require_POST
def scenario_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.manage", cluster)
    services.scenario_delete(actor=request.user, scenario=selectors.scenario_of(cluster, pk))
    messages.success(request, _("The scenario was deleted."))
    return redirect("workforce:scenarios", slug=cluster.slug)
