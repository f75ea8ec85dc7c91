"""The goal view, indicators computed from data, and students in research."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.pagination import paginate
from educluster.core.utils import request_user
from educluster.core.xlsx import xlsx_response
from educluster.projects import measures, selectors
from educluster.projects.forms import IndicatorMeasureForm
from educluster.projects.goal_sections import goal_counts, render_goal_sections
from educluster.projects.models import IndicatorMeasure
from educluster.projects.views.common import require, show_errors
from educluster.registry.models import Indicator
from educluster.registry.selectors import cluster_goals


def _measure_choices() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in measures.measures()]


@login_required
def goal_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every goal of the cluster with its indicators and how much serves it."""
    cluster = cluster_for_user(request.user, slug)
    goals = list(cluster_goals(cluster))
    counts = goal_counts(cluster, request.user)
    rows = [(goal, [(title, n.get(goal.pk, 0)) for _key, title, n in counts]) for goal in goals]
    return render(
        request,
        "projects/goal_list.html",
        {"cluster": cluster, "rows": rows, "count_titles": [c[1] for c in counts], "tab": "goals"},
    )


@login_required
def goal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One goal: its indicators (current against target) and everything that serves it."""
    cluster = cluster_for_user(request.user, slug)
    goal = selectors.goal_of(cluster, pk)
    indicators = list(goal.indicators.order_by("id"))
    bindings = {b.indicator_id: b for b in IndicatorMeasure.objects.filter(indicator__goal=goal)}
    can_manage = request.user.has_perm("projects.manage_indicators", cluster)
    rows = []
    for indicator in indicators:
        binding = bindings.get(indicator.pk)
        measure = measures.get_measure(binding.measure) if binding else None
        rows.append(
            {
                "indicator": indicator,
                "measure": measure,
                "computed": measures.compute(measure.key, cluster) if measure else None,
                "form": IndicatorMeasureForm(
                    choices=_measure_choices(),
                    initial={"measure": binding.measure if binding else ""},
                    prefix=f"i{indicator.pk}",
                )
                if can_manage
                else None,
            }
        )
    return render(
        request,
        "projects/goal_detail.html",
        {
            "cluster": cluster,
            "goal": goal,
            "indicator_rows": rows,
            "sections": render_goal_sections(request, goal),
            "can_manage": can_manage,
            "tab": "goals",
        },
    )


def _cluster_indicator(request: HttpRequest, slug: str, pk: int):
    cluster = cluster_for_user(request.user, slug)
    require(request, "projects.manage_indicators", cluster)
    try:
        indicator = Indicator.objects.select_related("goal__cluster").get(
            pk=pk, goal__cluster=cluster
        )
    except Indicator.DoesNotExist:
        raise Http404 from None
    return cluster, indicator


@login_required
@require_POST
def indicator_measure(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Tie an indicator to a computed value (or untie it), then update it from the data."""
    cluster, indicator = _cluster_indicator(request, slug, pk)
    form = IndicatorMeasureForm(request.POST, choices=_measure_choices(), prefix=f"i{pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
        return redirect("projects:goal", slug=cluster.slug, pk=indicator.goal_id)
    try:
        binding = measures.indicator_bind(
            actor=request.user, indicator=indicator, measure=form.cleaned_data["measure"]
        )
        if binding is not None:
            measures.indicator_refresh(actor=request.user, indicator=indicator)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The indicator was updated."))
    return redirect("projects:goal", slug=cluster.slug, pk=indicator.goal_id)


@login_required
@require_POST
def indicator_refresh(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Update the indicator's current value from the data ("update indicator")."""
    cluster, indicator = _cluster_indicator(request, slug, pk)
    try:
        measures.indicator_refresh(actor=request.user, indicator=indicator)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The indicator was updated."))
    if request.POST.get("next") == "students":
        return redirect("projects:students", slug=cluster.slug)
    return redirect("projects:goal", slug=cluster.slug, pk=indicator.goal_id)


STUDENT_HEADERS = [
    _("Full name"),
    _("Study level"),
    _("Year of study"),
    _("Programme"),
    _("Projects"),
    _("Roles"),
    _("Deliverables"),
]


def _student_row(p: Any) -> list[Any]:
    # ``p`` carries the memberships and deliverables prefetched by ``student_involvement``.
    return [
        p.full_name,
        p.get_study_level_display(),
        p.study_year,
        p.programme,
        "; ".join(m.project.title for m in p.cluster_memberships),
        "; ".join(str(m.get_role_display()) for m in p.cluster_memberships),
        "; ".join(d.title for d in p.cluster_deliverables),
    ]


@login_required
def students(request: HttpRequest, slug: str) -> HttpResponse:
    """Students in research: this year's shares for everyone in the cluster; each student's
    projects, roles and deliverables for those who may see them (a student sees their own)."""
    cluster = cluster_for_user(request.user, slug)
    sees_all = request.user.has_perm("projects.view_student_research", cluster)
    people = selectors.involved_students(cluster)
    if not sees_all:
        people = people.filter(user_id=request_user(request).pk)
    people = selectors.student_involvement(cluster, people)
    if request.GET.get("export") == "xlsx":
        require(request, "projects.view_student_research", cluster)
        return xlsx_response(
            f"students-in-research-{cluster.slug}.xlsx",
            [str(h) for h in STUDENT_HEADERS],
            (_student_row(p) for p in people),
            title=_("Students in research"),
        )
    share = selectors.student_research_share(cluster)
    return render(
        request,
        "projects/students.html",
        {
            "cluster": cluster,
            "share": share,
            "share_indicator": IndicatorMeasure.objects.filter(
                measure="student_research_share", indicator__goal__cluster=cluster
            )
            .select_related("indicator")
            .first(),
            "page": paginate(request, people),
            "query": "",
            "sees_all": sees_all,
            "can_manage_indicators": request.user.has_perm("projects.manage_indicators", cluster),
            "tab": "projects",
        },
    )
