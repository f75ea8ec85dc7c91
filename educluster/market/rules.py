"""Who may do what in the market of services. Reading is scoping (``selectors``).

* ``market.view`` (a cluster) — everyone with a role in the cluster: the catalogue.
* ``market.offer_service`` (a cluster) — heads and faculty of an active member institution.
* ``market.change_service`` (a service) — heads and faculty of the provider.
* ``market.request_service`` (a service) — heads and faculty of another active member of the
  service's cluster, while the service is offered.
* An institution's requests page is read by its heads and faculty and by the cluster's
  coordinators (``selectors.institution_for_requests``).
* ``market.answer_request`` (a request) — the provider's heads and faculty, and coordinators:
  accept or decline.
* ``market.deliver_request`` (a request) — the provider's heads and faculty.
* ``market.confirm_request`` (a request) — the requester's heads and faculty.
"""

import rules

from educluster.accounts.models import Role
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Membership

STAFF = frozenset({Role.MEMBER_HEAD, Role.FACULTY})


def staff_institution_ids(user) -> set[int]:
    """The institutions where the user is a head or a faculty member."""
    scope = scope_for(user)
    return {i for i, held in scope.institution_roles.items() if held & STAFF}


def member_staff_institution_ids(user, cluster_id: int) -> set[int]:
    """Active members of the cluster where the user is a head or a faculty member."""
    ids = staff_institution_ids(user)
    if not ids:
        return set()
    return set(
        Membership.objects.active()
        .filter(cluster_id=cluster_id, institution_id__in=ids)
        .values_list("institution_id", flat=True)
    )


@rules.predicate
def sees_cluster(user, cluster) -> bool:
    return cluster is not None and scope_for(user).sees_cluster(cluster.pk)


@rules.predicate
def may_offer(user, cluster) -> bool:
    return cluster is not None and bool(member_staff_institution_ids(user, cluster.pk))


@rules.predicate
def works_at_provider(user, service) -> bool:
    return service is not None and service.provider_id in staff_institution_ids(user)


@rules.predicate
def may_request(user, service) -> bool:
    if service is None or not service.is_active:
        return False
    ids = member_staff_institution_ids(user, service.cluster_id)
    return bool(ids - {service.provider_id})


@rules.predicate
def works_at_request_provider(user, request) -> bool:
    return request is not None and request.service.provider_id in staff_institution_ids(user)


@rules.predicate
def coordinates_request(user, request) -> bool:
    return request is not None and scope_for(user).coordinates(request.service.cluster_id)


@rules.predicate
def works_at_requester(user, request) -> bool:
    return request is not None and request.requester_id in staff_institution_ids(user)


rules.add_perm("market.view", sees_cluster)
rules.add_perm("market.offer_service", may_offer)
rules.add_perm("market.change_service", works_at_provider)
rules.add_perm("market.request_service", may_request)
rules.add_perm("market.answer_request", works_at_request_provider | coordinates_request)
rules.add_perm("market.deliver_request", works_at_request_provider)
rules.add_perm("market.confirm_request", works_at_requester)
