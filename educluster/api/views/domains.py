"""School-Labs, terms, activities, projects, materials and the vacancy board — each scoped
through its app's selectors, as its pages."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet, Sum
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from educluster.accounts.scoping import cluster_for_user
from educluster.api.serializers.domains import (
    ActivitySerializer,
    ActivityWriteSerializer,
    ClassCountInSerializer,
    LabSerializer,
    MaterialSerializer,
    PositionSerializer,
    ProjectSerializer,
    TermSerializer,
    VacancySerializer,
)
from educluster.api.views.base import ReadViewSet, form_data
from educluster.api.views.registry import _InCluster
from educluster.materials.models import Material
from educluster.materials.selectors import materials_for
from educluster.projects.models import Project
from educluster.projects.selectors import projects_for
from educluster.registry.models import Institution
from educluster.schoollabs import selectors as lab_selectors
from educluster.schoollabs import services as lab_services
from educluster.schoollabs.forms import ActivityForm
from educluster.schoollabs.models import Activity, SchoolLab, Term
from educluster.workforce import selectors as workforce_selectors
from educluster.workforce.models import Position, Vacancy


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


#: The activity form's fields a partner system sends (the rest of the body is not the form's).
ACTIVITY_FORM_FIELDS = [
    "kind",
    "institution",
    "topic",
    "date",
    "start_time",
    "end_time",
    "goal",
    "methods",
    "outcomes",
    "faculty",
    "students",
    "teachers",
]


class ActivityViewSet(mixins.CreateModelMixin, ReadViewSet):
    """Activities with their pupil total (never pupil-level records); ``POST`` records one as
    the activity pages do: at a lab by whoever manages it, without a lab by the cluster's
    coordinator; the page's form validates, the page's service saves (and writes history)."""

    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ["date", "id"]
    ordering = ["-date", "-id"]

    def get_queryset(self) -> QuerySet[Activity]:
        return lab_selectors.activities_for(self.request.user).annotate(
            n_pupils=Sum("class_counts__pupils")
        )

    @extend_schema(
        request=ActivityWriteSerializer,
        responses={201: ActivitySerializer},
        summary="Record an activity",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data
        if not hasattr(data, "get"):  # a JSON body that is not an object
            raise ValidationError(_("The request body must be an object."))
        user = request.user
        if data.get("lab") not in (None, ""):
            lab_id = serializers.IntegerField(min_value=1)
            try:
                pk = lab_id.run_validation(data.get("lab"))
            except serializers.ValidationError as exc:
                raise serializers.ValidationError({"lab": exc.detail}) from exc
            lab = lab_selectors.lab_for_user(user, pk)
            if not user.has_perm("schoollabs.manage_lab", lab):
                raise PermissionDenied
            form = ActivityForm(self._form_data(data), lab=lab)
        else:
            slug = data.get("cluster")
            if not isinstance(slug, str) or not slug:
                raise ValidationError({"cluster": _("Name the cluster (its slug) or the lab.")})
            cluster = cluster_for_user(user, slug)
            if not user.has_perm("schoollabs.create_activity", cluster):
                raise PermissionDenied
            form = ActivityForm(self._form_data(data), lab=None, cluster=cluster)
        counts = ClassCountInSerializer(data=data.get("class_counts") or [], many=True)
        counts.is_valid(raise_exception=True)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        cleaned = form.cleaned_data
        activity = lab_services.activity_save(
            actor=user,
            activity=form.instance,
            faculty=cleaned["faculty"],
            students=cleaned["students"],
            teachers=cleaned["teachers"],
            class_counts=[(c["class_label"], c["pupils"]) for c in counts.validated_data],
        )
        saved = self.get_queryset().get(pk=activity.pk)
        return Response(ActivitySerializer(saved).data, status=status.HTTP_201_CREATED)

    @staticmethod
    def _form_data(data: Any) -> dict[str, Any]:
        return form_data(data, ActivityForm, ACTIVITY_FORM_FIELDS)


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


class PositionFilter(filters.FilterSet):
    institution = filters.NumberFilter(field_name="institution_id")
    district = filters.CharFilter(field_name="institution__district__code")
    subject = filters.CharFilter(field_name="subject__code")
    language = filters.CharFilter(field_name="language__code")
    status = filters.ChoiceFilter(choices=Position.Status.choices)

    class Meta:
        model = Position
        fields = ["institution", "district", "subject", "language", "status"]


class PositionViewSet(_InCluster, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The cluster's teaching posts the account manages, as the positions page: coordinators
    all of the members', a member's head their own institution's; anyone else 403 (the
    cluster in scope) or 404."""

    queryset = Position.objects.none()
    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    ordering_fields = ["id", "code", "updated_at"]
    ordering = ["institution__name", "code", "id"]

    def get_queryset(self) -> QuerySet[Position]:
        if getattr(self, "swagger_fake_view", False):
            return Position.objects.none()
        cluster = self.cluster()
        if not self.request.user.has_perm("workforce.view_positions", cluster):
            raise PermissionDenied
        return workforce_selectors.cluster_positions(self.request.user, cluster)
