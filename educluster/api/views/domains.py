"""School-Labs, terms, activities, projects, materials and the vacancy board — each scoped
through its app's selectors, as its pages."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, Sum
from django_filters import rest_framework as filters
from rest_framework import viewsets

from educluster.api.serializers.domains import (
    ActivitySerializer,
    LabSerializer,
    MaterialSerializer,
    ProjectSerializer,
    TermSerializer,
    VacancySerializer,
)
from educluster.api.views.base import ReadViewSet
from educluster.api.views.registry import _InCluster
from educluster.materials.models import Material
from educluster.materials.selectors import materials_for
from educluster.projects.models import Project
from educluster.projects.selectors import projects_for
from educluster.registry.models import Institution
from educluster.schoollabs import selectors as lab_selectors
from educluster.schoollabs.models import Activity, SchoolLab, Term
from educluster.workforce import selectors as workforce_selectors
from educluster.workforce.models import Vacancy


class LabViewSet(ReadViewSet):
    queryset = SchoolLab.objects.none()
    serializer_class = LabSerializer
    filterset_fields = {"cluster__slug": ["exact"], "status": ["exact"], "host": ["exact"]}
    ordering_fields = ["name", "id", "established_on"]

    def get_queryset(self) -> QuerySet[SchoolLab]:
        return lab_selectors.labs_for(self.request.user)


class TermViewSet(_InCluster, viewsets.mixins.ListModelMixin):
    """The cluster's practice terms."""

    queryset = Term.objects.none()
    serializer_class = TermSerializer
    ordering_fields = ["start_date", "id"]
    ordering = ["start_date", "id"]

    def get_queryset(self) -> QuerySet[Term]:
        if getattr(self, "swagger_fake_view", False):
            return Term.objects.none()
        return lab_selectors.cluster_terms(self.cluster())


class ActivityFilter(filters.FilterSet):
    cluster = filters.CharFilter(field_name="cluster__slug")
    kind = filters.ChoiceFilter(choices=Activity.Kind.choices)
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["cluster", "lab", "institution", "kind", "goal", "date_after", "date_before"]


class ActivityViewSet(ReadViewSet):
    """Activities with their pupil total (never pupil-level records)."""

    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ["date", "id"]
    ordering = ["-date", "-id"]

    def get_queryset(self) -> QuerySet[Activity]:
        return lab_selectors.activities_for(self.request.user).annotate(
            n_pupils=Sum("class_counts__pupils")
        )


class ProjectViewSet(ReadViewSet):
    queryset = Project.objects.none()
    serializer_class = ProjectSerializer
    filterset_fields = {"cluster__slug": ["exact"], "area": ["exact"], "status": ["exact"]}
    ordering_fields = ["start_date", "end_date", "title", "id"]

    def get_queryset(self) -> QuerySet[Project]:
        return projects_for(self.request.user).prefetch_related(
            "goals",
            Prefetch("partners", queryset=Institution.objects.only("id")),
            Prefetch("labs", queryset=SchoolLab.objects.only("id")),
        )


class MaterialViewSet(ReadViewSet):
    """Published materials of the account's clusters, and drafts it may see."""

    queryset = Material.objects.none()
    serializer_class = MaterialSerializer
    filterset_fields = {
        "cluster__slug": ["exact"],
        "kind": ["exact"],
        "level": ["exact"],
        "subject": ["exact"],
        "status": ["exact"],
    }
    ordering_fields = ["published_on", "title", "id"]

    def get_queryset(self) -> QuerySet[Material]:
        return materials_for(self.request.user).prefetch_related("goals")


class VacancyFilter(filters.FilterSet):
    district = filters.CharFilter(field_name="position__institution__district__code")
    subject = filters.CharFilter(field_name="position__subject__code")
    institution = filters.NumberFilter(field_name="position__institution")

    class Meta:
        model = Vacancy
        fields = ["district", "subject", "institution", "status"]


class VacancyViewSet(ReadViewSet):
    """Open vacancies at the members of the account's clusters, and those it manages."""

    queryset = Vacancy.objects.none()
    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    ordering_fields = ["opened_on", "apply_by", "id"]
    ordering = ["-opened_on", "-id"]

    def get_queryset(self) -> QuerySet[Vacancy]:
        return workforce_selectors.vacancies_for(self.request.user)


class BoardViewSet(_InCluster, viewsets.mixins.ListModelMixin):
    """The cluster's vacancy board (open vacancies at its active members), as its page."""

    queryset = Vacancy.objects.none()
    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    ordering_fields = ["opened_on", "apply_by", "id"]
    ordering = ["-opened_on", "-id"]

    def get_queryset(self) -> QuerySet[Vacancy]:
        if getattr(self, "swagger_fake_view", False):
            return Vacancy.objects.none()
        cluster = self.cluster()
        if not self.request.user.has_perm("workforce.view_vacancy_board", cluster):
            raise PermissionDenied
        return workforce_selectors.board_vacancies(cluster)
