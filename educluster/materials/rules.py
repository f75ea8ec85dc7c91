"""Who may do what with materials. Reading is scoping (``selectors.materials_for``)."""

import rules

from educluster.accounts.models import Role
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster, Membership

# Who writes methodological materials at a member institution.
AUTHOR_ROLES: set[str] = {Role.FACULTY, Role.MENTOR, Role.MEMBER_HEAD}


def _member_with(user, cluster: Cluster, roles: set[str]) -> bool:
    scope = scope_for(user)
    ids = [i for i, held in scope.institution_roles.items() if held & roles]
    if not ids or cluster.pk not in scope.member_cluster_ids:
        return False
    return Membership.objects.active().filter(cluster=cluster, institution_id__in=ids).exists()


@rules.predicate
def may_write_material(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    return scope_for(user).coordinates(cluster.pk) or _member_with(user, cluster, AUTHOR_ROLES)


@rules.predicate
def manages_material(user, material) -> bool:
    """The cluster's coordinators, whoever created the material, and its authors."""
    if material is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(material.cluster_id):
        return True
    if scope.user_id is None:
        return False
    if material.created_by_id == scope.user_id:
        return True
    return material.authors.filter(user_id=scope.user_id).exists()


@rules.predicate
def may_adopt(user, material) -> bool:
    """Coordinators, and heads of the cluster's member institutions, record adoptions."""
    if material is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(material.cluster_id):
        return True
    return _member_with(user, material.cluster, {Role.MEMBER_HEAD.value})


@rules.predicate
def manages_adoption(user, adoption) -> bool:
    if adoption is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(adoption.material.cluster_id) or scope.heads(adoption.institution_id):
        return True
    return scope.user_id is not None and adoption.recorded_by_id == scope.user_id


rules.add_perm("materials.write_material", may_write_material)
rules.add_perm("materials.change_material", manages_material)
rules.add_perm("materials.adopt_material", may_adopt)
rules.add_perm("materials.delete_adoption", manages_adoption)
