"""Study pages: studies and their classes, pupil results (entry, table, export — every look
logged), the access log, and assessment instruments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate
from educluster.core.xlsx import xlsx_response
from educluster.schoollabs import selectors, services
from educluster.schoollabs.codes import pupil_code_rule
from educluster.schoollabs.forms import GroupForm, StudyForm, result_entry_formset
from educluster.schoollabs.models import PupilDataAccess, Study, StudyGroup, Wave

from ._common import allowed, client_ip, require, show_errors

Action = PupilDataAccess.Action


def _log(request: HttpRequest, study: Study, action: str, detail: str = "") -> None:
    services.pupil_data_logged(
        actor=request.user, study=study, action=action, detail=detail, ip_address=client_ip(request)
    )


@login_required
def study_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.view_studies", cluster)
    return render(
        request,
        "schoollabs/study_list.html",
        {
            "cluster": cluster,
            "page": paginate(request, selectors.cluster_studies(request.user, cluster)),
            "query": "",
            "can_create": allowed(request, "schoollabs.create_study", cluster),
            "can_see_log": allowed(request, "schoollabs.view_access_log", cluster),
            "tab": "studies",
        },
    )


def _labs_for_study(request: HttpRequest, cluster):
    labs = selectors.labs_for(request.user).filter(cluster=cluster)
    if allowed(request, "schoollabs.create_lab", cluster):
        return labs
    from educluster.schoollabs.rules import lab_roles

    return labs.filter(pk__in=lab_roles(request.user).supervised_lab_ids)


@login_required
def study_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.create_study", cluster)
    form = StudyForm(request.POST or None, cluster=cluster, labs=_labs_for_study(request, cluster))
    if request.method == "POST" and form.is_valid():
        try:
            study = services.study_save(
                actor=request.user, study=form.instance, team=form.cleaned_data["team"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The study was created; add its classes."))
            return redirect(study)
    return render(
        request, "schoollabs/study_form.html", {"form": form, "cluster": cluster, "tab": "studies"}
    )


@login_required
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.view_study", study)
    counts = selectors.study_counts(study)
    waves = study.waves
    table = [
        (arm, label, [counts.get((arm, w.value), 0) for w in waves])
        for arm, label in StudyGroup.Arm.choices[::-1]
    ]
    return render(
        request,
        "schoollabs/study_detail.html",
        {
            "study": study,
            "cluster": study.cluster,
            "groups": selectors.study_groups(study),
            "team": study.team.select_related("institution"),
            "items": study.instrument.items.all(),
            "waves": waves,
            "count_table": table,
            "can_manage": allowed(request, "schoollabs.manage_study", study),
            "can_see_pupils": allowed(request, "schoollabs.view_pupil_data", study),
            "tab": "studies",
        },
    )


@login_required
def study_edit(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.manage_study", study)
    labs = _labs_for_study(request, study.cluster) | selectors.labs_for(request.user).filter(
        pk=study.lab_id
    )
    form = StudyForm(request.POST or None, instance=study, cluster=study.cluster, labs=labs)
    if request.method == "POST" and form.is_valid():
        try:
            services.study_save(actor=request.user, study=study, team=form.cleaned_data["team"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(study)
    return render(
        request,
        "schoollabs/study_form.html",
        {"form": form, "study": study, "cluster": study.cluster, "tab": "studies"},
    )


@login_required
def study_history(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.manage_study", study)
    return render(
        request,
        "core/history.html",
        {
            "object": study,
            "cluster": study.cluster,
            "entries": history_entries(
                study,
                related=[StudyGroup.history.filter(study_id=study.pk)],
            ),
            "back_url": study.get_absolute_url(),
            "tab": "studies",
        },
    )


@login_required
def group_edit(request: HttpRequest, pk: int, group_pk: int | None = None) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.manage_study", study)
    group = selectors.group_of(study, group_pk) if group_pk else StudyGroup(study=study)
    form = GroupForm(request.POST or None, instance=group, study=study)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_save(actor=request.user, group=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The class was saved."))
            return redirect(study)
    return render(
        request,
        "schoollabs/group_form.html",
        {"form": form, "study": study, "group": group, "cluster": study.cluster, "tab": "studies"},
    )


@login_required
@require_POST
def group_delete(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.manage_study", study)
    try:
        services.group_delete(actor=request.user, group=selectors.group_of(study, group_pk))
        messages.success(request, _("The class was removed."))
    except ValidationError as error:
        show_errors(request, error)
    return redirect(study)


# --- Pupil-level data: every view and export is logged ----------------------------------------


@login_required
def results_list(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.view_pupil_data", study)
    pupils = selectors.study_pupils(study)
    group = request.GET.get("group", "")
    if group.isdigit():
        pupils = pupils.filter(group_id=int(group))
    page = paginate(request, pupils, per_page=50)
    _log(request, study, Action.VIEW_RESULTS, _("page %(n)d") % {"n": page.number})
    return render(
        request,
        "schoollabs/results_list.html",
        {
            "study": study,
            "cluster": study.cluster,
            "page": page,
            "query": f"group={group}" if group else "",
            "groups": study.groups.all(),
            "group": group,
            "waves": study.waves,
            "can_manage": allowed(request, "schoollabs.manage_study", study),
            "tab": "studies",
        },
    )


def _wave_of(study: Study, raw: str | None) -> int:
    try:
        wave = int(raw or 0)
    except ValueError:
        raise Http404 from None
    if wave not in [w.value for w in study.waves]:
        raise Http404
    return wave


@login_required
def results_enter(request: HttpRequest, pk: int) -> HttpResponse:
    """A class's results at one wave as a table: existing pupils first, then empty rows."""
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.manage_study", study)
    groups = list(study.groups.select_related("institution"))
    if not groups:
        messages.error(request, _("Add the study's classes first."))
        return redirect(study)
    raw_group = request.GET.get("group") or str(groups[0].pk)
    group = next((g for g in groups if str(g.pk) == raw_group), None)
    if group is None:
        raise Http404
    wave = _wave_of(study, request.GET.get("wave"))
    items = list(study.instrument.items.all())
    existing = selectors.study_pupils(study).filter(group=group)
    initial = []
    for pupil in existing:
        result = next((r for r in pupil.results.all() if r.wave == wave), None)
        row = {"code": pupil.code, "sex": pupil.sex, "birth_year": pupil.birth_year}
        if result is not None:
            row |= {f"item_{i.number}": s for i, s in zip(items, result.scores, strict=False)}
        initial.append(row)
    formset = result_entry_formset(items=items, initial=initial, data=request.POST or None)
    save_errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = [
            services.ResultRow(
                code=f.cleaned_data["code"],
                group=group,
                wave=wave,
                scores=f.scores,
                sex=f.cleaned_data.get("sex") or "",
                birth_year=f.cleaned_data.get("birth_year"),
            )
            for f in formset
            if f.cleaned_data.get("code") and not f.cleaned_data.get("absent")
        ]
        try:
            changed = services.results_save(actor=request.user, study=study, rows=rows)
        except ValidationError as error:
            save_errors = error.messages
        else:
            _log(
                request,
                study,
                Action.SAVE_RESULTS,
                _("%(group)s, %(wave)s: %(n)d rows")
                % {"group": group.code, "wave": Wave(wave).label, "n": changed},
            )
            messages.success(request, _("Saved: %(n)d results changed.") % {"n": changed})
            return redirect(f"{request.path}?group={group.pk}&wave={wave}")
    if request.method != "POST":
        _log(
            request,
            study,
            Action.VIEW_ENTRY,
            f"{group.code}, {Wave(wave).label}",
        )
    return render(
        request,
        "schoollabs/results_enter.html",
        {
            "study": study,
            "cluster": study.cluster,
            "formset": formset,
            "items": items,
            "groups": groups,
            "group": group,
            "wave": wave,
            "waves": study.waves,
            "code_rule": pupil_code_rule(),
            "save_errors": save_errors,
            "tab": "studies",
        },
    )


@login_required
def data_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every result as one row, pupils by code only (the system holds no names)."""
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.view_pupil_data", study)
    items = list(study.instrument.items.all())
    headers = [
        _("Study"),
        _("Class code"),
        _("Group"),
        _("School"),
        _("Class"),
        _("Pupil code"),
        _("Sex"),
        _("Birth year"),
        _("Wave"),
        _("Assessed on"),
        *[f"{i.number}. {i.title}" for i in items],
        _("Total score"),
    ]
    rows = []
    for pupil in selectors.study_pupils(study):
        for result in pupil.results.all():
            rows.append(
                [
                    study.code,
                    pupil.group.code,
                    pupil.group.get_arm_display(),
                    pupil.group.institution.code or pupil.group.institution.name,
                    pupil.group.class_label,
                    pupil.code,
                    pupil.sex,
                    pupil.birth_year,
                    result.get_wave_display(),
                    result.assessed_on,
                    *result.scores,
                    result.total,
                ]
            )
    _log(request, study, Action.EXPORT_XLSX, _("%(n)d rows") % {"n": len(rows)})
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"study-{study.code}-{stamp}.xlsx", headers, rows, title=study.code)


@login_required
def access_log(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.view_access_log", cluster)
    entries = selectors.access_log(cluster)
    study = request.GET.get("study", "")
    if study.isdigit():
        entries = entries.filter(study_id=int(study))
    return render(
        request,
        "schoollabs/access_log.html",
        {
            "cluster": cluster,
            "page": paginate(request, entries, per_page=50),
            "query": f"study={study}" if study else "",
            "studies": Study.objects.filter(cluster=cluster),
            "study": study,
            "tab": "studies",
        },
    )
