"""Queries over many registry rows."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from educluster.registry.models import (
    Cluster,
    District,
    Goal,
    Indicator,
    Institution,
    InstitutionQuerySet,
    Membership,
)


@dataclass(frozen=True)
class KindDistrictTable:
    """Active members counted by institution kind (rows) and district (columns)."""

    kinds: list[tuple[str, Any]]
    districts: list[District]
    counts: dict[tuple[str, int], int]
    kind_totals: dict[str, int]
    district_totals: dict[int, int]
    total: int

    @property
    def rows(self) -> list[tuple[str, Any, list[int], int]]:
        return [
            (
                kind,
                label,
                [self.counts.get((kind, d.pk), 0) for d in self.districts],
                self.kind_totals[kind],
            )
            for kind, label in self.kinds
        ]

    @property
    def columns(self) -> list[tuple[District, int]]:
        return [(d, self.district_totals[d.pk]) for d in self.districts]


def cluster_member_table(cluster: Cluster) -> KindDistrictTable:
    rows = (
        Membership.objects.active()
        .filter(cluster=cluster)
        .values("institution__kind", "institution__district_id")
        .annotate(n=Count("id"))
    )
    counts: dict[tuple[str, int], int] = {}
    kind_totals: Counter[str] = Counter()
    district_totals: Counter[int] = Counter()
    for row in rows:
        key = (row["institution__kind"], row["institution__district_id"])
        counts[key] = row["n"]
        kind_totals[key[0]] += row["n"]
        district_totals[key[1]] += row["n"]
    districts = list(District.objects.filter(pk__in=district_totals).order_by("name_uz"))
    kinds = [(k, label) for k, label in Institution.Kind.choices if k in kind_totals]
    return KindDistrictTable(
        kinds=kinds,
        districts=districts,
        counts=counts,
        kind_totals=dict(kind_totals),
        district_totals=dict(district_totals),
        total=sum(kind_totals.values()),
    )


def cluster_goals(cluster: Cluster) -> QuerySet[Goal]:
    return cluster.goals.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("id"))
    )


def cluster_institutions(cluster: Cluster) -> InstitutionQuerySet:
    """Institutions that are or were members of the cluster."""
    return Institution.objects.filter(
        pk__in=Membership.objects.filter(cluster=cluster).values("institution_id")
    )


def cluster_memberships(cluster: Cluster) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(cluster=cluster)
        .select_related("institution", "institution__district")
        .order_by("institution__name")
    )


def cluster_related_history(cluster: Cluster) -> list[QuerySet]:
    """History of the rows that make up a cluster: its memberships, goals and indicators."""
    goal_ids = Goal.history.filter(cluster_id=cluster.pk).values("id")
    return [
        Membership.history.filter(cluster_id=cluster.pk),
        Goal.history.filter(cluster_id=cluster.pk),
        Indicator.history.filter(goal_id__in=goal_ids),
    ]
