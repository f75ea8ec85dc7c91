from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.core.forms import DateInput
from educluster.core.text import normalize_uz
from educluster.registry.models import (
    Cluster,
    District,
    Goal,
    Indicator,
    Institution,
    Language,
    Membership,
)


class InstitutionForm(forms.ModelForm):
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Languages of instruction"),
    )

    class Meta:
        model = Institution
        fields = [
            "name",
            "short_name",
            "code",
            "kind",
            "district",
            "address",
            "latitude",
            "longitude",
            "languages",
            "head_name",
            "phone",
            "email",
            "website",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        district = cast(forms.ModelChoiceField, self.fields["district"])
        district.queryset = District.objects.select_related("region")

    def clean_name(self):
        return normalize_uz(self.cleaned_data["name"])


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(
        choices=Membership.Role.choices, initial=Membership.Role.PARTNER, label=_("Role in cluster")
    )


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name", "slug", "common_goal", "lead_institution", "region", "founded_on"]
        widgets = {
            "common_goal": forms.Textarea(attrs={"rows": 4}),
            "founded_on": DateInput(),
        }


class ClusterEditForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name", "common_goal", "founded_on"]
        widgets = {
            "common_goal": forms.Textarea(attrs={"rows": 4}),
            "founded_on": DateInput(),
        }


class MembershipAddForm(forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), label=_("Institution")
    )
    role = forms.ChoiceField(choices=Membership.Role.choices, label=_("Role in cluster"))
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            cast(forms.ModelChoiceField, self.fields["institution"]).queryset = candidates


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "start_date", "end_date", "note"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline_value", "target_value", "current_value", "target_year"]
