"""Reading the market: the catalogue, one service, an institution's requests, and the figures."""

from datetime import date

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from educluster.accounts.scoping import scope_for
from educluster.market.models import Service, ServiceRequest
from educluster.market.rules import member_staff_institution_ids, staff_institution_ids
from educluster.registry.models import Cluster, Institution, Membership


def academic_year_start(today: date | None = None) -> date:
    """1 September of the academic year ``today`` falls in."""
    today = today or timezone.localdate()
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def catalogue(
    cluster: Cluster,
    *,
    q: str = "",
    kind: str = "",
    audience: str = "",
    provider: int | None = None,
    free_only: bool = False,
) -> QuerySet[Service]:
    """The cluster's offered services, filtered; the provider is selected with them."""
    services = (
        Service.objects.filter(cluster=cluster, is_active=True).select_related("provider").search(q)
    )
    if kind:
        services = services.filter(kind=kind)
    if audience:
        services = services.filter(audience=audience)
    if provider:
        services = services.filter(provider_id=provider)
    if free_only:
        services = services.filter(Q(price__isnull=True) | Q(price=0))
    return services.order_by("title", "pk")


def providers(cluster: Cluster) -> QuerySet[Institution]:
    """Institutions that offer at least one service in the cluster."""
    return Institution.objects.filter(services_offered__cluster=cluster).distinct().order_by("name")


def service_for_user(user, pk: int) -> Service:
    """One service, or 404 when its cluster is outside the user's scope."""
    service = get_object_or_404(Service.objects.select_related("provider", "cluster"), pk=pk)
    if not scope_for(user).sees_cluster(service.cluster_id):
        raise Http404
    return service


def request_for_user(user, pk: int) -> ServiceRequest:
    """One request, or 404 unless the user may read it (the two sides and coordinators)."""
    request = get_object_or_404(
        ServiceRequest.objects.select_related(
            "service", "service__provider", "service__cluster", "requester"
        ),
        pk=pk,
    )
    scope = scope_for(user)
    if not scope.sees_cluster(request.service.cluster_id):
        raise Http404
    return request


def institution_for_requests(user, cluster: Cluster, pk: int) -> Institution:
    """An active member of the cluster whose requests the user may read, or 404."""
    if not Membership.objects.active().filter(cluster=cluster, institution_id=pk).exists():
        raise Http404
    scope = scope_for(user)
    if not scope.coordinates(cluster.pk) and pk not in staff_institution_ids(user):
        raise Http404
    return get_object_or_404(Institution, pk=pk)


def _requests() -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.select_related(
        "service", "service__provider", "requester", "requested_by"
    )


def incoming(cluster: Cluster, institution: Institution) -> QuerySet[ServiceRequest]:
    return _requests().filter(service__cluster=cluster, service__provider=institution)


def outgoing(cluster: Cluster, institution: Institution) -> QuerySet[ServiceRequest]:
    return _requests().filter(service__cluster=cluster, requester=institution)


def service_requests(service: Service) -> QuerySet[ServiceRequest]:
    return _requests().filter(service=service)


def my_requests_of(user, service: Service) -> QuerySet[ServiceRequest]:
    """The user's institutions' requests for ``service``."""
    return _requests().filter(service=service, requester_id__in=staff_institution_ids(user))


def requester_choices(user, service: Service) -> QuerySet[Institution]:
    """Where the user may request ``service`` from: their member institutions but the provider."""
    ids = member_staff_institution_ids(user, service.cluster_id) - {service.provider_id}
    return Institution.objects.filter(pk__in=ids).order_by("name")


def provider_choices(user, cluster: Cluster) -> QuerySet[Institution]:
    ids = member_staff_institution_ids(user, cluster.pk)
    return Institution.objects.filter(pk__in=ids).order_by("name")


def my_institutions(user, cluster: Cluster) -> QuerySet[Institution]:
    """The member institutions whose requests page the user may open (coordinators: all)."""
    scope = scope_for(user)
    members = Institution.objects.filter(
        memberships__in=Membership.objects.active().filter(cluster=cluster)
    )
    if not scope.coordinates(cluster.pk):
        members = members.filter(pk__in=staff_institution_ids(user))
    return members.distinct().order_by("name")


# --- Figures -----------------------------------------------------------------------------------


def uptake(cluster: Cluster, start: date, end: date) -> dict[int, int]:
    """Confirmed requests per provider institution, confirmed between ``start`` and ``end``."""
    return dict(
        ServiceRequest.objects.filter(
            service__cluster=cluster,
            status=ServiceRequest.Status.CONFIRMED,
            confirmed_at__date__gte=start,
            confirmed_at__date__lte=end,
        )
        .values_list("service__provider_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def satisfaction(cluster: Cluster, start: date, end: date) -> dict[int, tuple[float, int]]:
    """Mean rating and the number of ratings per provider, confirmed in the period."""
    rows = (
        ServiceRequest.objects.filter(
            service__cluster=cluster,
            status=ServiceRequest.Status.CONFIRMED,
            rating__isnull=False,
            confirmed_at__date__gte=start,
            confirmed_at__date__lte=end,
        )
        .values_list("service__provider_id")
        .annotate(mean=Avg("rating"), n=Count("id"))
        .order_by()
    )
    return {provider: (float(mean), n) for provider, mean, n in rows}


def provider_figures(cluster: Cluster, today: date | None = None) -> dict[int, dict]:
    """This academic year's uptake and satisfaction per provider, for the pages."""
    today = today or timezone.localdate()
    start = academic_year_start(today)
    counts = uptake(cluster, start, today)
    means = satisfaction(cluster, start, today)
    return {
        p: {"confirmed": counts.get(p, 0), "rating": means.get(p, (None, 0))[0]}
        for p in set(counts) | set(means)
    }


# --- Home --------------------------------------------------------------------------------------


def waiting_for_head(user) -> dict[str, list[ServiceRequest]]:
    """Incoming requests the user's headed institutions must answer or deliver, and delivered
    requests of theirs waiting for their confirmation."""
    headed = scope_for(user).headed_institution_ids
    if not headed:
        return {"incoming": [], "to_confirm": []}
    rows = list(
        _requests()
        .filter(
            Q(
                service__provider_id__in=headed,
                status__in=[ServiceRequest.Status.REQUESTED, ServiceRequest.Status.ACCEPTED],
            )
            | Q(requester_id__in=headed, status=ServiceRequest.Status.DELIVERED)
        )
        .order_by("created_at")[:40]
    )
    return {
        "incoming": [
            r for r in rows if r.service.provider_id in headed and r.status != "delivered"
        ],
        "to_confirm": [r for r in rows if r.requester_id in headed and r.status == "delivered"],
    }
