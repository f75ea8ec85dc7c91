"""Forms of positions, staff records, vacancies, scenarios and forecast runs."""

from typing import cast

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from educluster.core.forms import DateInput
from educluster.registry.models import District
from educluster.workforce.models import (
    ForecastRun,
    Position,
    Scenario,
    ScenarioOverride,
    StaffRecord,
    Subject,
    Vacancy,
)

DATE = {"type": "date"}


def _date(**attrs) -> DateInput:
    return DateInput(attrs={**DATE, **attrs})


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = [
            "institution",
            "code",
            "subject",
            "language",
            "weekly_hours",
            "load_fraction",
            "status",
            "note",
        ]

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None:
            cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions
        if self.instance.pk:
            # A post does not move between institutions; its history stays with it.
            del self.fields["institution"]
        else:
            status = cast(forms.ChoiceField, self.fields["status"])
            status.choices = [c for c in Position.Status.choices if c[0] not in Position.HELD]


class StaffForm(forms.ModelForm):
    interim = forms.BooleanField(
        label=_("Interim (acting) teacher while the post is recruited for"), required=False
    )

    class Meta:
        model = StaffRecord
        fields = ["qualification_category", "specialty", "age_band", "start_date"]
        widgets = {"start_date": _date()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["interim"]


class StaffEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day on the post"), widget=_date())


class VacancyForm(forms.ModelForm):
    class Meta:
        model = Vacancy
        fields = ["language", "requirements", "opened_on", "apply_by"]
        widgets = {
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "opened_on": _date(),
            "apply_by": _date(),
        }


class VacancyFillForm(forms.ModelForm):
    class Meta:
        model = StaffRecord
        fields = ["start_date", "qualification_category", "specialty", "age_band"]
        widgets = {"start_date": _date()}
        labels = {"start_date": _("First day of the new teacher")}


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "description", "is_base"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


OverrideFormSet = inlineformset_factory(
    Scenario,
    ScenarioOverride,
    fields=["field", "op", "value", "district", "subject", "grade_from", "grade_to"],
    extra=2,
    can_delete=True,
)


class RunForm(forms.Form):
    scenario = forms.ModelChoiceField(queryset=Scenario.objects.none(), label=_("Scenario"))
    horizon = forms.IntegerField(label=_("Horizon (years)"), min_value=1, max_value=20, initial=10)
    draws = forms.IntegerField(
        label=_("Monte-Carlo draws"), min_value=100, max_value=5000, initial=1000
    )
    seed = forms.IntegerField(
        label=_("Random seed"),
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        help_text=_("Empty: a new random seed (stored with the run)."),
    )

    def __init__(self, *args, cluster=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cluster is not None:
            field = cast(forms.ModelChoiceField, self.fields["scenario"])
            field.queryset = cluster.workforce_scenarios.all()
            base = field.queryset.filter(is_base=True).first()
            if base is not None:
                field.initial = base.pk


class ResultFilterForm(forms.Form):
    """District and subject shown on a forecast's charts and tables (a GET form)."""

    district = forms.ModelChoiceField(
        queryset=District.objects.none(), label=_("District"), required=False
    )
    subject = forms.ModelChoiceField(
        queryset=Subject.objects.none(), label=_("Subject"), required=False
    )

    def __init__(self, *args, districts=None, subjects=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["district"]).queryset = districts
        cast(forms.ModelChoiceField, self.fields["subject"]).queryset = subjects
        self.fields["district"].empty_label = None  # type: ignore[attr-defined]
        self.fields["subject"].empty_label = None  # type: ignore[attr-defined]


class CompareForm(ResultFilterForm):
    horizon = forms.IntegerField(
        label=_("Horizon (years)"), min_value=1, max_value=20, required=False
    )


class RunChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.scenario_name} · {obj.base_year}–{obj.last_year} · #{obj.pk}"


class PlanFilterForm(forms.Form):
    """Run, district, subject and admission year of the plan-against-reality page (GET)."""

    run = RunChoiceField(queryset=ForecastRun.objects.none(), label=_("Forecast"), required=False)
    district = forms.ModelChoiceField(
        queryset=District.objects.none(), label=_("District"), required=False
    )
    subject = forms.ModelChoiceField(
        queryset=Subject.objects.all(), label=_("Subject"), required=False
    )
    year = forms.IntegerField(
        label=_("Admission year"), min_value=1990, max_value=2100, required=False
    )

    def __init__(self, *args, runs=None, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        run_field = cast(forms.ModelChoiceField, self.fields["run"])
        run_field.queryset = runs
        run_field.empty_label = _("published forecast")
        cast(forms.ModelChoiceField, self.fields["district"]).queryset = districts
        self.fields["district"].empty_label = _("all")  # type: ignore[attr-defined]
        self.fields["subject"].empty_label = _("all")  # type: ignore[attr-defined]
