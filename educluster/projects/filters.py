"""List filters shared by the project pages and their export."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from educluster.core.text import normalize_uz
from educluster.projects.models import Project
from educluster.registry.models import Goal


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    area = django_filters.ChoiceFilter(choices=Project.Area.choices, label=_("Area"))
    status = django_filters.ChoiceFilter(choices=Project.Status.choices, label=_("Status"))
    goal = django_filters.ModelChoiceFilter(
        field_name="goals", queryset=Goal.objects.none(), label=_("Goal")
    )

    class Meta:
        model = Project
        fields = ["q", "area", "status", "goal"]

    def __init__(self, *args, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if goals is not None:
            self.filters["goal"].queryset = goals

    def filter_q(self, queryset, name, value):
        text = normalize_uz(value)
        if not text:
            return queryset
        return queryset.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(leader__full_name__icontains=text)
        )
