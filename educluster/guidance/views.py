"""Thin views: check access → one service or selector → render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from educluster.accounts.scoping import cluster_for_user, scope_for
from educluster.core.history import history_entries
from educluster.guidance import selectors, services
from educluster.guidance.forms import EventForm, ParticipationForm, PupilLinkForm
from educluster.guidance.models import Participation, PupilParticipant
from educluster.guidance.rules import organises
from educluster.pathways.selectors import learners_for
from educluster.registry.models import Institution, Membership

TAB = "guidance"


def _members(cluster):
    ids = Membership.objects.active().filter(cluster=cluster).values("institution_id")
    return Institution.objects.filter(pk__in=ids).order_by("name")


def _report(form, error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


@login_required
def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("guidance.view", cluster):
        raise Http404
    return render(
        request,
        "guidance/event_list.html",
        {
            "cluster": cluster,
            "events": list(selectors.events_of(cluster)),
            "reach": selectors.reach(cluster),
            "enrolment": selectors.enrolment_by_kind(cluster),
            "may_create": request.user.has_perm("guidance.create", cluster),
            "tab": TAB,
        },
    )


@login_required
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("guidance.create", cluster):
        raise PermissionDenied
    form = EventForm(request.POST or None, institutions=_members(cluster))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(cluster=cluster, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _report(form, error)
        else:
            return redirect(event)
    return render(
        request, "guidance/event_form.html", {"cluster": cluster, "form": form, "tab": TAB}
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event, its schools with counts, and how many pathways are linked. Only the keepers
    of the pathways (the coordinator) see which pathways and may link one."""
    event = selectors.event_for_user(request.user, pk)
    keeps_pathways = scope_for(request.user).coordinates(event.cluster_id)
    may_record = request.user.has_perm("guidance.record_participation", event)
    action = request.POST.get("action") if request.method == "POST" else None
    schools = _members(event.cluster)
    if not organises(request.user, event):  # a school's head records their own school
        schools = schools.filter(pk__in=scope_for(request.user).headed_institution_ids)
    school_form = ParticipationForm(
        request.POST if action == "school" else None,
        institutions=schools,
        prefix="school",
    )
    link_form = PupilLinkForm(
        request.POST if action == "pupil" else None,
        learners=learners_for(request.user, event.cluster),
        prefix="pupil",
    )
    if action == "school":
        if not may_record:
            raise PermissionDenied
        if school_form.is_valid():
            try:
                services.participation_record(
                    event=event, actor=request.user, **school_form.cleaned_data
                )
            except ValidationError as error:
                _report(school_form, error)
            else:
                return redirect(event)
    elif action == "pupil":
        if not keeps_pathways:
            raise PermissionDenied
        if link_form.is_valid():
            try:
                services.pupil_link(event=event, actor=request.user, **link_form.cleaned_data)
            except ValidationError as error:
                _report(link_form, error)
            else:
                return redirect(event)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "guidance/event_detail.html",
        {
            "event": event,
            "cluster": event.cluster,
            "participations": list(selectors.participations_of(event)),
            "linked": event.pupils.count(),
            "links": list(selectors.linked_learners(event)) if keeps_pathways else None,
            "form": school_form if may_record else None,
            "link_form": link_form if keeps_pathways else None,
            "tab": TAB,
        },
    )


@login_required
def event_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's History tab with its schools; the pathway links only for their keepers."""
    event = selectors.event_for_user(request.user, pk)
    related = [Participation.history.filter(event_id=event.pk)]
    if scope_for(request.user).coordinates(event.cluster_id):
        related.append(PupilParticipant.history.filter(event_id=event.pk))
    return render(
        request,
        "core/history.html",
        {
            "object": event,
            "cluster": event.cluster,
            "entries": history_entries(event, related=related),
            "back_url": event.get_absolute_url(),
            "tab": TAB,
        },
    )
