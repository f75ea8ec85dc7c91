"""School-Labs, terms, activities, projects, materials and the vacancy board.

Pupil-level study data is never served: activities carry only their pupil total per class.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from educluster.api.serializers.registry import InstitutionRefSerializer
from educluster.materials.models import Material
from educluster.projects.models import Project
from educluster.schoollabs.models import Activity, SchoolLab, Term
from educluster.workforce.models import Position, Vacancy


class LabSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    host = InstitutionRefSerializer(read_only=True)
    supervisor = serializers.CharField(source="supervisor.full_name", read_only=True)
    school_coordinator = serializers.CharField(
        source="school_coordinator.full_name", read_only=True
    )

    class Meta:
        model = SchoolLab
        fields = [
            "id",
            "cluster",
            "name",
            "host",
            "agreement",
            "established_on",
            "supervisor",
            "school_coordinator",
            "focus_topics",
            "facilities",
            "capacity_per_term",
            "status",
        ]


class TermSerializer(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = ["id", "name", "start_date", "end_date"]


@extend_schema_field(
    {"type": "string", "pattern": r"^\d\d:\d\d$", "example": "10:00", "nullable": True}
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time of the cluster's time zone (``HH:MM``, no offset)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ActivitySerializer(serializers.ModelSerializer):
    start_time = LocalTimeField(read_only=True, allow_null=True)
    end_time = LocalTimeField(read_only=True, allow_null=True)
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    institution = InstitutionRefSerializer(read_only=True)
    pupils = serializers.IntegerField(source="n_pupils", read_only=True, allow_null=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "cluster",
            "lab",
            "institution",
            "kind",
            "topic",
            "date",
            "start_time",
            "end_time",
            "methods",
            "outcomes",
            "goal",
            "pupils",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    leader = serializers.CharField(source="leader.full_name", read_only=True)
    goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    partners = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    labs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "cluster",
            "title",
            "summary",
            "area",
            "goals",
            "leader",
            "partners",
            "labs",
            "start_date",
            "end_date",
            "status",
        ]


class MaterialSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    language = serializers.CharField(source="language.code", read_only=True, allow_null=True)
    goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Material
        fields = [
            "id",
            "cluster",
            "title",
            "summary",
            "kind",
            "language",
            "level",
            "subject",
            "tags",
            "project",
            "source_study",
            "goals",
            "status",
            "published_on",
        ]


class VacancySerializer(serializers.ModelSerializer):
    institution = InstitutionRefSerializer(source="position.institution", read_only=True)
    district = serializers.CharField(source="position.institution.district.code", read_only=True)
    subject = serializers.CharField(source="position.subject.code", read_only=True)
    weekly_hours = serializers.DecimalField(
        source="position.weekly_hours", max_digits=4, decimal_places=1, read_only=True
    )
    language = serializers.CharField(source="language.code", read_only=True, allow_null=True)

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "position",
            "institution",
            "district",
            "subject",
            "weekly_hours",
            "status",
            "requirements",
            "language",
            "opened_on",
            "apply_by",
            "closed_on",
        ]


class ClassCountInSerializer(serializers.Serializer):
    class_label = serializers.CharField(max_length=20)
    pupils = serializers.IntegerField(min_value=0)


class ActivityWriteSerializer(serializers.Serializer):
    """An activity to record: at a School-Lab (``lab``, by its manager) or, without a lab, at a
    member ``institution`` of ``cluster`` (by the cluster's coordinator). Validated by the
    page's form; ``class_counts`` are the pupils by class."""

    lab = serializers.IntegerField(required=False, allow_null=True)
    cluster = serializers.CharField(required=False, help_text="Cluster slug, when no lab.")
    institution = serializers.IntegerField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=Activity.Kind.choices)
    topic = serializers.CharField()
    date = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True)
    end_time = serializers.TimeField(required=False, allow_null=True)
    goal = serializers.IntegerField(required=False, allow_null=True)
    methods = serializers.CharField(required=False, allow_blank=True)
    outcomes = serializers.CharField(required=False, allow_blank=True)
    faculty = serializers.ListField(child=serializers.IntegerField(), required=False)
    students = serializers.ListField(child=serializers.IntegerField(), required=False)
    teachers = serializers.ListField(child=serializers.IntegerField(), required=False)
    class_counts = ClassCountInSerializer(many=True, required=False)


class PositionSerializer(serializers.ModelSerializer):
    """A teaching post as the positions page lists it (who holds it is not served)."""

    institution = InstitutionRefSerializer(read_only=True)
    district = serializers.CharField(source="institution.district.code", read_only=True)
    subject = serializers.CharField(source="subject.code", read_only=True)
    language = serializers.CharField(source="language.code", read_only=True, allow_null=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "institution",
            "district",
            "code",
            "subject",
            "language",
            "weekly_hours",
            "load_fraction",
            "status",
            "updated_at",
        ]
