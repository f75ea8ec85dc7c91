"""Agreement pages: check access, call one service or selector, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.agreements import selectors, services
from educluster.agreements.forms import (
    AgreementForm,
    DecisionForm,
    ObligationForm,
    RenewForm,
    ReportForm,
    ScanForm,
    TransitionForm,
)
from educluster.agreements.models import Agreement, Obligation
from educluster.agreements.rules import acts_for_counterpart, acts_for_party
from educluster.core.files import file_response
from educluster.core.forms import apply_errors
from educluster.core.pagination import paginate, query_without_page


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _errors_to_messages(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


@login_required
def agreement_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    agreements = (
        selectors.agreements_for(request.user)
        .filter(cluster=cluster)
        .prefetch_related("parties__institution")
    )
    status = request.GET.get("status", "")
    if status in Agreement.Status.values:
        agreements = agreements.filter(status=status)
    if request.GET.get("export") == "xlsx":
        from educluster.core.xlsx import xlsx_response

        rows = (
            [
                a.number,
                a.title,
                a.get_status_display(),
                a.signed_on,
                a.valid_from,
                a.valid_to,
                "; ".join(str(p.institution) for p in a.parties.all()),
            ]
            for a in agreements
        )
        return xlsx_response(
            f"agreements-{cluster.slug}.xlsx",
            [
                _("Number"),
                _("Title"),
                _("Status"),
                _("Signing date"),
                _("Valid from"),
                _("Valid to"),
                _("Parties"),
            ],
            rows,
            title=_("Agreements"),
        )
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "cluster": cluster,
            "page": paginate(request, agreements),
            "query": query_without_page(request),
            "status": status,
            "statuses": Agreement.Status.choices,
            "can_create": request.user.has_perm("agreements.create_agreement", cluster),
            "tab": "agreements",
        },
    )


@login_required
def agreement_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "agreements.create_agreement", cluster)
    form = AgreementForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            agreement = services.agreement_create(
                actor=request.user,
                cluster=cluster,
                parties=list(data.pop("parties")),
                goals=data.pop("goals"),
                **data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The agreement was drafted. Add the obligations."))
            return redirect(agreement)
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "cluster": cluster, "tab": "agreements"},
    )


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_detail(selectors.agreement_for_user(request.user, pk))
    can_manage = request.user.has_perm("agreements.change_agreement", agreement)
    today = timezone.localdate()
    obligations = []
    for obligation in agreement.obligations.all():
        obligation.agreement = agreement  # the rules read the cluster through it
        occurrences = list(obligation.occurrences.all())
        rows = []
        for occurrence in occurrences:
            reports = list(occurrence.reports.all())
            rows.append((occurrence, reports[-1] if reports else None))
        obligations.append(
            {
                "obligation": obligation,
                "occurrences": rows,
                "can_report": acts_for_party(request.user, obligation),
                "can_decide": acts_for_counterpart(request.user, obligation),
                "summary": selectors.counts_by_state(occurrences),
            }
        )
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "cluster": agreement.cluster,
            "obligations": obligations,
            "can_manage": can_manage,
            "transitions": [
                (s.value, s.label)
                for s in Agreement.TRANSITIONS[Agreement.Status(agreement.status)]
                if s != Agreement.Status.EXPIRED or agreement.valid_to < today
            ],
            "transition_form": TransitionForm(initial={"signed_on": today}),
            "renew_form": RenewForm(),
            "scan_form": ScanForm(),
            "compliance": selectors.compliance(
                Agreement.objects.filter(pk=agreement.pk)
            ).by_agreement.get(agreement.pk),
            "tab": "agreements",
        },
    )


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    _require(request, "agreements.change_agreement", agreement)
    form = AgreementForm(request.POST or None, instance=agreement, cluster=agreement.cluster)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.agreement_update(
                actor=request.user,
                agreement=Agreement.objects.get(pk=agreement.pk),
                parties=list(data.pop("parties")),
                goals=data.pop("goals"),
                **data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(agreement)
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "cluster": agreement.cluster, "agreement": agreement, "tab": "agreements"},
    )


@login_required
@require_POST
def agreement_transition(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    _require(request, "agreements.change_agreement", agreement)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_transition(
                actor=request.user, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(
                request,
                _("The agreement is now “%(status)s”.")
                % {"status": agreement.get_status_display()},
            )
    return redirect(agreement)


@login_required
@require_POST
def agreement_renew(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    _require(request, "agreements.change_agreement", agreement)
    form = RenewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
        return redirect(agreement)
    try:
        successor = services.agreement_renew(
            actor=request.user, agreement=agreement, **form.cleaned_data
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
        return redirect(agreement)
    messages.success(request, _("The renewal was drafted with the same parties and obligations."))
    return redirect(successor)


@login_required
@require_POST
def scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    _require(request, "agreements.change_agreement", agreement)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.scan_add(
                actor=request.user, agreement=agreement, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(request, _("The scan was attached."))
    else:
        messages.error(request, _("Choose a file."))
    return redirect(agreement)


@login_required
def scan_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    scan = selectors.scan_for_user(request.user, pk)
    return file_response(scan.file, download_name=scan.original_name)


@login_required
def obligation_edit(
    request: HttpRequest, pk: int, obligation_pk: int | None = None
) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    _require(request, "agreements.change_agreement", agreement)
    instance = None
    if obligation_pk is not None:
        instance = Obligation.objects.filter(agreement=agreement, pk=obligation_pk).first()
        if instance is None:
            from django.http import Http404

            raise Http404
    form = ObligationForm(request.POST or None, instance=instance, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ObligationForm.Meta.fields}
        try:
            if instance is None:
                services.obligation_create(actor=request.user, agreement=agreement, **data)
            else:
                services.obligation_update(
                    actor=request.user, obligation=Obligation.objects.get(pk=instance.pk), **data
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The obligation was saved."))
            return redirect(agreement)
    return render(
        request,
        "agreements/obligation_form.html",
        {
            "form": form,
            "agreement": agreement,
            "cluster": agreement.cluster,
            "obligation": instance,
            "tab": "agreements",
        },
    )


@login_required
def occurrence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_for_user(request.user, pk)
    obligation = occurrence.obligation
    reports = occurrence.reports.select_related("submitted_by", "decided_by").prefetch_related(
        "evidence"
    )
    return render(
        request,
        "agreements/occurrence_detail.html",
        {
            "occurrence": occurrence,
            "obligation": obligation,
            "agreement": obligation.agreement,
            "cluster": obligation.agreement.cluster,
            "reports": reports,
            "can_report": acts_for_party(request.user, obligation)
            and occurrence.state in ("open", "disputed")
            and obligation.agreement.status == Agreement.Status.ACTIVE,
            "can_decide": acts_for_counterpart(request.user, obligation),
            "report_form": ReportForm(),
            "decision_form": DecisionForm(),
            "tab": "agreements",
        },
    )


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_for_user(request.user, pk)
    _require(request, "agreements.report_obligation", occurrence.obligation)
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.report_submit(
                actor=request.user,
                occurrence=occurrence,
                value_achieved=form.cleaned_data["value_achieved"],
                text=form.cleaned_data["text"],
                files=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(request, _("The report was sent to the controlling party."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for text in errors:
                messages.error(request, f"{label}: {text}" if label else str(text))
    return redirect(occurrence)


@login_required
@require_POST
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_user(request.user, pk)
    _require(request, "agreements.decide_report", report.occurrence.obligation)
    form = DecisionForm(request.POST)
    if form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        try:
            services.report_decide(
                actor=request.user,
                report=report,
                confirm=confirm,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(
                request,
                _("The report was confirmed.") if confirm else _("The report was disputed."),
            )
    return redirect(report.occurrence)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    evidence = selectors.evidence_for_user(request.user, pk)
    return file_response(evidence.file, download_name=evidence.original_name)


@login_required
def agreement_events(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    return render(
        request,
        "agreements/agreement_events.html",
        {
            "agreement": agreement,
            "cluster": agreement.cluster,
            "events": selectors.agreement_events(agreement),
            "tab": "agreements",
        },
    )
