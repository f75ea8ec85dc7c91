"""What a user may see: one place, computed once per request.

Every view and export fetches objects through these helpers with the requesting user, so an
object outside the user's scope is simply not found (404) — there is no unscoped
``objects.get(pk=…)`` in a view.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from educluster.accounts.models import Person, Role, RoleAssignment, User
from educluster.registry.models import Cluster, Institution, Membership


@dataclass(frozen=True)
class Scope:
    """The clusters and institutions a user's roles reach, from two queries."""

    user_id: int | None
    is_admin: bool = False
    global_analyst: bool = False
    coordinated_cluster_ids: frozenset[int] = frozenset()
    analyst_cluster_ids: frozenset[int] = frozenset()
    institution_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    member_cluster_ids: frozenset[int] = frozenset()

    @property
    def sees_everything(self) -> bool:
        return self.is_admin or self.global_analyst

    @property
    def cluster_ids(self) -> frozenset[int]:
        return self.coordinated_cluster_ids | self.analyst_cluster_ids | self.member_cluster_ids

    @property
    def institution_ids(self) -> frozenset[int]:
        return frozenset(self.institution_roles)

    @property
    def has_any_role(self) -> bool:
        return self.sees_everything or bool(self.cluster_ids or self.institution_roles)

    def heads(self, institution_id: int) -> bool:
        return Role.MEMBER_HEAD in self.institution_roles.get(institution_id, frozenset())

    @property
    def headed_institution_ids(self) -> frozenset[int]:
        return frozenset(i for i in self.institution_roles if self.heads(i))

    def coordinates(self, cluster_id: int) -> bool:
        return self.is_admin or cluster_id in self.coordinated_cluster_ids

    def sees_cluster(self, cluster_id: int) -> bool:
        return self.sees_everything or cluster_id in self.cluster_ids


_ANON = Scope(user_id=None)


def scope_for(user: User | object) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return _ANON
    cached = getattr(user, "_educluster_scope", None)
    if cached is not None:
        return cached
    assert isinstance(user, User)
    coordinated: set[int] = set()
    analyst: set[int] = set()
    inst_roles: dict[int, set[str]] = {}
    is_admin = user.is_superuser
    global_analyst = False
    for role, cluster_id, institution_id in RoleAssignment.objects.filter(user=user).values_list(
        "role", "cluster_id", "institution_id"
    ):
        if role == Role.ADMINISTRATOR:
            is_admin = True
        elif role == Role.COORDINATOR and cluster_id:
            coordinated.add(cluster_id)
        elif role == Role.ANALYST:
            if cluster_id:
                analyst.add(cluster_id)
            else:
                global_analyst = True
        elif institution_id:
            inst_roles.setdefault(institution_id, set()).add(role)
    member_clusters: set[int] = set()
    if inst_roles:
        member_clusters = set(
            Membership.objects.active()
            .filter(institution_id__in=inst_roles)
            .values_list("cluster_id", flat=True)
        )
    scope = Scope(
        user_id=user.pk,
        is_admin=is_admin,
        global_analyst=global_analyst,
        coordinated_cluster_ids=frozenset(coordinated),
        analyst_cluster_ids=frozenset(analyst),
        institution_roles={k: frozenset(v) for k, v in inst_roles.items()},
        member_cluster_ids=frozenset(member_clusters),
    )
    user._educluster_scope = scope  # type: ignore[attr-defined]
    return scope


def forget_scope(user: User) -> None:
    """Drop the cached scope after the user's roles changed within this request."""
    if hasattr(user, "_educluster_scope"):
        del user._educluster_scope


# --- Clusters ---------------------------------------------------------------------------------


def clusters_for(user: User | object) -> QuerySet[Cluster]:
    scope = scope_for(user)
    qs = Cluster.objects.select_related("lead_institution", "region")
    if scope.sees_everything:
        return qs
    return qs.filter(pk__in=scope.cluster_ids)


def cluster_for_user(user: User | object, slug: str) -> Cluster:
    try:
        return clusters_for(user).get(slug=slug)
    except Cluster.DoesNotExist:
        raise Http404 from None


# --- Institutions -----------------------------------------------------------------------------


def institutions_for(user: User | object) -> QuerySet[Institution]:
    scope = scope_for(user)
    qs = Institution.objects.all()
    if scope.sees_everything:
        return qs
    in_visible_clusters = Membership.objects.filter(cluster_id__in=scope.cluster_ids).values(
        "institution_id"
    )
    return qs.filter(Q(pk__in=in_visible_clusters) | Q(pk__in=scope.institution_ids))


def institution_for_user(user: User | object, pk: int) -> Institution:
    try:
        return institutions_for(user).with_related().get(pk=pk)  # type: ignore[attr-defined]
    except Institution.DoesNotExist:
        raise Http404 from None


# --- People -----------------------------------------------------------------------------------


def people_for(user: User | object) -> QuerySet[Person]:
    """People records are personal data: coordinators see their clusters' members' people,
    member heads their own institution's, everyone their own record."""
    scope = scope_for(user)
    qs = Person.objects.select_related("institution", "user")
    if scope.is_admin:
        return qs
    condition = Q(user_id=scope.user_id) if scope.user_id else Q(pk__in=[])
    if scope.coordinated_cluster_ids:
        condition |= Q(
            institution_id__in=Membership.objects.filter(
                cluster_id__in=scope.coordinated_cluster_ids
            ).values("institution_id")
        )
    if scope.headed_institution_ids:
        condition |= Q(institution_id__in=scope.headed_institution_ids)
    return qs.filter(condition)


def person_for_user(user: User | object, pk: int) -> Person:
    try:
        return people_for(user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
