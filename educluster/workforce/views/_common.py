from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from educluster.accounts.scoping import clusters_for
from educluster.registry.models import Cluster, Institution


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def nav(request: HttpRequest, cluster: Cluster | None, section: str) -> dict[str, Any]:
    """Context for the cluster tabs and the workforce sub-navigation."""
    if cluster is None:
        return {"section": section}
    user = request.user
    tab = "vacancy_board" if section == "board" else "workforce"
    return {
        "cluster": cluster,
        "tab": tab,
        "section": section,
        "wf": {
            "overview": user.has_perm("workforce.view_aggregates", cluster),
            "positions": user.has_perm("workforce.view_positions", cluster),
            "board": user.has_perm("workforce.view_vacancy_board", cluster),
            "reference": user.has_perm("workforce.view_reference", cluster),
            "manage": user.has_perm("workforce.manage", cluster),
        },
    }


def cluster_of(request: HttpRequest, institution: Institution) -> Cluster | None:
    """A cluster of the user's that the institution belongs to, for the tabs and back links."""
    return clusters_for(request.user).filter(memberships__institution=institution).first()


def report_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
