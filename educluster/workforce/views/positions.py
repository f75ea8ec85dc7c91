"""Positions and the staff records on them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.utils import is_htmx
from educluster.core.xlsx import xlsx_response
from educluster.workforce import selectors, services
from educluster.workforce.filters import PositionFilter
from educluster.workforce.forms import PositionForm, StaffEndForm, StaffForm
from educluster.workforce.models import Position, StaffRecord
from educluster.workforce.views._common import cluster_of, nav, require


def _with_current_staff(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "staff_records",
            queryset=StaffRecord.objects.filter(end_date__isnull=True).select_related("specialty"),
            to_attr="current_staff",
        )
    )


POSITION_EXPORT_HEADERS = [
    gettext_lazy("Institution code"),
    gettext_lazy("Institution"),
    gettext_lazy("District"),
    gettext_lazy("Code"),
    gettext_lazy("Subject"),
    gettext_lazy("Language of instruction"),
    gettext_lazy("Weekly hours"),
    gettext_lazy("Load (stavka)"),
    gettext_lazy("Status"),
    gettext_lazy("Qualification category"),
    gettext_lazy("Specialty"),
    gettext_lazy("Age band"),
    gettext_lazy("Start date"),
]


def _export_row(p: Position) -> list:
    current = getattr(p, "current_staff", [])  # prefetched
    staff = current[0] if current else None
    return [
        p.institution.code,
        p.institution.name,
        p.institution.district.name,
        p.code,
        p.subject.name,
        p.language.name if p.language else "",
        p.weekly_hours,
        p.load_fraction,
        p.get_status_display(),
        staff.get_qualification_category_display() if staff else "",
        staff.specialty.name if staff else "",
        staff.get_age_band_display() if staff else "",
        staff.start_date if staff else None,
    ]


@login_required
def position_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_positions", cluster)
    base = _with_current_staff(selectors.cluster_positions(request.user, cluster))
    institutions = selectors.manageable_institutions(request.user, cluster)
    filterset = PositionFilter(
        request.GET or None,
        queryset=base,
        districts=selectors.cluster_districts(cluster),
        institutions=institutions,
    )
    positions = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"positions-{cluster.slug}-{timezone.localdate().isoformat()}.xlsx",
            [str(h) for h in POSITION_EXPORT_HEADERS],
            (_export_row(p) for p in positions),
            title=_("Positions"),
        )
    context = {
        **nav(request, cluster, "positions"),
        "filter": filterset,
        "page": paginate(request, positions),
        "query": query_without_page(request),
        "can_import": request.user.has_perm("workforce.import_positions", cluster),
    }
    template = (
        "workforce/_position_rows.html" if is_htmx(request) else "workforce/position_list.html"
    )
    return render(request, template, context)


@login_required
def position_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "workforce.view_positions", cluster)
    form = PositionForm(
        request.POST or None,
        institutions=selectors.manageable_institutions(request.user, cluster),
        initial={"load_fraction": 1, "weekly_hours": 18},
    )
    if request.method == "POST" and form.is_valid():
        try:
            position = services.position_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The position was added."))
            return redirect(position)
    return render(
        request,
        "workforce/form.html",
        {**nav(request, cluster, "positions"), "form": form, "title": _("New position")},
    )


@login_required
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_for_user(request.user, pk)
    can_manage = request.user.has_perm("workforce.manage_positions", position.institution)
    staff = []
    if request.user.has_perm("workforce.view_staff", position.institution):
        staff = list(position.staff_records.select_related("specialty"))
    return render(
        request,
        "workforce/position_detail.html",
        {
            **nav(request, cluster_of(request, position.institution), "positions"),
            "position": position,
            "staff": staff,
            "current": next((s for s in staff if s.end_date is None), None),
            "vacancies": position.vacancies.select_related("language"),
            "can_manage": can_manage,
        },
    )


@login_required
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_for_user(request.user, pk)
    require(request, "workforce.manage_positions", position.institution)
    form = PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            services.position_update(
                actor=request.user, position=Position.objects.get(pk=position.pk), **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(position)
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster_of(request, position.institution), "positions"),
            "form": form,
            "title": str(position),
            "back_url": position.get_absolute_url(),
        },
    )


@login_required
def position_history(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_for_user(request.user, pk)
    related = [position.vacancies.model.history.filter(position_id=position.pk)]
    if request.user.has_perm("workforce.view_staff", position.institution):
        related.append(StaffRecord.history.filter(position_id=position.pk))
    return render(
        request,
        "core/history.html",
        {
            **nav(request, cluster_of(request, position.institution), "positions"),
            "object": position,
            "entries": history_entries(position, related=related),
            "back_url": position.get_absolute_url(),
        },
    )


@login_required
def staff_add(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_for_user(request.user, pk)
    require(request, "workforce.manage_positions", position.institution)
    form = StaffForm(
        request.POST or None,
        initial={"specialty": position.subject, "start_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_add(actor=request.user, position=position, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The staff record was added."))
            return redirect(position)
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster_of(request, position.institution), "positions"),
            "form": form,
            "title": _("Teacher on the position"),
            "subtitle": str(position),
            "back_url": position.get_absolute_url(),
        },
    )


@login_required
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.staff_record_for_user(request.user, pk)
    position = record.position
    require(request, "workforce.view_staff", position.institution)
    form = StaffForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_update(
                actor=request.user,
                record=StaffRecord.objects.get(pk=record.pk),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(position)
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster_of(request, position.institution), "positions"),
            "form": form,
            "title": _("Staff record"),
            "subtitle": str(position),
            "back_url": position.get_absolute_url(),
        },
    )


@login_required
def staff_end(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.staff_record_for_user(request.user, pk)
    position = record.position
    require(request, "workforce.view_staff", position.institution)
    form = StaffEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_end(actor=request.user, record=record, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The teacher left the position; it is vacant now."))
            return redirect(position)
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster_of(request, position.institution), "positions"),
            "form": form,
            "title": _("The teacher leaves the position"),
            "subtitle": str(position),
            "back_url": position.get_absolute_url(),
        },
    )
