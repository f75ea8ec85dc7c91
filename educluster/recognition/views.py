"""Recognition pages: the cluster's recognitions, one person's, the evidence file, mentoring
pairs with their meetings and the young-teacher retention figure. Each view: check access,
call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.accounts.scoping import cluster_for_user, person_for_user, scope_for
from educluster.core.files import file_response
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.recognition import selectors, services
from educluster.recognition.forms import MeetingForm, PairForm, RecognitionFilter, RecognitionForm
from educluster.registry.models import Institution, Membership

TAB = "recognition"


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _members(cluster):
    return Institution.objects.filter(
        pk__in=Membership.objects.active().filter(cluster=cluster).values("institution_id")
    ).order_by("name")


def _teachers(cluster):
    return (
        Person.objects.filter(
            institution__in=_members(cluster),
            kind__in=[Person.Kind.TEACHER, Person.Kind.FACULTY],
        )
        .select_related("institution")
        .order_by("full_name")
    )


@login_required
def recognition_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    institutions = _members(cluster)
    filter_form = RecognitionFilter(request.GET or None, institutions=institutions)
    items = selectors.recognitions(cluster)
    if filter_form.is_bound and filter_form.is_valid():
        data = filter_form.cleaned_data
        if data["kind"]:
            items = items.filter(kind=data["kind"])
        if data["year"]:
            items = items.filter(date__year=data["year"])
        if data["institution"]:
            items = items.filter(person__institution=data["institution"])
    context = {
        "cluster": cluster,
        "filter_form": filter_form,
        "page": paginate(request, items),
        "query": query_without_page(request),
        "can_record": request.user.has_perm("recognition.record", cluster),
        "tab": TAB,
    }
    return render(request, "recognition/list.html", context)


@login_required
def recognition_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "recognition.record", cluster)
    people = _teachers(cluster)
    scope = scope_for(request.user)
    if not scope.coordinates(cluster.pk):
        people = people.filter(institution_id__in=scope.headed_institution_ids)
    form = RecognitionForm(
        request.POST or None,
        request.FILES or None,
        people=people,
        institutions=Institution.objects.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_record(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The recognition was recorded."))
            return redirect("recognition:list", cluster.slug)
    return render(
        request,
        "recognition/form.html",
        {
            "form": form,
            "cluster": cluster,
            "title": _("Record a recognition"),
            "back_url": reverse("recognition:list", args=[cluster.slug]),
            "multipart": True,
            "tab": TAB,
        },
    )


@login_required
def person_recognitions(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    items = selectors.person_recognitions(request.user, person)
    return render(
        request, "recognition/person.html", {"person": person, "items": items, "tab": TAB}
    )


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    recognition = selectors.recognition_for_user(request.user, pk)
    if not recognition.evidence:
        raise Http404
    return file_response(
        recognition.evidence, download_name=recognition.evidence_name or "evidence"
    )


@login_required
def recognition_history(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = selectors.recognition_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": recognition,
            "cluster": recognition.cluster,
            "entries": history_entries(recognition),
            "back_url": reverse("recognition:list", args=[recognition.cluster.slug]),
            "tab": TAB,
        },
    )


@login_required
def pair_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    context = {
        "cluster": cluster,
        "pairs": selectors.pairs(request.user, cluster),
        "retention": selectors.retention(cluster, today=timezone.localdate()),
        "can_create": request.user.has_perm("recognition.create_pair", cluster),
        "tab": TAB,
    }
    return render(request, "recognition/pairs.html", context)


@login_required
def pair_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "recognition.create_pair", cluster)
    form = PairForm(request.POST or None, people=_teachers(cluster))
    if request.method == "POST" and form.is_valid():
        try:
            pair = services.pair_create(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The mentoring pair was created."))
            return redirect(pair)
    return render(
        request,
        "recognition/form.html",
        {
            "form": form,
            "cluster": cluster,
            "title": _("New mentoring pair"),
            "back_url": reverse("recognition:pairs", args=[cluster.slug]),
            "tab": TAB,
        },
    )


@login_required
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = selectors.pair_for_user(request.user, pk)
    can_record = request.user.has_perm("recognition.record_meeting", pair)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.meeting_record(actor=request.user, pair=pair, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The meeting was recorded."))
                return redirect(pair)
    context = {
        "pair": pair,
        "cluster": pair.cluster,
        "meetings": selectors.meetings(pair),
        "form": form if can_record else None,
        "tab": TAB,
    }
    return render(request, "recognition/pair.html", context)


@login_required
def pair_history(request: HttpRequest, pk: int) -> HttpResponse:
    pair = selectors.pair_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": pair,
            "cluster": pair.cluster,
            "entries": history_entries(pair),
            "back_url": pair.get_absolute_url(),
            "tab": TAB,
        },
    )
