"""Forms of the council pages; choices are limited to the cluster's members and goals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.core.forms import DateInput
from educluster.council import selectors
from educluster.council.models import CouncilMember, Decision, Meeting, PlanItem
from educluster.registry.models import Cluster, Goal


def _limit(form: forms.BaseForm, cluster: Cluster) -> None:
    if "responsible" in form.fields:
        form.fields["responsible"].queryset = selectors.member_institutions(cluster)  # type: ignore[attr-defined]
    if "institution" in form.fields:
        form.fields["institution"].queryset = selectors.member_institutions(cluster)  # type: ignore[attr-defined]
    if "goal" in form.fields:
        form.fields["goal"].queryset = Goal.objects.filter(cluster=cluster)  # type: ignore[attr-defined]


class CouncilMemberForm(forms.ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["institution", "person", "role", "since"]
        widgets = {"since": DateInput()}

    def __init__(self, *args, cluster: Cluster, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, cluster)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            institution__in=selectors.member_institutions(cluster)
        ).order_by("full_name")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "place", "agenda"]
        widgets = {"date": DateInput(), "agenda": forms.Textarea(attrs={"rows": 4})}


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("minutes"), widget=forms.Textarea(attrs={"rows": 8}))
    approve = forms.BooleanField(label=_("The minutes are approved"), required=False)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "responsible", "due_date", "goal"]
        widgets = {"due_date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cluster: Cluster, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, cluster)


class DoneForm(forms.Form):
    done_note = forms.CharField(
        label=_("note on what was done"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanForm(forms.Form):
    academic_year = forms.RegexField(
        label=_("academic year"),
        regex=r"^\d{4}/\d{4}$",
        error_messages={"invalid": _("Write the academic year as 2026/2027.")},
    )


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["title", "due_date", "responsible", "goal"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, cluster: Cluster, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, cluster)
