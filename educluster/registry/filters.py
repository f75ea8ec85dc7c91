"""List filters shared by pages and exports."""

import django_filters
from django.utils.translation import gettext_lazy as _

from educluster.registry.models import District, Institution, Language


class InstitutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=Institution.Kind.choices, label=_("Kind"))
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.none(), label=_("District")
    )
    language = django_filters.ModelChoiceFilter(
        field_name="languages",
        queryset=Language.objects.all(),
        to_field_name="code",
        label=_("Language of instruction"),
    )

    class Meta:
        model = Institution
        fields = ["q", "kind", "district", "language"]

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if districts is not None:
            self.filters["district"].queryset = districts

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
