"""Library filters shared by the page and its export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from educluster.materials.models import Material
from educluster.materials.search import search
from educluster.registry.models import Language


class MaterialFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), to_field_name="code", label=_("Language")
    )
    level = django_filters.ChoiceFilter(choices=Material.Level.choices, label=_("Level"))
    subject = django_filters.ChoiceFilter(choices=(), label=_("Subject"))
    kind = django_filters.ChoiceFilter(choices=Material.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Material.Status.choices, label=_("Status"))

    class Meta:
        model = Material
        fields = ["q", "language", "level", "subject", "kind", "status"]

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["subject"].extra["choices"] = [(s, s) for s in subjects]

    def filter_q(self, queryset, name, value):
        return search(queryset, value)
