"""Feedback pages: the employer's list of graduates and form (and its correction), a
feedback's History, the department's summary and its XLSX export. Views are thin: check
access, call one selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.xlsx import xlsx_response
from educluster.feedback import selectors, services
from educluster.feedback.forms import FeedbackForm
from educluster.feedback.models import COMPETENCES, CompetenceRating, GraduateFeedback
from educluster.feedback.rules import giver_institution_ids
from educluster.registry.models import Cluster


def _cluster(request: HttpRequest, slug: str) -> Cluster:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("feedback.view", cluster):
        raise Http404
    return cluster


@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(request, slug)
    can_summary = request.user.has_perm("feedback.view_summary", cluster)
    context = {
        "cluster": cluster,
        "tab": "feedback",
        "waiting": list(selectors.waiting_outcomes(request.user, cluster)[:200]),
        "given": list(selectors.given_feedback(request.user, cluster)[:200]),
        "editable": giver_institution_ids(request.user),
        "can_summary": can_summary,
        "competences": [name for _code, name in COMPETENCES],
        "rows": selectors.summary(cluster) if can_summary else [],
    }
    return render(request, "feedback/index.html", context)


@login_required
def give(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _cluster(request, slug)
    outcome = get_object_or_404(selectors.waiting_outcomes(request.user, cluster), pk=pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(
                actor=request.user,
                outcome=outcome,
                ratings=form.ratings(),
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you: the feedback is saved."))
            return redirect("feedback:index", slug=cluster.slug)
    return render(
        request,
        "feedback/give.html",
        {"cluster": cluster, "tab": "feedback", "outcome": outcome, "form": form},
    )


def _record(request: HttpRequest, slug: str, pk: int) -> tuple[Cluster, GraduateFeedback]:
    cluster = _cluster(request, slug)
    return cluster, get_object_or_404(selectors.given_feedback(request.user, cluster), pk=pk)


@login_required
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster, feedback = _record(request, slug, pk)
    if not request.user.has_perm("feedback.change", feedback):
        raise Http404
    initial = {r.competence.code: r.rating for r in feedback.ratings.select_related("competence")}
    form = FeedbackForm(request.POST or None, initial=initial | {"comment": feedback.comment})
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_change(
                actor=request.user,
                feedback=feedback,
                ratings=form.ratings(),
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The feedback is updated."))
            return redirect("feedback:index", slug=cluster.slug)
    return render(
        request,
        "feedback/give.html",
        {
            "cluster": cluster,
            "tab": "feedback",
            "outcome": feedback.outcome,
            "feedback": feedback,
            "form": form,
        },
    )


@login_required
def history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster, feedback = _record(request, slug, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": feedback,
            "cluster": cluster,
            "tab": "feedback",
            "entries": history_entries(
                feedback, related=[CompetenceRating.history.filter(feedback_id=feedback.pk)]
            ),
            "back_url": reverse("feedback:index", args=[cluster.slug]),
        },
    )


@login_required
def export(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(request, slug)
    if not request.user.has_perm("feedback.view_summary", cluster):
        raise Http404
    headers = [
        _("Programme"),
        _("Graduation year"),
        _("Feedback (n)"),
        *[str(name) for _code, name in COMPETENCES],
        _("Weakest competence"),
    ]
    rows = [
        [
            r.programme,
            r.cohort_year,
            r.n,
            *r.cells(),
            r.weakest_name,
        ]
        for r in selectors.summary(cluster)
    ]
    return xlsx_response(f"feedback-{cluster.slug}.xlsx", headers, rows, title=_("Feedback"))
