"""Annual reports a user may read: those of the clusters they have a role in."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster
from educluster.reports.models import AnnualReport


def cluster_reports(cluster: Cluster) -> QuerySet[AnnualReport]:
    return cluster.annual_reports.select_related("requested_by").defer("snapshot")


def report_for_user(user: Any, pk: int) -> AnnualReport:
    scope = scope_for(user)
    qs = AnnualReport.objects.select_related("cluster")
    if not scope.sees_everything:
        qs = qs.filter(cluster_id__in=scope.cluster_ids)
    try:
        return qs.get(pk=pk)
    except AnnualReport.DoesNotExist:
        raise Http404 from None
