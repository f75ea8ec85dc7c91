"""Effectiveness pages: the cluster page, a member's page, the trace of any index figure
("why is this 0.62?"), recompute runs with progress, and manual values with evidence. Views
are thin: check access, call one selector or service, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.files import file_response
from educluster.core.forms import apply_errors
from educluster.core.utils import is_htmx
from educluster.effectiveness import labels, selectors, services
from educluster.effectiveness.charts import trend_chart
from educluster.effectiveness.forms import ManualValueForm, RunForm, SelfAssessmentForm
from educluster.effectiveness.models import IndexRun, IndicatorDefinition
from educluster.registry.models import Cluster, Institution


def _cluster(request: HttpRequest, slug: str) -> Cluster:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("effectiveness.view", cluster):
        raise Http404
    return cluster


def _require_manage(request: HttpRequest, cluster: Cluster) -> None:
    if not request.user.has_perm("effectiveness.manage", cluster):
        raise PermissionDenied


def _base(request: HttpRequest, cluster: Cluster) -> dict[str, Any]:
    return {
        "cluster": cluster,
        "tab": "effectiveness",
        "can_manage": request.user.has_perm("effectiveness.manage", cluster),
        "can_rank": request.user.has_perm("effectiveness.view_ranking", cluster),
    }


def _names() -> dict[str, str]:
    return {d.code: d.name for d in selectors.definitions()} | {
        "members_index": _("Members' mean index")
    }


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(request, slug)
    run = selectors.latest_run(cluster, request.GET.get("run"))
    context = _base(request, cluster)
    visible = selectors.visible_member_ids(request.user, cluster)
    context.update(
        run=run,
        runs=list(selectors.runs_of(cluster).select_related("created_by")[:10]),
        run_form=RunForm(initial={"year": run.year if run else "", "method": "renormalise"}),
        rows=selectors.cluster_rows(cluster, run.year, run.term) if run else [],
        goals=selectors.goal_progress(cluster),
        ranking=list(selectors.ranking(run, visible)) if run else [],
        by_kind=[
            (Institution.Kind(kind).label, mean)
            for kind, mean in (run.summary.get("by_kind", {}) if run else {}).items()
        ],
        trend=trend_chart(
            [(_("Cluster index"), selectors.cluster_trend(cluster))],
            title=_("Cluster index by year"),
            prefix="eff-cluster",
        ),
    )
    return render(request, "effectiveness/overview.html", context)


@login_required
@require_POST
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(request, slug)
    _require_manage(request, cluster)
    form = RunForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            run = services.index_run_start(
                actor=request.user,
                cluster=cluster,
                year=data["year"],
                term=data["term"] or "",
                method=data["method"],
                min_coverage=data["min_coverage"] or 0.0,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            return redirect("effectiveness:run", cluster.slug, run.pk)
    for errors in form.errors.values():
        for problem in errors:
            messages.error(request, str(problem))
    return redirect("effectiveness:overview", cluster.slug)


@login_required
def run_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _cluster(request, slug)
    run = selectors.run_of(cluster, pk)
    if is_htmx(request) and request.GET.get("progress"):
        response = render(
            request, "effectiveness/_run_progress.html", {"run": run, "cluster": cluster}
        )
        if not run.is_running:
            response["HX-Refresh"] = "true"  # finished: reload to show the result
        return response
    return render(
        request,
        "effectiveness/run_detail.html",
        {
            **_base(request, cluster),
            "run": run,
            "method_label": labels.method_label(run.policy.get("method", "")),
        },
    )


@login_required
def run_inputs(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The run's inputs, weights, policy and results as JSON, to reproduce it exactly."""
    cluster = _cluster(request, slug)
    if not request.user.has_perm("effectiveness.view_ranking", cluster):
        raise Http404
    run = selectors.run_of(cluster, pk, full=True)
    return JsonResponse(
        {
            "run": run.pk,
            "period": {"year": run.year, "term": run.term},
            "engine_version": run.engine_version,
            "policy": run.policy,
            "weights": run.weights,
            "inputs": run.inputs,
            "results": run.results,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@login_required
def trace(request: HttpRequest, slug: str, pk: int, key: str) -> HttpResponse:
    """Why an index figure is what it is: raw inputs, normalisation, weights, contributions."""
    cluster = _cluster(request, slug)
    run = selectors.run_of(cluster, pk, full=True)
    if run.status != IndexRun.Status.DONE:
        raise Http404
    member = None
    if key == "cluster":
        figure = run.results["cluster"]
        details = {
            r.definition.code: r.detail for r in selectors.cluster_rows(cluster, run.year, run.term)
        }
    else:
        if not key.isdigit():
            raise Http404
        member = selectors.member_for_user(request.user, cluster, int(key))
        figure = run.member(member.pk)
        if figure is None:
            raise Http404
        details = {
            r.definition.code: r.detail
            for r in selectors.member_rows(cluster, member, run.year, run.term)
        }
    names = _names()
    lines = [
        {
            **t,
            "name": names.get(t["indicator"], t["indicator"]),
            "direction_label": labels.direction_label(t.get("direction", "")),
            "detail_items": labels.detail_items(details.get(t["indicator"], {})),
        }
        for t in figure["trace"]
    ]
    return render(
        request,
        "effectiveness/trace.html",
        {
            **_base(request, cluster),
            "run": run,
            "member": member,
            "figure": figure,
            "lines": lines,
            "method_label": labels.method_label(run.policy.get("method", "")),
        },
    )


@login_required
def member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _cluster(request, slug)
    institution = selectors.member_for_user(request.user, cluster, pk)
    run = selectors.latest_run(cluster, request.GET.get("run"))
    score = None
    if run is not None:
        score = next(iter(selectors.ranking(run, frozenset({institution.pk}))), None)
    return render(
        request,
        "effectiveness/member.html",
        {
            **_base(request, cluster),
            "member": institution,
            "run": run,
            "score": score,
            "rows": selectors.member_rows(cluster, institution, run.year, run.term) if run else [],
            "trend": trend_chart(
                [
                    (
                        institution.short_name or institution.name,
                        selectors.member_trend(cluster, institution),
                    ),
                    (_("Cluster index"), selectors.cluster_trend(cluster)),
                ],
                title=_("Index by year"),
                prefix="eff-member",
            ),
        },
    )


@login_required
def manual(request: HttpRequest, slug: str) -> HttpResponse:
    """Manual indicator values with their evidence: the coordinator enters, everyone who sees the
    page can check what was entered, by whom and when."""
    cluster = _cluster(request, slug)
    _require_manage(request, cluster)
    form = ManualValueForm(request.POST or None, request.FILES or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_value_enter(
                actor=request.user,
                cluster=cluster,
                definition=data["definition"],
                institution=data["institution"],
                year=data["year"],
                term=data["term"] or "",
                value=data["value"],
                note=data["note"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The value is saved."))
            return redirect(reverse("effectiveness:manual", args=[cluster.slug]))
    return render(
        request,
        "effectiveness/manual.html",
        {
            **_base(request, cluster),
            "form": form,
            "values": list(selectors.manual_values(cluster)[:200]),
            "manual_definitions": [
                d for d in selectors.definitions() if d.source == IndicatorDefinition.Source.MANUAL
            ],
        },
    )


@login_required
def self_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    """The cluster-management scorecard: six areas scored year on year by the coordinator."""
    cluster = _cluster(request, slug)
    can_manage = request.user.has_perm("effectiveness.manage", cluster)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = SelfAssessmentForm(request.POST or None) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_save(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The score is saved."))
            return redirect(reverse("effectiveness:self_assessment", args=[cluster.slug]))
    years, grid = selectors.self_assessment_grid(cluster)
    return render(
        request,
        "effectiveness/self_assessment.html",
        {**_base(request, cluster), "years": years, "grid": grid, "form": form},
    )


@login_required
def evidence(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The evidence file of a manual value, to whoever may see the value."""
    cluster = _cluster(request, slug)
    value = selectors.evidence_for_user(request.user, cluster, pk)
    name = (value.evidence.name or "evidence").rsplit("/", 1)[-1]
    return file_response(value.evidence, download_name=name)
