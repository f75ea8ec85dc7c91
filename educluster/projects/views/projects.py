"""Project pages: the cluster's portfolio, one project, its status, summary PDF and history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.language import document_language
from educluster.accounts.scoping import cluster_for_user
from educluster.core.documents import pdf_response, render_pdf
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.utils import is_htmx, request_user
from educluster.core.xlsx import xlsx_response
from educluster.projects import selectors, services
from educluster.projects.filters import ProjectFilter
from educluster.projects.forms import ProjectForm
from educluster.projects.models import IndicatorMeasure, Project
from educluster.projects.views.common import form_page, require, show_errors

# The leader may start and complete a project; approving and cancelling are the coordinator's.
MANAGER_STATUSES = (Project.Status.RUNNING, Project.Status.COMPLETED)

PORTFOLIO_HEADERS = [
    _("Title"),
    _("Area"),
    _("Status"),
    _("Goals served"),
    _("Leader"),
    _("Team"),
    _("Students"),
    _("Partner institutions"),
    _("School-Labs involved"),
    _("Start date"),
    _("End date"),
    _("Milestones done"),
    _("Milestones"),
    _("Deliverables"),
]


def _portfolio_rows(projects):
    for p in projects:
        yield [
            p.title,
            p.get_area_display(),
            p.get_status_display(),
            ", ".join(str(g.number) for g in p.goals.all()),
            p.leader.full_name,
            len(p.team.all()),
            len(p.student_members),
            ", ".join(str(i) for i in p.partners.all()),
            ", ".join(str(i) for i in p.labs.all()),
            p.start_date,
            p.end_date,
            p.milestones_done,
            p.milestones_total,
            p.deliverables_total,
        ]


@login_required
def project_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The cluster's project portfolio with the students-in-research share of this year."""
    cluster = cluster_for_user(request.user, slug)
    base = selectors.cluster_projects(cluster)
    filterset = ProjectFilter(request.GET or None, queryset=base, goals=cluster.goals.all())
    projects = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"projects-{cluster.slug}-{timezone.localdate().isoformat()}.xlsx",
            [str(h) for h in PORTFOLIO_HEADERS],
            _portfolio_rows(projects),
            title=_("Projects"),
        )
    context = {
        "cluster": cluster,
        "filter": filterset,
        "page": paginate(request, projects),
        "query": query_without_page(request),
        "tab": "projects",
    }
    if is_htmx(request):
        return render(request, "projects/_project_rows.html", context)
    counts = selectors.project_counts(cluster)
    context |= {
        "areas": [
            (label, [counts.get((area, s), 0) for s in Project.Status.values])
            for area, label in Project.Area.choices
        ],
        "statuses": Project.Status.labels,
        "share": selectors.student_research_share(cluster),
        "share_indicator": IndicatorMeasure.objects.filter(
            measure="student_research_share", indicator__goal__cluster=cluster
        )
        .select_related("indicator")
        .first(),
        "can_propose": request.user.has_perm("projects.propose_project", cluster),
    }
    return render(request, "projects/project_list.html", context)


def _project_form(request: HttpRequest, cluster, instance=None) -> ProjectForm:
    return ProjectForm(
        request.POST or None,
        instance=instance,
        cluster=cluster,
        people=selectors.team_candidates(cluster),
        members=selectors.member_institutions(cluster),
        labs=selectors.cluster_labs(cluster),
    )


@login_required
def project_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "projects.propose_project", cluster)
    form = _project_form(request, cluster)
    person = getattr(request.user, "person", None)
    if request.method != "POST" and person is not None:
        form.initial["leader"] = person.pk
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            project = services.project_create(actor=request.user, cluster=cluster, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The project was proposed."))
            return redirect(project)
    return form_page(
        request,
        form,
        cluster=cluster,
        title=_("Propose a project"),
        back_url=reverse("projects:list", args=[cluster.slug]),
    )


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, pk)
    can_change = request.user.has_perm("projects.change_project", project)
    can_approve = request.user.has_perm("projects.approve_project", project)
    transitions = [
        (status, Project.Status(status).label)
        for status in project.next_statuses()
        if can_approve or (can_change and status in MANAGER_STATUSES)
    ]
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "cluster": project.cluster,
            "goals": project.goals.all(),
            "partners": project.partners.all(),
            "labs": project.labs.all(),
            "team": selectors.project_detail_team(project),
            "milestones": project.milestones.all(),
            "deliverables": selectors.project_deliverables(project),
            # Materials the project produced (the materials app points at projects).
            "materials": project.materials.filter(status="published"),
            "can_change": can_change and project.is_open,
            "can_deliver": can_change and project.status != Project.Status.CANCELLED,
            "transitions": transitions,
            "tab": "projects",
        },
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, pk)
    require(request, "projects.change_project", project)
    form = _project_form(request, project.cluster, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **dict(form.cleaned_data))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(project)
    return form_page(
        request,
        form,
        cluster=project.cluster,
        title=_("Edit project"),
        back_url=project.get_absolute_url(),
    )


@login_required
@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, pk)
    status = request.POST.get("status", "")
    if status in MANAGER_STATUSES:
        require(request, "projects.change_project", project)
    else:
        require(request, "projects.approve_project", project)
    try:
        services.project_transition(actor=request.user, project=project, status=status)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("The project is now %(status)s.") % {"status": project.get_status_display()},
        )
    return redirect(project)


@login_required
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": project,
            "cluster": project.cluster,
            "entries": history_entries(project, related=selectors.project_related_history(project)),
            "back_url": project.get_absolute_url(),
            "tab": "projects",
        },
    )


@login_required
def project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A one-page summary of the project in the reader's language."""
    project = selectors.project_for_user(request.user, pk)
    language = document_language(request)  # ?lang=, else the reader's preferred language
    if language is None:
        raise Http404
    with translation.override(language):
        data = _project_pdf(request, project)
    return pdf_response(data, f"project-{project.pk}-{language}.pdf")


def _project_pdf(request: HttpRequest, project) -> bytes:
    return render_pdf(
        "projects/project_pdf.html",
        {
            "project": project,
            "goals": project.goals.all(),
            "partners": project.partners.all(),
            "labs": project.labs.all(),
            "team": list(selectors.project_detail_team(project)),
            "milestones": project.milestones.all(),
            "deliverables": selectors.project_deliverables(project),
            "LANGUAGE_CODE": get_language(),
            "printed_by": request_user(request).display_name,
            "printed_on": timezone.localdate(),
        },
    )
