from django.db.models import QuerySet

from educluster.accounts.models import Person, RoleAssignment, TwoFactorDevice
from educluster.accounts.scoping import people_for
from educluster.accounts.two_factor import two_factor_required
from educluster.registry.models import Cluster, Membership


def cluster_people(user, cluster: Cluster) -> QuerySet[Person]:
    """The people of a cluster's member institutions that ``user`` may see."""
    return people_for(user).filter(
        institution_id__in=Membership.objects.filter(cluster=cluster).values("institution_id")
    )


def person_roles(person: Person) -> QuerySet[RoleAssignment]:
    if person.user_id is None:
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(user_id=person.user_id).select_related(
        "cluster", "institution"
    )


def person_related_history(person: Person) -> list[QuerySet]:
    """The person's roles, granted and revoked, belong on their History tab."""
    if person.user_id is None:
        return []
    return [RoleAssignment.history.filter(user_id=person.user_id)]


def two_factor_summary(user) -> dict:
    """What the account page shows of the user's two-factor login."""
    device = TwoFactorDevice.objects.filter(user_id=user.pk).first()
    return {
        "device": device,
        "required": two_factor_required(user),
        "codes_left": device.recovery_codes.filter(used_at__isnull=True).count() if device else 0,
    }
