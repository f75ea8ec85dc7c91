"""Materials: published by a member's authors, adopted by members, and how fast adoption comes."""

from collections import defaultdict

from django.db.models import Count

from educluster.effectiveness.indicators import (
    Context,
    Figure,
    Figures,
    calculator,
    median_or_none,
)
from educluster.materials.models import Adoption, Material


@calculator("materials_published")
def materials_published(ctx: Context) -> Figures:
    """Per member: materials of the cluster published in the period with at least one author
    from the member (a material with authors from two members counts for both). Members with
    none score 0. One query."""
    counts = dict(
        Material.objects.filter(
            cluster=ctx.cluster,
            status=Material.Status.PUBLISHED,
            published_on__gte=ctx.period.start,
            published_on__lte=ctx.period.end,
            authors__institution_id__in=ctx.members,
        )
        .values_list("authors__institution_id")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    return {
        "materials_published": {
            m: Figure(float(counts.get(m, 0)), {"materials": counts.get(m, 0)}) for m in ctx.members
        }
    }


@calculator("materials_adopted", "adoption_days")
def adoptions(ctx: Context) -> Figures:
    """Per adopting member: adoptions recorded in the period (members with none score 0), and
    the median days from the material's publication to the adoption. One query."""
    count: dict[int, int] = defaultdict(int)
    days: dict[int, list[float]] = defaultdict(list)
    for institution, adopted, published in (
        Adoption.objects.filter(
            material__cluster=ctx.cluster,
            institution_id__in=ctx.members,
            adopted_on__gte=ctx.period.start,
            adopted_on__lte=ctx.period.end,
        )
        .values_list("institution_id", "adopted_on", "material__published_on")
        .order_by()
    ):
        count[institution] += 1
        if published is not None and adopted >= published:
            days[institution].append(float((adopted - published).days))
    return {
        "materials_adopted": {
            m: Figure(float(count.get(m, 0)), {"adoptions": count.get(m, 0)}) for m in ctx.members
        },
        "adoption_days": {
            m: Figure(median_or_none(d), {"adoptions_with_date": len(d)}) for m, d in days.items()
        },
    }
