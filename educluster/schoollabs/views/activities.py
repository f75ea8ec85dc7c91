"""Activity pages: list with filters and XLSX export, month calendar, detail, evidence files,
and the iCalendar feeds."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import User
from educluster.accounts.scoping import cluster_for_user
from educluster.core.files import file_response
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.text import normalize_uz
from educluster.core.utils import request_user
from educluster.core.xlsx import xlsx_response
from educluster.schoollabs import ical, selectors, services
from educluster.schoollabs.forms import (
    ActivityFilterForm,
    ActivityForm,
    ClassCountFormSet,
    EvidenceForm,
)
from educluster.schoollabs.models import (
    Activity,
    ActivityClassCount,
    ActivityFile,
    CalendarToken,
    SchoolLab,
)
from educluster.schoollabs.monthgrid import month_bounds, month_grid, parse_month

from ._common import allowed, require, show_errors
from .awards import award_form_for


def _filtered(request: HttpRequest, cluster) -> tuple[ActivityFilterForm, QuerySet[Activity]]:
    labs = selectors.labs_for(request.user).filter(cluster=cluster)
    form = ActivityFilterForm(request.GET or None, labs=labs)
    activities = selectors.cluster_activities(request.user, cluster)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = normalize_uz(data["q"])
            activities = activities.filter(
                Q(topic__icontains=q) | Q(methods__icontains=q) | Q(outcomes__icontains=q)
            )
        if data["lab"]:
            activities = activities.filter(lab=data["lab"])
        if data["kind"]:
            activities = activities.filter(kind=data["kind"])
        if data["date_from"]:
            activities = activities.filter(date__gte=data["date_from"])
        if data["date_to"]:
            activities = activities.filter(date__lte=data["date_to"])
    return form, activities


@login_required
def activity_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    form, activities = _filtered(request, cluster)
    if request.GET.get("export") == "xlsx":
        return _export(request, cluster, activities)
    return render(
        request,
        "schoollabs/activity_list.html",
        {
            "cluster": cluster,
            "filter": form,
            "page": paginate(request, activities),
            "query": query_without_page(request),
            "can_create": allowed(request, "schoollabs.create_activity", cluster),
            "tab": "activities",
        },
    )


def _names(people) -> str:
    return "; ".join(p.full_name for p in people)


def _export(request: HttpRequest, cluster, activities: QuerySet[Activity]) -> HttpResponse:
    # Participants' names only for those who see them on the pages; analysts get the counts.
    named = allowed(request, "schoollabs.view_participants", SchoolLab(cluster=cluster))
    activities = activities.prefetch_related("faculty", "students", "teachers", "class_counts")
    headers = [
        _("Date"),
        _("Starts at"),
        _("Ends at"),
        _("School-Lab"),
        _("Where"),
        _("Kind"),
        _("Topic"),
        _("Methods and technologies"),
        _("Outcomes"),
        _("Faculty"),
        _("Students"),
        _("Teachers"),
        _("Pupils by class"),
        _("Pupils"),
    ]
    rows: list[list[Any]] = []
    for a in activities:
        people = (
            [_names(a.faculty.all()), _names(a.students.all()), _names(a.teachers.all())]
            if named
            else [len(a.faculty.all()), len(a.students.all()), len(a.teachers.all())]
        )
        classes = "; ".join(f"{c.class_label}: {c.pupils}" for c in a.class_counts.all())
        rows.append(
            [
                a.date,
                a.start_time.strftime("%H:%M") if a.start_time else "",
                a.end_time.strftime("%H:%M") if a.end_time else "",
                a.lab.name if a.lab else "",
                str(a.institution),
                a.get_kind_display(),
                a.topic,
                a.methods,
                a.outcomes,
                *people,
                classes,
                getattr(a, "n_pupils", 0) or 0,
            ]
        )
    stamp = timezone.localdate().isoformat()
    return xlsx_response(
        f"activities-{cluster.slug}-{stamp}.xlsx", headers, rows, title=_("Activities")
    )


@login_required
def activity_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    today = timezone.localdate()
    first = parse_month(request.GET.get("month"), today)
    start, end = month_bounds(first)
    labs = selectors.labs_for(request.user).filter(cluster=cluster)
    lab = None
    activities = selectors.activities_for(request.user).filter(
        cluster=cluster, date__range=(start, end)
    )
    if request.GET.get("lab"):
        lab = selectors.lab_for_user(request.user, request.GET["lab"])
        activities = activities.filter(lab=lab)
    return render(
        request,
        "schoollabs/activity_calendar.html",
        {
            "cluster": cluster,
            "grid": month_grid(first, activities.order_by("date", "start_time"), today),
            "labs": labs,
            "lab": lab,
            "tab": "activities",
        },
    )


def _activity_form(
    request: HttpRequest, lab: SchoolLab | None, activity: Activity | None, cluster=None
):
    form = ActivityForm(request.POST or None, instance=activity, lab=lab, cluster=cluster)
    initial = (
        [{"class_label": c.class_label, "pupils": c.pupils} for c in activity.class_counts.all()]
        if activity is not None
        else []
    )
    counts = ClassCountFormSet(request.POST or None, initial=initial, prefix="classes")
    return form, counts


def _save_activity(request: HttpRequest, form, counts) -> Activity | None:
    if not (form.is_valid() and counts.is_valid()):
        return None
    data = form.cleaned_data
    rows = [
        (c.cleaned_data["class_label"], c.cleaned_data["pupils"])
        for c in counts
        if c.cleaned_data.get("class_label")
    ]
    try:
        return services.activity_save(
            actor=request.user,
            activity=form.instance,
            faculty=data["faculty"],
            students=data["students"],
            teachers=data["teachers"],
            class_counts=rows,
        )
    except ValidationError as error:
        apply_errors(form, error)
        return None


@login_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    lab = selectors.lab_for_user(request.user, pk)
    require(request, "schoollabs.manage_lab", lab)
    form, counts = _activity_form(request, lab, None)
    if request.method == "POST":
        activity = _save_activity(request, form, counts)
        if activity is not None:
            messages.success(request, _("The activity was saved."))
            return redirect(activity)
    return render(
        request,
        "schoollabs/activity_form.html",
        {"form": form, "counts": counts, "lab": lab, "cluster": lab.cluster, "tab": "activities"},
    )


@login_required
def activity_create_anywhere(request: HttpRequest, slug: str) -> HttpResponse:
    """An activity at any member of the cluster, the university included, without a lab."""
    cluster = cluster_for_user(request.user, slug)
    require(request, "schoollabs.create_activity", cluster)
    form, counts = _activity_form(request, None, None, cluster=cluster)
    if request.method == "POST":
        activity = _save_activity(request, form, counts)
        if activity is not None:
            messages.success(request, _("The activity was saved."))
            return redirect(activity)
    return render(
        request,
        "schoollabs/activity_form.html",
        {"form": form, "counts": counts, "lab": None, "cluster": cluster, "tab": "activities"},
    )


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_user(request.user, pk)
    can_manage = allowed(request, "schoollabs.manage_activity", activity)
    return render(
        request,
        "schoollabs/activity_detail.html",
        {
            "activity": activity,
            "lab": activity.lab,
            "cluster": activity.cluster,
            "detail": selectors.activity_detail(activity),
            "named": allowed(request, "schoollabs.view_activity_participants", activity),
            "can_manage": can_manage,
            "evidence_form": EvidenceForm(),
            "award_form": award_form_for(activity) if can_manage else None,
            "tab": "activities",
        },
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_user(request.user, pk)
    lab = activity.lab
    require(request, "schoollabs.manage_activity", activity)
    form, counts = _activity_form(request, lab, activity, cluster=activity.cluster)
    if request.method == "POST":
        saved = _save_activity(request, form, counts)
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(
        request,
        "schoollabs/activity_form.html",
        {
            "form": form,
            "counts": counts,
            "lab": lab,
            "activity": activity,
            "cluster": activity.cluster,
            "tab": "activities",
        },
    )


@login_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_user(request.user, pk)
    require(request, "schoollabs.manage_activity", activity)
    cluster = activity.cluster
    services.activity_delete(actor=request.user, activity=activity)
    messages.success(request, _("The activity was deleted."))
    return redirect(activity.lab or reverse("schoollabs:activities", args=[cluster.slug]))


@login_required
def activity_history(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_user(request.user, pk)
    related = [
        ActivityClassCount.history.filter(activity_id=activity.pk),
        ActivityFile.history.filter(activity_id=activity.pk),
    ]
    return render(
        request,
        "core/history.html",
        {
            "object": activity,
            "cluster": activity.cluster,
            "entries": history_entries(activity, related=related),
            "back_url": activity.get_absolute_url(),
            "tab": "activities",
        },
    )


def _evidence_of(request: HttpRequest, pk: int, file_pk: int) -> tuple[Activity, ActivityFile]:
    activity = selectors.activity_for_user(request.user, pk)
    # Photos show pupils: the same people who see participants' names, not analysts.
    require(request, "schoollabs.view_activity_participants", activity)
    try:
        return activity, activity.files.get(pk=file_pk)
    except ActivityFile.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_user(request.user, pk)
    require(request, "schoollabs.manage_activity", activity)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.activity_file_add(
                actor=request.user,
                activity=activity,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
            messages.success(request, _("The file was attached."))
        except ValidationError as error:
            show_errors(request, error)
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    return redirect(activity)


@login_required
def evidence_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    _activity, stored = _evidence_of(request, pk, file_pk)
    return file_response(
        stored.file, download_name=stored.original_name, inline=request.GET.get("inline") == "1"
    )


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    activity, stored = _evidence_of(request, pk, file_pk)
    require(request, "schoollabs.manage_activity", activity)
    services.activity_file_delete(actor=request.user, stored=stored)
    messages.success(request, _("The file was removed."))
    return redirect(activity)


# --- iCalendar --------------------------------------------------------------------------------


def _ical_response(
    request: HttpRequest, activities: QuerySet[Activity], name: str, filename: str
) -> HttpResponse:
    events = [
        ical.Event(
            uid=f"schoollab-activity-{a.pk}@educluster",
            day=a.date,
            start=a.start_time,
            end=a.end_time,
            summary=f"{a.get_kind_display()}: {a.topic}",
            description="\n\n".join(x for x in (a.methods, a.outcomes) if x),
            location=", ".join(x for x in (a.institution.name, a.institution.address) if x),
            url=request.build_absolute_uri(a.get_absolute_url()),
            updated=a.updated_at,
        )
        for a in activities.select_related("institution").order_by("date", "start_time")
    ]
    response = HttpResponse(
        ical.calendar(name, events), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def _lab_ical(request: HttpRequest, lab: SchoolLab) -> HttpResponse:
    return _ical_response(request, lab.activities.all(), lab.name, f"school-lab-{lab.pk}")


def _cluster_ical(request: HttpRequest, user: Any, cluster) -> HttpResponse:
    """Every activity of the cluster the user sees, at labs and elsewhere."""
    activities = selectors.activities_for(user).filter(cluster=cluster)
    return _ical_response(request, activities, cluster.name, f"activities-{cluster.slug}")


@login_required
def cluster_ical(request: HttpRequest, slug: str) -> HttpResponse:
    return _cluster_ical(request, request.user, cluster_for_user(request.user, slug))


def _token_owner(token: str) -> User:
    try:
        owner = CalendarToken.objects.select_related("user").get(token=token)
    except CalendarToken.DoesNotExist:
        raise Http404 from None
    CalendarToken.objects.filter(pk=owner.pk).update(last_used_at=timezone.now())
    return owner.user


def cluster_ical_feed(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    """The cluster's subscription feed, checked against the token owner's access at each fetch."""
    user = _token_owner(token)
    return _cluster_ical(request, user, cluster_for_user(user, slug))


@login_required
def lab_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """The feed with the session: a one-off download to import into a calendar."""
    return _lab_ical(request, selectors.lab_for_user(request.user, pk))


def lab_ical_feed(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """The subscription feed: the token stands for its owner, whose access is checked now."""
    try:
        owner = CalendarToken.objects.select_related("user").get(token=token)
    except CalendarToken.DoesNotExist:
        raise Http404 from None
    user: User = owner.user
    lab = selectors.lab_for_user(user, pk)  # an inactive owner sees nothing: 404
    CalendarToken.objects.filter(pk=owner.pk).update(last_used_at=timezone.now())
    return _lab_ical(request, lab)


@login_required
@require_POST
def calendar_token(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request_user(request))
            messages.success(request, _("Calendar addresses were revoked."))
        else:
            services.calendar_token_renew(user=request_user(request))
            messages.success(request, _("A new calendar address was made; old ones stop working."))
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return redirect(back if safe else reverse("home"))
