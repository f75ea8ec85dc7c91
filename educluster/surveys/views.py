"""Surveys pages: the list, the coordinator's editor and results (with XLSX), the fill-in page.
Views are thin: check access, call one selector or service, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.xlsx import xlsx_response
from educluster.registry.models import Cluster
from educluster.surveys import selectors, services
from educluster.surveys.forms import QuestionForm, SurveyFilter, SurveyForm, TemplateForm
from educluster.surveys.models import Question, Survey


def _cluster(request: HttpRequest, slug: str) -> Cluster:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("surveys.view", cluster):
        raise Http404
    return cluster


def _managed(request: HttpRequest, slug: str, pk: int) -> tuple[Cluster, Survey]:
    cluster = _cluster(request, slug)
    if not request.user.has_perm("surveys.manage", cluster):
        raise Http404
    return cluster, get_object_or_404(Survey, cluster=cluster, pk=pk)


def _base(request: HttpRequest, cluster: Cluster) -> dict[str, Any]:
    return {
        "cluster": cluster,
        "tab": "surveys",
        "can_manage": request.user.has_perm("surveys.manage", cluster),
    }


@login_required
def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(request, slug)
    context = _base(request, cluster)
    form = SurveyForm(request.POST or None) if context["can_manage"] else None
    if form is not None and request.method == "POST" and form.is_valid():
        survey = services.survey_create(cluster=cluster, by=request.user, **form.cleaned_data)
        return redirect("surveys:edit", cluster.slug, survey.pk)
    survey_filter = SurveyFilter(request.GET or None)
    audience = survey_filter.cleaned_data["audience"] if survey_filter.is_valid() else ""
    surveys = list(
        selectors.surveys_for(
            request.user, cluster, manage=context["can_manage"], audience=audience
        )
    )
    context.update(
        surveys=surveys,
        filter=survey_filter,
        answered=selectors.answered_ids(request.user, surveys),
        form=form,
        template_form=TemplateForm(),
    )
    return render(request, "surveys/list.html", context)


@login_required
@require_POST
def from_template(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(request, slug)
    if not request.user.has_perm("surveys.manage", cluster):
        raise Http404
    form = TemplateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language for the template."))
        return redirect("surveys:list", cluster.slug)
    survey = services.survey_from_template(
        cluster=cluster, language=form.cleaned_data["language"], by=request.user
    )
    return redirect("surveys:edit", cluster.slug, survey.pk)


@login_required
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster, survey = _managed(request, slug, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "open":
                services.survey_open(survey=survey)
                return redirect("surveys:edit", cluster.slug, survey.pk)
            if action == "close":
                services.survey_close(survey=survey)
                return redirect("surveys:edit", cluster.slug, survey.pk)
            if form.is_valid():
                data = form.cleaned_data
                services.question_add(
                    survey=survey,
                    text=data["text"],
                    kind=data["kind"],
                    choices=data["choices"].splitlines(),
                    scale_points=data["scale_points"],
                    scale=data["scale"],
                    required=data["required"],
                )
                return redirect("surveys:edit", cluster.slug, survey.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    context = _base(request, cluster)
    context.update(survey=survey, questions=list(survey.questions.all()), form=form)
    return render(request, "surveys/edit.html", context)


@login_required
def fill(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _cluster(request, slug)
    survey = get_object_or_404(Survey, cluster=cluster, pk=pk, status=Survey.Status.OPEN)
    questions = list(survey.questions.all())
    errors: dict[str, list[str]] = {}
    general: list[str] = []
    done = bool(selectors.answered_ids(request.user, [survey]))
    if request.method == "POST" and not done:
        raw = {q.pk: request.POST.getlist(f"q{q.pk}") for q in questions}
        try:
            services.response_submit(survey=survey, user=request.user, answers=raw)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = exc.message_dict
            else:
                general = exc.messages
        else:
            messages.success(request, _("Thank you, your answers are saved."))
            return redirect("surveys:list", cluster.slug)
    rows = [(q, errors.get(f"q{q.pk}", []), request.POST.getlist(f"q{q.pk}")) for q in questions]
    context = _base(request, cluster)
    context.update(survey=survey, rows=rows, done=done, general=general, has_errors=bool(errors))
    return render(request, "surveys/fill.html", context, status=400 if errors else 200)


@login_required
def results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster, survey = _managed(request, slug, pk)
    context = _base(request, cluster)
    context.update(survey=survey, **selectors.results(survey))
    return render(request, "surveys/results.html", context)


@login_required
def history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster, survey = _managed(request, slug, pk)
    context = _base(request, cluster)
    context.update(
        object=survey,
        survey=survey,
        entries=history_entries(survey, related=[Question.history.filter(survey_id=survey.pk)]),
        back_url=reverse("surveys:edit", args=[cluster.slug, survey.pk]),
    )
    return render(request, "core/history.html", context)


@login_required
def export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _managed(request, slug, pk)[1]
    data = selectors.results(survey)
    rows: list[list[Any]] = []
    for r in data["questions"]:
        for label, count, share in r.rows:
            rows.append([r.question.order, r.question.text, label, count, round(share, 4), ""])
        if r.mean is not None:
            rows.append([r.question.order, r.question.text, _("Mean"), r.n, "", round(r.mean, 4)])
        for text in r.texts:
            rows.append([r.question.order, r.question.text, text, "", "", ""])
    for s in data["scales"]:
        rows.append(
            [
                "",
                _("Cronbach's alpha") + f": {s.name}",
                f"k={s.k}",
                s.n,
                "",
                round(s.alpha, 4) if s.alpha is not None else "",
            ]
        )
    headers = [_("No."), _("Question"), _("Answer"), _("Count"), _("Share"), _("Value")]
    return xlsx_response(f"survey-{survey.pk}.xlsx", headers, rows, title=_("Results"))
