"""A project's team, milestones and deliverables."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import Person
from educluster.core.files import file_response
from educluster.core.forms import apply_errors
from educluster.projects import selectors, services
from educluster.projects.forms import DeliverableForm, MilestoneForm, TeamMemberForm
from educluster.projects.models import Deliverable, Milestone
from educluster.projects.views.common import form_page, require, show_errors


def _managed_project(request: HttpRequest, pk: int):
    project = selectors.project_for_user(request.user, pk)
    require(request, "projects.change_project", project)
    return project


# --- Team -------------------------------------------------------------------------------------


@login_required
def team_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _managed_project(request, pk)
    people = selectors.team_candidates(project.cluster).exclude(
        pk__in=project.team.values("person_id")
    )
    form = TeamMemberForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Added to the team."))
            return redirect(project)
    return form_page(
        request,
        form,
        cluster=project.cluster,
        title=_("Add a team member"),
        back_url=project.get_absolute_url(),
        project=project,
    )


@login_required
@require_POST
def team_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    project = _managed_project(request, pk)
    member = selectors.team_member_of(project, member_pk)
    try:
        services.team_member_remove(actor=request.user, member=member)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Taken off the team."))
    return redirect(project)


# --- Milestones -------------------------------------------------------------------------------


@login_required
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int | None = None) -> HttpResponse:
    project = _managed_project(request, pk)
    milestone = (
        selectors.milestone_of(project, milestone_pk)
        if milestone_pk
        else Milestone(project=project)
    )
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_save(actor=request.user, milestone=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The milestone was saved."))
            return redirect(project)
    return form_page(
        request,
        form,
        cluster=project.cluster,
        title=_("Edit milestone") if milestone.pk else _("Add a milestone"),
        back_url=project.get_absolute_url(),
        project=project,
        delete_url=reverse("projects:milestone_delete", args=[project.pk, milestone.pk])
        if milestone.pk
        else None,
    )


@login_required
@require_POST
def milestone_complete(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    project = _managed_project(request, pk)
    milestone = selectors.milestone_of(project, milestone_pk)
    try:
        services.milestone_complete(
            actor=request.user, milestone=milestone, undo=request.POST.get("undo") == "1"
        )
    except ValidationError as error:
        show_errors(request, error)
    return redirect(project)


@login_required
@require_POST
def milestone_delete(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    project = _managed_project(request, pk)
    milestone = selectors.milestone_of(project, milestone_pk)
    try:
        services.milestone_delete(actor=request.user, milestone=milestone)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The milestone was deleted."))
    return redirect(project)


# --- Deliverables -----------------------------------------------------------------------------


@login_required
def deliverable_edit(
    request: HttpRequest, pk: int, deliverable_pk: int | None = None
) -> HttpResponse:
    project = _managed_project(request, pk)
    deliverable = (
        selectors.deliverable_of(project, deliverable_pk)
        if deliverable_pk
        else Deliverable(project=project)
    )
    team = Person.objects.filter(
        Q(pk__in=project.team.values("person_id")) | Q(pk=project.leader_id)
    ).order_by("full_name")
    form = DeliverableForm(
        request.POST or None, request.FILES or None, instance=deliverable, team=team
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            services.deliverable_save(
                actor=request.user,
                deliverable=form.instance,
                authors=data["authors"],
                upload=upload if isinstance(upload, UploadedFile) else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The deliverable was saved."))
            return redirect(project)
    return form_page(
        request,
        form,
        cluster=project.cluster,
        title=_("Edit deliverable") if deliverable.pk else _("Add a deliverable"),
        back_url=project.get_absolute_url(),
        project=project,
        multipart=True,
        delete_url=reverse("projects:deliverable_delete", args=[project.pk, deliverable.pk])
        if deliverable.pk
        else None,
    )


@login_required
def deliverable_file(request: HttpRequest, pk: int, deliverable_pk: int) -> FileResponse:
    project = selectors.project_for_user(request.user, pk)
    deliverable = selectors.deliverable_of(project, deliverable_pk)
    if not deliverable.file:
        raise Http404
    return file_response(
        deliverable.file, download_name=deliverable.file_name or deliverable.file.name or "file"
    )


@login_required
@require_POST
def deliverable_delete(request: HttpRequest, pk: int, deliverable_pk: int) -> HttpResponse:
    project = _managed_project(request, pk)
    deliverable = selectors.deliverable_of(project, deliverable_pk)
    try:
        services.deliverable_delete(actor=request.user, deliverable=deliverable)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The deliverable was deleted."))
    return redirect(project)
