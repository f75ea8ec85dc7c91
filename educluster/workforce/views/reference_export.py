"""XLSX exports of the reference inputs, with the importers' column headers so that an
exported file can be edited and imported back."""

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from educluster.core.xlsx import xlsx_response
from educluster.registry.models import Cluster
from educluster.workforce.importers.reference import (
    AttritionImporter,
    CurriculumImporter,
    DistrictNormImporter,
    GraduateImporter,
    PupilImporter,
)
from educluster.workforce.models import (
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    GraduateCohort,
    PupilCount,
)


def _headers(importer) -> list[str]:
    return [str(c.label) for c in importer.columns]


def pupils(cluster: Cluster, rows: QuerySet[PupilCount]) -> HttpResponse:
    return xlsx_response(
        f"pupils-{cluster.slug}.xlsx",
        _headers(PupilImporter),
        ([r.district.code, r.year, r.grade, r.language.code, r.pupils, r.classes] for r in rows),
        title=_("Pupils"),
    )


def export(cluster: Cluster, which: str) -> HttpResponse:
    if which == "curriculum":
        rows = CurriculumHours.objects.filter(cluster=cluster).select_related("subject")
        return xlsx_response(
            f"curriculum-{cluster.slug}.xlsx",
            _headers(CurriculumImporter),
            ([r.subject.code, r.grade, r.weekly_hours] for r in rows),
            title=_("Curriculum"),
        )
    if which == "attrition":
        return xlsx_response(
            f"attrition-{cluster.slug}.xlsx",
            _headers(AttritionImporter),
            (
                [r.age_band, r.rate]
                for r in AttritionRate.objects.filter(cluster=cluster).order_by("age_band")
            ),
            title=_("Attrition"),
        )
    if which == "graduates":
        cohorts = GraduateCohort.objects.filter(cluster=cluster).select_related("specialty")
        return xlsx_response(
            f"graduates-{cluster.slug}.xlsx",
            _headers(GraduateImporter),
            ([r.specialty.code, r.year, r.graduates, r.employment_rate] for r in cohorts),
            title=_("Graduates"),
        )
    if which == "districts":
        norms = DistrictNorm.objects.filter(cluster=cluster).select_related("district")
        return xlsx_response(
            f"district-norms-{cluster.slug}.xlsx",
            _headers(DistrictNormImporter),
            ([n.district.code, n.max_class_size, n.intake_growth, n.graduate_share] for n in norms),
            title=_("District norms"),
        )
    if which == "pupils":
        counts = PupilCount.objects.filter(cluster=cluster).select_related("district", "language")
        return pupils(cluster, counts)
    raise Http404
