"""List filters shared by pages and exports."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from educluster.core.text import normalize_uz
from educluster.registry.models import District, Institution, Language
from educluster.workforce.models import Position, Subject, Vacancy


def _search(queryset, prefix: str, value: str):
    text = normalize_uz(value)
    if not text:
        return queryset
    return queryset.filter(
        Q(**{f"{prefix}institution__name__icontains": text})
        | Q(**{f"{prefix}institution__short_name__icontains": text})
        | Q(**{f"{prefix}code__iexact": text})
    )


class _Base(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.none(), label=_("District")
    )
    subject = django_filters.ModelChoiceFilter(queryset=Subject.objects.all(), label=_("Subject"))
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), to_field_name="code", label=_("Language of instruction")
    )

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if districts is not None:
            self.filters["district"].queryset = districts


class PositionFilter(_Base):
    institution = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.none(), label=_("Institution")
    )
    status = django_filters.ChoiceFilter(choices=Position.Status.choices, label=_("Status"))

    class Meta:
        model = Position
        fields = ["q", "institution", "district", "subject", "status", "language"]

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].field_name = "institution__district"
        if institutions is not None:
            self.filters["institution"].queryset = institutions

    def filter_q(self, queryset, name, value):
        return _search(queryset, "", value)


class VacancyFilter(_Base):
    status = django_filters.ChoiceFilter(choices=Vacancy.Status.choices, label=_("Status"))

    class Meta:
        model = Vacancy
        fields = ["q", "district", "subject", "language", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].field_name = "position__institution__district"
        self.filters["subject"].field_name = "position__subject"

    def filter_q(self, queryset, name, value):
        return _search(queryset, "position__", value)


class BoardFilter(VacancyFilter):
    class Meta:
        model = Vacancy
        fields = ["q", "district", "subject", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("status", None)
