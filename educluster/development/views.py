"""Professional-development pages. Each view: check access, call one service or selector,
render."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, Q, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.language import user_language
from educluster.accounts.models import Role
from educluster.accounts.scoping import cluster_for_user, scope_for
from educluster.core.documents import pdf_response, render_pdf
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.development import selectors, services
from educluster.development.forms import EventForm, NormForm, VerifyForm
from educluster.projects.selectors import academic_year
from educluster.registry.models import Institution

TAB = "development"


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _person(request: HttpRequest):
    return getattr(request.user, "person", None)


@login_required
def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "development.view", cluster)
    person = _person(request)
    events = selectors.events(cluster).annotate(
        registered=Count("registrations", distinct=True),
        mine=Count("registrations", filter=Q(registrations__person=person), distinct=True)
        if person
        else Value(0, output_field=IntegerField()),
    )
    first, _last = academic_year()
    context = {
        "cluster": cluster,
        "events": events,
        "norm": selectors.norm_for(cluster, first.year),
        "year_label": f"{first.year}/{first.year + 1}",
        "can_create": request.user.has_perm("development.create_event", cluster),
        "can_norm": scope_for(request.user).coordinates(cluster.pk),
        "can_staff": request.user.has_perm("development.view_staff", cluster),
        "norm_form": NormForm(),
        "tab": TAB,
    }
    return render(request, "development/event_list.html", context)


def _organisers(user, cluster):
    members = Institution.objects.filter(
        memberships__cluster=cluster, memberships__in=cluster.memberships.active()
    ).distinct()
    scope = scope_for(user)
    if not scope.coordinates(cluster.pk):
        own = [
            pk
            for pk, roles in scope.institution_roles.items()
            if roles & {Role.MEMBER_HEAD, Role.FACULTY}
        ]
        members = members.filter(pk__in=own)
    return members.order_by("name")


@login_required
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "development.create_event", cluster)
    form = EventForm(request.POST or None, organisers=_organisers(request.user, cluster))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The event was created."))
            return redirect(event)
    return render(
        request,
        "development/form.html",
        {
            "form": form,
            "cluster": cluster,
            "title": _("New development event"),
            "back_url": reverse("development:list", args=[cluster.slug]),
            "tab": TAB,
        },
    )


@login_required
@require_POST
def norm_set(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if not scope_for(request.user).coordinates(cluster.pk):
        raise PermissionDenied
    form = NormForm(request.POST)
    if form.is_valid():
        first, _last = academic_year()
        services.norm_set(
            actor=request.user, cluster=cluster, year=first.year, hours=form.cleaned_data["hours"]
        )
        messages.success(request, _("The yearly norm was saved."))
    else:
        for error in form.errors.get("hours", []):
            messages.error(request, _("Yearly norm of hours: %(error)s") % {"error": error})
    return redirect("development:list", cluster.slug)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_user(request.user, pk)
    person = _person(request)
    organises = request.user.has_perm("development.organise", event)
    registrations = list(
        event.registrations.select_related("person__institution", "certificate").order_by(
            "person__full_name"
        )
    )
    mine = next((r for r in registrations if person and r.person_id == person.pk), None)
    context = {
        "event": event,
        "cluster": event.cluster,
        "organises": organises,
        "registrations": registrations if organises else [],
        "registered_count": len(registrations),
        "mine": mine,
        "can_register": mine is None and request.user.has_perm("development.register", event),
        "is_full": event.capacity is not None and len(registrations) >= event.capacity,
        "tab": TAB,
    }
    if organises and not event.is_closed:
        url = request.build_absolute_uri(
            reverse("development:checkin", args=[services.checkin_token(event)])
        )
        context["checkin_url"] = url
        context["checkin_qr"] = segno.make(url).svg_inline(scale=4)
    return render(request, "development/event_detail.html", context)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_user(request.user, pk)
    _require(request, "development.register", event)
    try:
        services.registration_create(event=event, person=_person(request))
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("You are registered."))
    return redirect(event)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_user(request.user, pk)
    _require(request, "development.organise", event)
    ids = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    try:
        services.attendance_mark(actor=request.user, event=event, attended_ids=ids)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The attendance was saved."))
    return redirect(event)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_user(request.user, pk)
    _require(request, "development.organise", event)
    try:
        issued = services.attendance_close(actor=request.user, event=event)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("The attendance is closed; %(count)d certificates were issued.")
            % {"count": len(issued)},
        )
    return redirect(event)


@login_required
def event_history(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": event,
            "cluster": event.cluster,
            "entries": history_entries(event),
            "back_url": event.get_absolute_url(),
            "tab": TAB,
        },
    )


@login_required
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    try:
        reg = services.checkin_by_token(user=request.user, token=token)
    except ValidationError as error:
        return render(
            request, "development/checkin.html", {"error": " ".join(error.messages)}, status=400
        )
    return render(request, "development/checkin.html", {"registration": reg})


@login_required
def my_development(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if person is None:
        raise Http404
    return render(
        request,
        "development/mine.html",
        {
            "person": person,
            "years": selectors.hours_by_year(person),
            "certificates": selectors.certificates_of(person),
        },
    )


@login_required
def staff(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("development.view_staff", cluster):
        raise Http404
    first, last = academic_year()
    norm = selectors.norm_for(cluster, first.year)
    return render(
        request,
        "development/staff.html",
        {
            "cluster": cluster,
            "people": selectors.staff_totals(request.user, cluster, first, last),
            "norm": norm,
            "year_label": f"{first.year}/{first.year + 1}",
            "tab": TAB,
        },
    )


def _verify_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("development:verify_code", args=[code]))


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    cert = selectors.certificate_for_user(request.user, pk)
    person = cert.registration.person
    language = user_language(person.user) if person.user else user_language(request.user)
    url = _verify_url(request, cert.code)
    with translation.override(language):
        data = render_pdf(
            "development/certificate_pdf.html",
            {
                "certificate": cert,
                "person": person,
                "event": cert.registration.event,
                "verify_url": url,
                "qr": segno.make(url).svg_inline(scale=3),
                "LANGUAGE_CODE": language,
            },
        )
    return pdf_response(data, f"certificate-{cert.code}.pdf")


def verify(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Public: whether a certificate with this code exists — name, event, hours, date only."""
    if code is None and "code" in request.GET:
        form = VerifyForm(request.GET)
        if form.is_valid():
            return redirect("development:verify_code", form.cleaned_data["code"].strip().upper())
    else:
        form = VerifyForm(initial={"code": code or ""})
    if code is None:
        return render(request, "development/verify.html", {"form": form})
    cert = selectors.certificate_by_code(code)
    if cert is None:
        return render(
            request, "development/verify.html", {"form": form, "unknown": True}, status=404
        )
    shown = {
        "name": cert.registration.person.full_name,
        "event": cert.registration.event.title,
        "hours": cert.hours,
        "date": cert.registration.event.starts_at,
    }
    return render(request, "development/verify.html", {"form": form, "shown": shown})
