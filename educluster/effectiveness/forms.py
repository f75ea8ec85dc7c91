from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.effectiveness.labels import METHODS
from educluster.effectiveness.models import (
    IndicatorDefinition,
    SelfAssessment,
    parse_academic_year,
)
from educluster.registry.models import Institution

TERMS = [("", _("whole year")), ("1", _("term 1")), ("2", _("term 2"))]


def clean_year(value: str) -> str:
    value = (value or "").strip()
    parse_academic_year(value)
    return value


class RunForm(forms.Form):
    year = forms.CharField(label=_("Academic year"), max_length=9, help_text=_("e.g. 2025/2026"))
    term = forms.ChoiceField(label=_("Term"), choices=TERMS, required=False)
    method = forms.ChoiceField(
        label=_("Missing values"),
        choices=list(METHODS.items()),
        initial="renormalise",
    )
    min_coverage = forms.FloatField(
        label=_("Minimum coverage"), min_value=0, max_value=1, initial=0.5, required=False
    )

    def clean_year(self) -> str:
        return clean_year(self.cleaned_data["year"])


class ManualValueForm(forms.Form):
    definition = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=IndicatorDefinition.objects.filter(source="manual", is_active=True),
    )
    institution = forms.ModelChoiceField(
        label=_("Member"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("Empty for an indicator of the whole cluster."),
    )
    year = forms.CharField(label=_("Academic year"), max_length=9)
    term = forms.ChoiceField(label=_("Term"), choices=TERMS, required=False)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=4)
    note = forms.CharField(
        label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, *args, cluster=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cluster is not None:
            members = Institution.objects.filter(memberships__cluster=cluster).order_by("name")
            self.fields["institution"].queryset = members  # type: ignore[attr-defined]

    def clean_year(self) -> str:
        return clean_year(self.cleaned_data["year"])


class SelfAssessmentForm(forms.Form):
    year = forms.CharField(label=_("Academic year"), max_length=9, help_text=_("e.g. 2025/2026"))
    area = forms.ChoiceField(label=_("Area"), choices=SelfAssessment.Area.choices)
    score = forms.TypedChoiceField(
        label=_("Score"), coerce=int, choices=SelfAssessment.Score.choices
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows this score: documents, decisions, figures."),
    )
