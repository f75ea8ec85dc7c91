"""People, accounts and roles pages."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from educluster.accounts import selectors, services, two_factor, two_factor_views
from educluster.accounts.forms import (
    AccountForm,
    PersonForm,
    PreferencesForm,
    RoleGrantForm,
    TwoFactorCodeForm,
)
from educluster.accounts.language import user_language
from educluster.accounts.models import Person, RoleAssignment
from educluster.accounts.rules import grantable_roles
from educluster.accounts.scoping import (
    cluster_for_user,
    clusters_for,
    institutions_for,
    person_for_user,
    scope_for,
)
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.text import normalize_uz
from educluster.core.utils import request_user
from educluster.core.xlsx import xlsx_response
from educluster.registry.selectors import cluster_institutions


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LoginView(auth_views.LoginView):
    """Signs in, then speaks the account's preferred language (and remembers it in the cookie,
    so the sign-in page after logging out is in it too).

    An account with a two-factor device goes on to the code step instead of being logged in;
    an administrator without one is logged in but sent to enrol first.
    """

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.two_factor_device(user) is not None:
            # The password was right, but nobody is logged in until the code step.
            self.request.session[two_factor_views.PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "next": self.get_success_url(),
                "since": time.time(),
            }
            response: HttpResponse = redirect("login_code")
        else:
            response = super().form_valid(form)
            if two_factor.two_factor_required(user):
                # Administrators enrol before anything else (see TwoFactorEnrolmentMiddleware).
                self.request.session[two_factor_views.ENROL_REQUIRED] = True
                self.request.session[two_factor_views.NEXT] = self.get_success_url()
                response = redirect("accounts:two_factor_setup")
        language = user_language(user)
        translation.activate(language)
        _set_language_cookie(response, language)
        return response


def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: Django's view, and for a signed-in user the new preference."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in {code for code, _name in settings.LANGUAGES}
    ):
        services.account_language_set(user=request_user(request), language=language)
    return response


@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = PreferencesForm(
        request.POST or None, initial={"preferred_language": user.preferred_language}
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        services.account_language_set(user=user, language=language)
        translation.activate(language)
        messages.success(request, _("Saved."))
        response = redirect("accounts:me")
        _set_language_cookie(response, language)
        return response
    return render(
        request,
        "accounts/account.html",
        {
            "account": user,
            "form": form,
            "roles": user.roles.select_related("cluster", "institution"),
            "two_factor": selectors.two_factor_summary(user),
            "code_form": TwoFactorCodeForm(auto_id="id_2fa_%s"),
        },
    )


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "registry.view_cluster_people", cluster)
    people = selectors.cluster_people(request.user, cluster)
    q = normalize_uz(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    if q:
        people = people.filter(
            Q(full_name__icontains=q) | Q(email__icontains=q) | Q(position__icontains=q)
        )
    if kind in Person.Kind.values:
        people = people.filter(kind=kind)
    if request.GET.get("export") == "xlsx":
        rows = (
            [
                p.full_name,
                p.get_kind_display(),
                p.institution.name,
                p.position,
                p.email,
                p.phone,
                p.get_study_level_display(),
                p.study_year,
                p.programme,
                p.user.username if p.user else "",
            ]
            for p in people
        )
        return xlsx_response(
            f"people-{cluster.slug}.xlsx",
            [
                _("Full name"),
                _("Kind"),
                _("Institution"),
                _("Position"),
                _("Email"),
                _("Phone"),
                _("Study level"),
                _("Year of study"),
                _("Programme"),
                _("Account"),
            ],
            rows,
            title=_("People"),
        )
    return render(
        request,
        "accounts/people_list.html",
        {
            "cluster": cluster,
            "page": paginate(request, people),
            "query": query_without_page(request),
            "q": q,
            "kind": kind,
            "kinds": Person.Kind.choices,
            "can_import": request.user.has_perm("accounts.import_people", cluster),
            "tab": "people",
        },
    )


def _manageable_institutions(request: HttpRequest, cluster=None):
    scope = scope_for(request.user)
    qs = institutions_for(request.user)
    if scope.is_admin:
        return qs if cluster is None else cluster_institutions(cluster)
    allowed = Q(pk__in=scope.headed_institution_ids)
    if scope.coordinated_cluster_ids:
        from educluster.registry.models import Membership

        allowed |= Q(
            pk__in=Membership.objects.filter(cluster_id__in=scope.coordinated_cluster_ids).values(
                "institution_id"
            )
        )
    qs = qs.filter(allowed)
    if cluster is not None:
        qs = qs.filter(pk__in=cluster_institutions(cluster).values("pk"))
    return qs


@login_required
def person_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "registry.view_cluster_people", cluster)
    form = PersonForm(request.POST or None, institutions=_manageable_institutions(request, cluster))
    if request.method == "POST" and form.is_valid():
        person = services.person_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The person was added."))
        return redirect(person)
    return render(request, "accounts/person_form.html", {"form": form, "cluster": cluster})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    can_change = request.user.has_perm("accounts.change_person", person)
    roles = grantable_roles(request.user, person) if can_change else []
    grant_form = RoleGrantForm(
        roles=roles,
        clusters=clusters_for(request.user).filter(
            pk__in=scope_for(request.user).coordinated_cluster_ids
        )
        if not scope_for(request.user).is_admin
        else clusters_for(request.user),
        institutions=_manageable_institutions(request),
    )
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "roles": selectors.person_roles(person),
            "can_change": can_change,
            "grantable": roles,
            "grant_form": grant_form,
            "account_form": AccountForm(),
            "set_password_path": request.session.pop(f"set-password-{person.pk}", None),
            "tab": "overview",
        },
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    _require(request, "accounts.change_person", person)
    form = PersonForm(
        request.POST or None, instance=person, institutions=_manageable_institutions(request)
    )
    if request.method == "POST" and form.is_valid():
        services.person_update(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(person)
    return render(request, "accounts/person_form.html", {"form": form, "person": person})


@login_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": person,
            "entries": history_entries(person, related=selectors.person_related_history(person)),
            "back_url": person.get_absolute_url(),
            "tab": "history",
        },
    )


@login_required
@require_POST
def account_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    _require(request, "accounts.change_person", person)
    form = AccountForm(request.POST)
    if form.is_valid():
        try:
            _user, path = services.account_create(
                actor=request.user, person=person, username=form.cleaned_data["username"]
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            request.session[f"set-password-{person.pk}"] = request.build_absolute_uri(path)
            messages.success(request, _("The account was created."))
    else:
        for errors in form.errors.values():
            for msg in errors:
                messages.error(request, str(msg))
    return redirect(person)


@login_required
@require_POST
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    _require(request, "accounts.change_person", person)
    scope = scope_for(request.user)
    form = RoleGrantForm(
        request.POST,
        roles=grantable_roles(request.user, person),
        clusters=clusters_for(request.user)
        if scope.is_admin
        else clusters_for(request.user).filter(pk__in=scope.coordinated_cluster_ids),
        institutions=_manageable_institutions(request),
    )
    if form.is_valid():
        try:
            services.role_grant(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The role was granted."))
    else:
        for errors in form.errors.values():
            for msg in errors:
                messages.error(request, str(msg))
    return redirect(person)


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    _require(request, "accounts.change_person", person)
    try:
        assignment = RoleAssignment.objects.select_related("user").get(
            pk=role_pk, user_id=person.user_id or 0
        )
    except RoleAssignment.DoesNotExist:
        raise Http404 from None
    try:
        services.role_revoke(actor=request.user, assignment=assignment)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The role was revoked."))
    return redirect(person)
