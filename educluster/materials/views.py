"""Materials pages: the library, one material with its files and where it is used, adoption,
and how fast materials spread. Each view: check access, call one service or selector, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import Person
from educluster.accounts.scoping import cluster_for_user
from educluster.core.files import file_response
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.utils import is_htmx
from educluster.core.xlsx import xlsx_response
from educluster.materials import charts, selectors, services
from educluster.materials.filters import MaterialFilter
from educluster.materials.forms import AdoptionForm, MaterialFileForm, MaterialForm
from educluster.materials.models import Adoption, Material
from educluster.projects.selectors import team_candidates


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _messages(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _form_page(request: HttpRequest, form, *, cluster, title: str, back_url: str, **extra):
    context = {"form": form, "cluster": cluster, "title": title, "back_url": back_url}
    return render(request, "materials/form.html", context | extra | {"tab": "materials"})


EXPORT_HEADERS = [
    _("Title"),
    _("Kind"),
    _("Language"),
    _("Level"),
    _("Subject"),
    _("Topic tags"),
    _("Authors"),
    _("Produced by project"),
    _("Status"),
    _("Published on"),
    _("Adoptions"),
    _("Average rating"),
]


def _export_row(m: Any) -> list[Any]:
    # ``m`` carries the adoption figures annotated by ``selectors.library``.
    return [
        m.title,
        m.get_kind_display(),
        m.language.name,
        m.get_level_display(),
        m.subject,
        m.tags,
        ", ".join(a.full_name for a in m.authors.all()),
        m.project.title if m.project else "",
        m.get_status_display(),
        m.published_on,
        m.adoption_count,
        round(m.rating_avg, 1) if m.rating_avg is not None else "",
    ]


@login_required
def material_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    base = selectors.library(request.user, cluster)
    filterset = MaterialFilter(
        request.GET or None, queryset=base, subjects=selectors.subjects(cluster)
    )
    materials = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"materials-{cluster.slug}-{timezone.localdate().isoformat()}.xlsx",
            [str(h) for h in EXPORT_HEADERS],
            (_export_row(m) for m in materials),
            title=_("Materials"),
        )
    context = {
        "cluster": cluster,
        "filter": filterset,
        "page": paginate(request, materials),
        "query": query_without_page(request),
        "can_write": request.user.has_perm("materials.write_material", cluster),
        "tab": "materials",
    }
    template = "materials/_material_rows.html" if is_htmx(request) else "materials/library.html"
    return render(request, template, context)


def _material_form(request: HttpRequest, cluster, instance=None) -> MaterialForm:
    return MaterialForm(
        request.POST or None,
        instance=instance,
        cluster=cluster,
        people=team_candidates(cluster).exclude(kind=Person.Kind.STAFF),
        projects=cluster.projects.exclude(status="cancelled").order_by("title"),
    )


@login_required
def material_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "materials.write_material", cluster)
    form = _material_form(request, cluster, instance=Material(cluster=cluster))
    if request.method == "POST" and form.is_valid():
        try:
            material = services.material_create(
                actor=request.user, cluster=cluster, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The draft was saved. Publish it when it is ready."))
            return redirect(material)
    return _form_page(
        request,
        form,
        cluster=cluster,
        title=_("New material"),
        back_url=reverse("materials:list", args=[cluster.slug]),
    )


@login_required
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    can_change = request.user.has_perm("materials.change_material", material)
    adoptions = selectors.where_used(material)
    return render(
        request,
        "materials/material_detail.html",
        {
            "material": material,
            "cluster": material.cluster,
            "authors": material.authors.select_related("institution"),
            "goals": material.goals.all(),
            "files": material.files.all(),
            "adoptions": adoptions,
            "can_change": can_change,
            "can_adopt": material.is_published
            and request.user.has_perm("materials.adopt_material", material),
            "removable": {
                a.pk for a in adoptions if request.user.has_perm("materials.delete_adoption", a)
            },
            "file_form": MaterialFileForm() if can_change else None,
            "effect": selectors.study_effect(material),
            "study_readable": material.source_study_id is not None
            and request.user.has_perm("schoollabs.view_study", material.source_study),
            "tab": "materials",
        },
    )


@login_required
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    _require(request, "materials.change_material", material)
    form = _material_form(request, material.cluster, instance=material)
    if request.method == "POST" and form.is_valid():
        try:
            services.material_update(actor=request.user, material=material, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(material)
    return _form_page(
        request,
        form,
        cluster=material.cluster,
        title=_("Edit material"),
        back_url=material.get_absolute_url(),
    )


@login_required
@require_POST
def material_publish(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    _require(request, "materials.change_material", material)
    try:
        if request.POST.get("undo") == "1":
            services.material_unpublish(actor=request.user, material=material)
            messages.success(request, _("The material is a draft again."))
        else:
            services.material_publish(actor=request.user, material=material)
            messages.success(request, _("The material is published to the whole cluster."))
    except ValidationError as error:
        _messages(request, error)
    return redirect(material)


@login_required
def material_history(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": material,
            "cluster": material.cluster,
            "entries": history_entries(
                material, related=selectors.material_related_history(material)
            ),
            "back_url": material.get_absolute_url(),
            "tab": "materials",
        },
    )


# --- Files ------------------------------------------------------------------------------------


@login_required
@require_POST
def file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    _require(request, "materials.change_material", material)
    form = MaterialFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_file_add(
                actor=request.user, material=material, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            _messages(request, error)
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect(material)


@login_required
def file_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    material = selectors.material_for_user(request.user, pk)
    attached = selectors.file_of(material, file_pk)
    return file_response(attached.file, download_name=attached.name)


@login_required
@require_POST
def file_delete(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    _require(request, "materials.change_material", material)
    services.material_file_delete(actor=request.user, attached=selectors.file_of(material, file_pk))
    messages.success(request, _("The file was removed."))
    return redirect(material)


# --- Adoption ---------------------------------------------------------------------------------


@login_required
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    _require(request, "materials.adopt_material", material)
    if not material.is_published:
        raise PermissionDenied
    institutions = selectors.adopting_institutions(request.user, material.cluster)
    teachers = (
        Person.objects.filter(institution__in=institutions)
        .exclude(kind=Person.Kind.STUDENT)
        .select_related("institution")
    )
    form = AdoptionForm(
        request.POST or None,
        instance=Adoption(material=material),
        institutions=institutions,
        teachers=teachers,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_record(actor=request.user, material=material, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The adoption was recorded."))
            return redirect(material)
    return _form_page(
        request,
        form,
        cluster=material.cluster,
        title=_("Record adoption: %(title)s") % {"title": material.title},
        back_url=material.get_absolute_url(),
    )


@login_required
@require_POST
def adoption_delete(request: HttpRequest, pk: int, adoption_pk: int) -> HttpResponse:
    material = selectors.material_for_user(request.user, pk)
    adoption = selectors.adoption_of(material, adoption_pk)
    _require(request, "materials.delete_adoption", adoption)
    services.adoption_delete(actor=request.user, adoption=adoption)
    messages.success(request, _("The adoption record was removed."))
    return redirect(material)


@login_required
def spread(request: HttpRequest, slug: str) -> HttpResponse:
    """How fast innovations spread: days to first adoption by kind of member, and the share of
    members that adopted at least one material this academic year."""
    cluster = cluster_for_user(request.user, slug)
    result = selectors.adoption_spread(cluster)
    return render(
        request,
        "materials/spread.html",
        {
            "cluster": cluster,
            "spread": result,
            "chart": charts.spread_chart(result),
            "recent": selectors.recent_adoptions(cluster),
            "tab": "materials",
        },
    )
