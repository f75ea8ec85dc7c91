"""Registry pages. Each view: check access, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import (
    cluster_for_user,
    institution_for_user,
    institutions_for,
    scope_for,
)
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.utils import is_htmx, verbose_name
from educluster.core.xlsx import xlsx_response
from educluster.registry import maps, selectors, services
from educluster.registry.filters import InstitutionFilter
from educluster.registry.forms import (
    ClusterEditForm,
    ClusterForm,
    GoalForm,
    IndicatorForm,
    InstitutionForm,
    MembershipAddForm,
    MembershipForm,
    MembershipRoleForm,
)
from educluster.registry.models import District, Goal, Indicator, Institution, Membership


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- Clusters ---------------------------------------------------------------------------------


@login_required
def cluster_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    return render(
        request,
        "registry/cluster_detail.html",
        {
            "cluster": cluster,
            "table": selectors.cluster_member_table(cluster),
            "goals": selectors.cluster_goals(cluster),
            "can_manage": request.user.has_perm("registry.manage_cluster", cluster),
            "tab": "overview",
        },
    )


@login_required
def cluster_map(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    return render(
        request,
        "registry/cluster_map.html",
        {"cluster": cluster, "map": maps.cluster_map_for_user(request.user, cluster), "tab": "map"},
    )


@login_required
def cluster_create(request: HttpRequest) -> HttpResponse:
    _require(request, "registry.create_cluster")
    form = ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cluster = services.cluster_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The cluster was created."))
        return redirect(cluster)
    return render(request, "registry/cluster_form.html", {"form": form})


@login_required
def cluster_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "registry.manage_cluster", cluster)
    form = ClusterEditForm(request.POST or None, instance=cluster)
    if request.method == "POST" and form.is_valid():
        services.cluster_update(actor=request.user, cluster=cluster, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(cluster)
    return render(request, "registry/cluster_form.html", {"form": form, "cluster": cluster})


@login_required
def cluster_history(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    return render(
        request,
        "core/history.html",
        {
            "object": cluster,
            "cluster": cluster,
            "entries": history_entries(cluster, related=selectors.cluster_related_history(cluster)),
            "back_url": cluster.get_absolute_url(),
            "tab": "history",
        },
    )


# --- Goals and indicators ---------------------------------------------------------------------


def _managed_cluster(request: HttpRequest, slug: str):
    cluster = cluster_for_user(request.user, slug)
    _require(request, "registry.manage_cluster", cluster)
    return cluster


def _goal_of(cluster, pk: int) -> Goal:
    try:
        return cluster.goals.get(pk=pk)
    except Goal.DoesNotExist:
        raise Http404 from None


@login_required
def goal_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    goal = _goal_of(cluster, pk) if pk else Goal(cluster=cluster)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        services.goal_save(actor=request.user, goal=form.instance)
        messages.success(request, _("The goal was saved."))
        return redirect(cluster)
    return render(
        request, "registry/goal_form.html", {"form": form, "cluster": cluster, "goal": goal}
    )


@login_required
@require_POST
def goal_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    services.goal_delete(actor=request.user, goal=_goal_of(cluster, pk))
    messages.success(request, _("The goal was deleted."))
    return redirect(cluster)


@login_required
def indicator_edit(
    request: HttpRequest, slug: str, goal_pk: int, pk: int | None = None
) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    goal = _goal_of(cluster, goal_pk)
    if pk:
        try:
            indicator = goal.indicators.get(pk=pk)
        except Indicator.DoesNotExist:
            raise Http404 from None
    else:
        indicator = Indicator(goal=goal)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        services.indicator_save(actor=request.user, indicator=form.instance)
        messages.success(request, _("The indicator was saved."))
        return redirect(cluster)
    return render(
        request,
        "registry/indicator_form.html",
        {"form": form, "cluster": cluster, "goal": goal, "indicator": indicator},
    )


@login_required
@require_POST
def indicator_delete(request: HttpRequest, slug: str, goal_pk: int, pk: int) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    goal = _goal_of(cluster, goal_pk)
    try:
        indicator = goal.indicators.get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None
    services.indicator_delete(actor=request.user, indicator=indicator)
    messages.success(request, _("The indicator was deleted."))
    return redirect(cluster)


# --- Institutions -----------------------------------------------------------------------------

INSTITUTION_EXPORT_HEADERS = [
    "code",
    "name",
    "short_name",
    "kind",
    "district",
    "address",
    "latitude",
    "longitude",
    "languages",
    "head_name",
    "phone",
    "email",
    "website",
]


@login_required
def institution_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    base = selectors.cluster_institutions(cluster).with_related()
    districts = District.objects.filter(pk__in=base.values("district_id"))
    filterset = InstitutionFilter(request.GET or None, queryset=base, districts=districts)
    institutions = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    if request.GET.get("export") == "xlsx":
        rows = (
            [
                i.code,
                i.name,
                i.short_name,
                i.get_kind_display(),
                i.district.name,
                i.address,
                i.latitude,
                i.longitude,
                ", ".join(lang.code for lang in i.languages.all()),
                i.head_name,
                i.phone,
                i.email,
                i.website,
            ]
            for i in institutions
        )
        stamp = timezone.localdate().isoformat()
        return xlsx_response(
            f"institutions-{cluster.slug}-{stamp}.xlsx",
            [
                verbose_name(Institution, f) if f != "languages" else _("Languages")
                for f in INSTITUTION_EXPORT_HEADERS
            ],
            rows,
            title=_("Institutions"),
        )
    page = paginate(request, institutions)
    context = {
        "cluster": cluster,
        "filter": filterset,
        "page": page,
        "query": query_without_page(request),
        "can_manage": request.user.has_perm("registry.manage_cluster", cluster),
        "tab": "institutions",
    }
    template = (
        "registry/_institution_rows.html" if is_htmx(request) else "registry/institution_list.html"
    )
    return render(request, template, context)


@login_required
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = institution_for_user(request.user, pk)
    scope = scope_for(request.user)
    memberships = institution.memberships.select_related("cluster")
    if not scope.sees_everything:
        memberships = memberships.filter(cluster_id__in=scope.cluster_ids)
    return render(
        request,
        "registry/institution_detail.html",
        {
            "institution": institution,
            "memberships": memberships,
            "can_edit": request.user.has_perm("registry.change_institution", institution),
            "tab": "overview",
        },
    )


@login_required
def institution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    institution = institution_for_user(request.user, pk)
    _require(request, "registry.change_institution", institution)
    form = InstitutionForm(request.POST or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        languages = data.pop("languages")
        services.institution_update(
            actor=request.user, institution=institution, languages=languages, **data
        )
        messages.success(request, _("Saved."))
        return redirect(institution)
    return render(
        request, "registry/institution_form.html", {"form": form, "institution": institution}
    )


@login_required
def institution_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    form = InstitutionForm(request.POST or None)
    role_form = MembershipRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and role_form.is_valid():
        data = dict(form.cleaned_data)
        languages = data.pop("languages")
        institution = services.institution_create(
            actor=request.user,
            languages=languages,
            cluster=cluster,
            role=role_form.cleaned_data["role"],
            **data,
        )
        messages.success(request, _("The institution was added to the cluster."))
        return redirect(institution)
    return render(
        request,
        "registry/institution_form.html",
        {"form": form, "role_form": role_form, "cluster": cluster},
    )


@login_required
def institution_history(request: HttpRequest, pk: int) -> HttpResponse:
    institution = institution_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": institution,
            "entries": history_entries(institution),
            "back_url": institution.get_absolute_url(),
            "tab": "history",
        },
    )


# --- Memberships ------------------------------------------------------------------------------


@login_required
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "registry.manage_cluster", cluster)
    memberships = selectors.cluster_memberships(cluster)
    if request.GET.get("export") == "xlsx":
        rows = (
            [
                m.institution.code,
                m.institution.name,
                m.institution.get_kind_display(),
                m.institution.district.name,
                m.get_role_display(),
                m.start_date,
                m.end_date,
                m.note,
            ]
            for m in memberships
        )
        return xlsx_response(
            f"members-{cluster.slug}.xlsx",
            [
                _("Code"),
                _("Institution"),
                _("Kind"),
                _("District"),
                _("Role"),
                _("Start date"),
                _("End date"),
                _("Note"),
            ],
            rows,
            title=_("Members"),
        )
    candidates = institutions_for(request.user).exclude(
        pk__in=memberships.filter(end_date__isnull=True).values("institution_id")
    )
    add_form = MembershipAddForm(
        candidates=candidates, initial={"start_date": timezone.localdate()}
    )
    return render(
        request,
        "registry/member_list.html",
        {"cluster": cluster, "memberships": memberships, "add_form": add_form, "tab": "members"},
    )


@login_required
@require_POST
def membership_add(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    form = MembershipAddForm(request.POST, candidates=institutions_for(request.user))
    if form.is_valid():
        services.membership_add(actor=request.user, cluster=cluster, **form.cleaned_data)
        messages.success(request, _("The member was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("registry:members", slug=cluster.slug)


def _membership_of(cluster, pk: int) -> Membership:
    try:
        return cluster.memberships.select_related("institution").get(pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None


@login_required
def membership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    membership = _membership_of(cluster, pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        services.membership_update(actor=request.user, membership=membership, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("registry:members", slug=cluster.slug)
    return render(
        request,
        "registry/membership_form.html",
        {"form": form, "cluster": cluster, "membership": membership},
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    membership = _membership_of(cluster, pk)
    if membership.role == Membership.Role.INTEGRATOR:
        messages.error(request, _("The lead institution's membership cannot be ended."))
    else:
        services.membership_end(actor=request.user, membership=membership)
        messages.success(request, _("The membership was ended."))
    return redirect("registry:members", slug=cluster.slug)
