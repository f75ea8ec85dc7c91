"""Reference inputs: read by coordinators and analysts, edited by coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.registry.models import Cluster, District, Language
from educluster.workforce import selectors, services
from educluster.workforce.forecasting.snapshot import settings_for
from educluster.workforce.models import (
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    GraduateCohort,
    PupilCount,
    Subject,
    WorkforceSettings,
)
from educluster.workforce.reference_forms import (
    AttritionForm,
    CurriculumForm,
    DistrictNormForm,
    GraduateForm,
    PupilGridForm,
    PupilYearForm,
    SettingsForm,
)
from educluster.workforce.views import reference_export
from educluster.workforce.views._common import nav, report_errors, require


def _readable(request: HttpRequest, slug: str) -> Cluster:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_reference", cluster)
    return cluster


def _managed(request: HttpRequest, slug: str) -> Cluster:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.manage", cluster)
    return cluster


def _curriculum_table(cluster: Cluster) -> dict[tuple[int, int], object]:
    return {
        (subject_id, grade): hours
        for subject_id, grade, hours in CurriculumHours.objects.filter(cluster=cluster).values_list(
            "subject_id", "grade", "weekly_hours"
        )
    }


@login_required
def reference_overview(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _readable(request, slug)
    export = request.GET.get("export")
    if export:
        return reference_export.export(cluster, export)
    subjects = list(Subject.objects.all())
    table = _curriculum_table(cluster)
    districts = selectors.cluster_districts(cluster).order_by("name_uz")
    norms = {n.district_id: n for n in DistrictNorm.objects.filter(cluster=cluster)}
    attrition = dict(AttritionRate.objects.filter(cluster=cluster).values_list("age_band", "rate"))
    pupil_years = (
        PupilCount.objects.filter(cluster=cluster)
        .values("district__name_uz", "district__code", "year")
        .annotate(total=Sum("pupils"), rows=Count("id"))
        .order_by("district__name_uz", "-year")
    )
    return render(
        request,
        "workforce/reference.html",
        {
            **nav(request, cluster, "reference"),
            "settings": settings_for(cluster),
            "grades": list(range(1, 12)),
            "curriculum": [(s, [table.get((s.pk, g)) for g in range(1, 12)]) for s in subjects],
            "districts": [(d, norms.get(d.pk)) for d in districts],
            "attrition": AttritionForm(rates=attrition).rows[0][1],
            "pupil_years": pupil_years,
            "graduates": GraduateCohort.objects.filter(cluster=cluster).select_related("specialty"),
            "can_manage": request.user.has_perm("workforce.manage", cluster),
        },
    )


@login_required
def reference_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed which reference input and when (the cluster's own changes are left out)."""
    cluster = _readable(request, slug)
    related = [
        model.history.filter(cluster_id=cluster.pk)
        for model in (
            WorkforceSettings,
            CurriculumHours,
            DistrictNorm,
            AttritionRate,
            GraduateCohort,
            PupilCount,
        )
    ]
    entries = [e for e in history_entries(cluster, related=related) if e.subject]
    return render(
        request,
        "core/history.html",
        {
            **nav(request, cluster, "reference"),
            "object": _("Reference inputs"),
            "entries": entries,
            "back_url": _back(cluster),
        },
    )


def _back(cluster: Cluster) -> str:
    return reverse("workforce:reference", args=[cluster.slug])


@login_required
def settings_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed(request, slug)
    form = SettingsForm(request.POST or None, instance=settings_for(cluster))
    if request.method == "POST" and form.is_valid():
        services.settings_save(actor=request.user, cluster=cluster, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(_back(cluster))
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster, "reference"),
            "form": form,
            "title": _("Forecast norms and assumptions"),
            "back_url": _back(cluster),
        },
    )


def _grid(request, cluster, form, title: str, save) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_back(cluster))
    return render(
        request,
        "workforce/grid_form.html",
        {
            **nav(request, cluster, "reference"),
            "form": form,
            "title": title,
            "back_url": _back(cluster),
        },
    )


@login_required
def curriculum_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed(request, slug)
    form = CurriculumForm(
        request.POST or None, subjects=list(Subject.objects.all()), table=_curriculum_table(cluster)
    )
    return _grid(
        request,
        cluster,
        form,
        _("Curriculum: weekly hours per class"),
        lambda f: services.curriculum_save(actor=request.user, cluster=cluster, table=f.table()),
    )


@login_required
@require_POST
def curriculum_example(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed(request, slug)
    services.curriculum_load_example(actor=request.user, cluster=cluster)
    messages.success(request, _("The example curriculum was loaded; check and edit it."))
    return redirect(_back(cluster))


@login_required
def attrition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed(request, slug)
    rates = dict(AttritionRate.objects.filter(cluster=cluster).values_list("age_band", "rate"))
    form = AttritionForm(request.POST or None, rates=rates)
    return _grid(
        request,
        cluster,
        form,
        _("Attrition by age band"),
        lambda f: services.attrition_save(actor=request.user, cluster=cluster, rates=f.rates()),
    )


def _district_of(cluster: Cluster, code: str) -> District:
    district = selectors.cluster_districts(cluster).filter(code=code).first()
    if district is None:
        raise Http404
    return district


@login_required
def district_norm_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    cluster = _managed(request, slug)
    district = _district_of(cluster, code)
    norm = DistrictNorm.objects.filter(cluster=cluster, district=district).first()
    form = DistrictNormForm(request.POST or None, instance=norm)
    if request.method == "POST" and form.is_valid():
        services.district_norm_save(
            actor=request.user, cluster=cluster, district=district, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect(_back(cluster))
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster, "reference"),
            "form": form,
            "title": _("District norms"),
            "subtitle": district.name,
            "back_url": _back(cluster),
        },
    )


@login_required
def pupil_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _readable(request, slug)
    districts = selectors.cluster_districts(cluster).order_by("name_uz")
    rows = PupilCount.objects.filter(cluster=cluster).select_related("district", "language")
    district = request.GET.get("district", "")
    year = request.GET.get("year", "")
    if district:
        rows = rows.filter(district__code=district)
    if year.isdigit():
        rows = rows.filter(year=int(year))
    if request.GET.get("export") == "xlsx":
        return reference_export.pupils(cluster, rows)
    goto = PupilYearForm(request.GET if "goto" in request.GET else None, districts=districts)
    if goto.is_bound and goto.is_valid():
        require(request, "workforce.manage", cluster)
        return redirect(
            "workforce:pupil_grid",
            slug=cluster.slug,
            code=goto.cleaned_data["district"].code,
            year=goto.cleaned_data["year"],
        )
    return render(
        request,
        "workforce/pupil_list.html",
        {
            **nav(request, cluster, "reference"),
            "page": paginate(request, rows, per_page=55),
            "query": query_without_page(request),
            "districts": districts,
            "district": district,
            "year": year,
            "goto": goto,
            "can_manage": request.user.has_perm("workforce.manage", cluster),
        },
    )


@login_required
def pupil_grid(request: HttpRequest, slug: str, code: str, year: int) -> HttpResponse:
    cluster = _managed(request, slug)
    district = _district_of(cluster, code)
    existing = PupilCount.objects.filter(cluster=cluster, district=district, year=year)
    table = {(r.grade, r.language_id): (r.pupils, r.classes) for r in existing}
    wanted = {lang_id for (_g, lang_id) in table} | set(
        Language.objects.filter(code__in=["uz", "ru"]).values_list("pk", flat=True)
    )
    languages = list(Language.objects.filter(pk__in=wanted).order_by("id"))
    form = PupilGridForm(request.POST or None, languages=languages, table=table)
    return _grid(
        request,
        cluster,
        form,
        _("Pupils and classes: %(district)s, %(year)d") % {"district": district.name, "year": year},
        lambda f: services.pupils_save(
            actor=request.user, cluster=cluster, district=district, year=year, table=f.table()
        ),
    )


@login_required
def graduate_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    cluster = _managed(request, slug)
    cohort = GraduateCohort(cluster=cluster)
    if pk is not None:
        cohort = GraduateCohort.objects.filter(cluster=cluster, pk=pk).first() or _not_found()
    form = GraduateForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.graduate_save(actor=request.user, cohort=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_back(cluster))
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster, "reference"),
            "form": form,
            "title": _("Graduates and their employment"),
            "back_url": _back(cluster),
        },
    )


def _not_found() -> GraduateCohort:
    raise Http404


@login_required
@require_POST
def graduate_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _managed(request, slug)
    cohort = GraduateCohort.objects.filter(cluster=cluster, pk=pk).first() or _not_found()
    services.graduate_delete(actor=request.user, cohort=cohort)
    messages.success(request, _("Deleted."))
    return redirect(_back(cluster))
