"""The market's workflows: offering a service, requesting it, and the request's steps.

Each function checks who acts (the same rules the pages use), applies one of the request's own
transitions (:meth:`ServiceRequest.move_to`) and saves, inside one transaction.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from educluster.market.models import Service, ServiceRequest
from educluster.market.rules import member_staff_institution_ids
from educluster.registry.models import Cluster, Institution

SERVICE_FIELDS = (
    "kind",
    "title",
    "description",
    "audience",
    "format",
    "price",
    "capacity",
    "is_active",
)


def _refuse(message: str, code: str = "not_allowed") -> ValidationError:
    return ValidationError(message, code=code)


@transaction.atomic
def service_create(
    *, actor: Any, cluster: Cluster, provider: Institution, is_demo: bool = False, **fields: Any
) -> Service:
    """A head or faculty member of an active member institution offers a service for it."""
    if actor is not None and provider.pk not in member_staff_institution_ids(actor, cluster.pk):
        raise ValidationError(
            {"provider": _("You may offer services only for a member institution you work at.")}
        )
    service = Service(
        cluster=cluster,
        provider=provider,
        created_by=actor,
        is_demo=is_demo,
        **{k: v for k, v in fields.items() if k in SERVICE_FIELDS},
    )
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def service_update(*, actor: Any, service: Service, **fields: Any) -> Service:
    """The provider's heads and faculty change the service's description or withdraw it."""
    if actor is not None and not actor.has_perm("market.change_service", service):
        raise _refuse(_("Only the provider's heads and faculty may change this service."))
    for name, value in fields.items():
        if name in SERVICE_FIELDS:
            setattr(service, name, value)
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def request_create(
    *,
    actor: Any,
    service: Service,
    requester: Institution,
    message: str = "",
    wanted_date: date | None = None,
    is_demo: bool = False,
) -> ServiceRequest:
    """A head or faculty member of another member institution requests the service."""
    if not service.is_active:
        raise _refuse(_("This service is not offered now."), "inactive")
    if requester.pk == service.provider_id:
        raise ValidationError(
            {
                "requester": ValidationError(
                    _("An institution cannot request its own service."), "own"
                )
            }
        )
    if actor is not None and requester.pk not in member_staff_institution_ids(
        actor, service.cluster_id
    ):
        raise ValidationError(
            {"requester": _("You may request services only for a member institution you work at.")},
            code="not_member",
        )
    request = ServiceRequest(
        service=service,
        requester=requester,
        requested_by=actor,
        message=message,
        wanted_date=wanted_date,
        is_demo=is_demo,
    )
    request.full_clean()
    request.save()
    return request


def _step(
    request: ServiceRequest,
    status: str,
    *,
    actor: Any,
    perm: str,
    refusal: str,
    **extra: Any,
) -> ServiceRequest:
    if actor is not None and not actor.has_perm(perm, request):
        raise _refuse(refusal)
    request.move_to(status, **extra)
    request.save()
    return request


@transaction.atomic
def request_accept(*, actor: Any, request: ServiceRequest) -> ServiceRequest:
    return _step(
        request,
        ServiceRequest.Status.ACCEPTED,
        actor=actor,
        perm="market.answer_request",
        refusal=_("Only the provider's heads and faculty, or a coordinator, may accept."),
    )


@transaction.atomic
def request_decline(*, actor: Any, request: ServiceRequest) -> ServiceRequest:
    return _step(
        request,
        ServiceRequest.Status.DECLINED,
        actor=actor,
        perm="market.answer_request",
        refusal=_("Only the provider's heads and faculty, or a coordinator, may decline."),
    )


@transaction.atomic
def request_deliver(*, actor: Any, request: ServiceRequest) -> ServiceRequest:
    return _step(
        request,
        ServiceRequest.Status.DELIVERED,
        actor=actor,
        perm="market.deliver_request",
        refusal=_("Only the provider's heads and faculty may mark the service delivered."),
    )


@transaction.atomic
def request_confirm(
    *, actor: Any, request: ServiceRequest, rating: int | None, comment: str = ""
) -> ServiceRequest:
    return _step(
        request,
        ServiceRequest.Status.CONFIRMED,
        actor=actor,
        perm="market.confirm_request",
        refusal=_("Only the requesting institution's heads and faculty may confirm delivery."),
        rating=rating,
        comment=comment,
    )


__all__ = [
    "request_accept",
    "request_confirm",
    "request_create",
    "request_decline",
    "request_deliver",
    "service_create",
    "service_update",
]
