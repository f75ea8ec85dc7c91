from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.agreements.models import Agreement, AgreementParty, Obligation
from educluster.core.forms import DateInput
from educluster.registry.models import Cluster, Goal, Institution
from educluster.registry.selectors import cluster_institutions

DATE = DateInput()


class AgreementForm(forms.ModelForm):
    parties = forms.ModelMultipleChoiceField(
        queryset=Institution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Parties"),
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Goals served"),
    )

    class Meta:
        model = Agreement
        fields = ["number", "title", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.cluster = cluster
        parties = cast(forms.ModelMultipleChoiceField, self.fields["parties"])
        parties.queryset = cluster_institutions(cluster).order_by("name")
        cast(forms.ModelMultipleChoiceField, self.fields["goals"]).queryset = cluster.goals.all()
        if self.instance.pk:
            self.initial["parties"] = [p.institution_id for p in self.instance.parties.all()]
            self.initial["goals"] = list(self.instance.goals.values_list("pk", flat=True))


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Agreement.Status.choices, widget=forms.HiddenInput)
    signed_on = forms.DateField(label=_("Signing date"), required=False, widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RenewForm(forms.Form):
    number = forms.CharField(label=_("Number of the new agreement"), max_length=40)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("Valid to"), widget=DATE)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ScanForm(forms.Form):
    file = forms.FileField(label=_("Signed scan (PDF, JPEG or PNG)"))


class ObligationForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = [
            "party",
            "counterpart",
            "area",
            "description",
            "recurrence",
            "due_date",
            "target_value",
            "target_unit",
            "evidence_required",
            "responsible",
        ]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        parties = AgreementParty.objects.filter(agreement=agreement).select_related("institution")
        cast(forms.ModelChoiceField, self.fields["party"]).queryset = parties
        cast(forms.ModelChoiceField, self.fields["counterpart"]).queryset = parties
        responsible = cast(forms.ModelChoiceField, self.fields["responsible"])
        responsible.queryset = Person.objects.filter(
            institution__agreement_parties__agreement=agreement
        ).exclude(kind=Person.Kind.STUDENT)


class ReportForm(forms.Form):
    value_achieved = forms.DecimalField(
        label=_("Value achieved"), min_value=0, max_digits=10, decimal_places=2
    )
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = MultipleFileField(
        label=_("Evidence files (PDF, images, DOCX, XLSX)"), required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("dispute", _("Dispute"))], label=_("Decision")
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
