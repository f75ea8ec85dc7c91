from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.core.forms import DateInput, DateTimeInput
from educluster.placements.models import (
    Applicant,
    GraduateOutcome,
    Host,
    PlacementRound,
    TargetedContract,
)
from educluster.registry.models import District, Institution, Language

_DATETIME = DateTimeInput()
_DATE = DateInput()


class RoundForm(forms.ModelForm):
    class Meta:
        model = PlacementRound
        fields = [
            "kind",
            "title",
            "term",
            "lab_term",
            "method",
            "opens_on",
            "preference_deadline",
            "response_deadline",
            "max_choices",
            "check_subject",
            "check_language",
            "max_distance_km",
        ]
        widgets = {
            "opens_on": _DATE,
            "preference_deadline": _DATETIME,
            "response_deadline": _DATETIME,
        }

    def __init__(self, *args: Any, cluster: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from educluster.schoollabs.models import Term

        cluster = cluster or getattr(self.instance, "cluster", None)
        term = cast(forms.ModelChoiceField, self.fields["lab_term"])
        term.queryset = Term.objects.filter(cluster=cluster) if cluster else Term.objects.none()


class PublishForm(forms.Form):
    response_deadline = forms.DateTimeField(
        label=_("Answer deadline"), widget=_DATETIME, required=True
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the round corrected?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MentorField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.institution}"


class HostForm(forms.ModelForm):
    class Meta:
        model = Host
        fields = [
            "institution",
            "label",
            "subject",
            "language",
            "capacity",
            "mentor",
            "ranking",
            "link",
        ]
        field_classes = {"mentor": MentorField}

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inst = cast(forms.ModelChoiceField, self.fields["institution"])
        inst.queryset = institutions
        mentor = cast(forms.ModelChoiceField, self.fields["mentor"])
        mentor.queryset = Person.objects.filter(
            institution__in=institutions, kind=Person.Kind.TEACHER
        ).select_related("institution")


class AddApplicantsForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        label=_("People"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        required=False,
    )
    study_year = forms.TypedChoiceField(
        label=_("Or everybody in year of study"),
        choices=[("", "—"), *[(str(i), str(i)) for i in range(1, 5)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    specialty = forms.CharField(label=_("Specialty"), max_length=120, required=False)
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Languages"),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        people = cast(forms.ModelMultipleChoiceField, self.fields["people"])
        people.queryset = candidates

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("people") and not data.get("study_year"):
            raise forms.ValidationError(_("Choose people or a year of study."))
        return data

    def chosen(self) -> list[Person]:
        people = list(self.cleaned_data.get("people") or [])
        year = self.cleaned_data.get("study_year")
        if year:
            people += list(self.candidates.filter(study_year=year))
        return people


class ApplicantForm(forms.ModelForm):
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Languages"),
    )

    class Meta:
        model = Applicant
        fields = [
            "specialty",
            "languages",
            "district",
            "grade_average",
            "targeted_district",
            "home_latitude",
            "home_longitude",
        ]


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = GraduateOutcome
        fields = [
            "person",
            "graduation_year",
            "programme",
            "status",
            "institution",
            "employer_name",
            "measured_on",
            "note",
        ]
        widgets = {"measured_on": _DATE}

    def __init__(self, *args: Any, people: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions


class SelfReportForm(forms.Form):
    status = forms.ChoiceField(choices=GraduateOutcome.Status.choices, label=_("Status"))
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), required=False, label=_("Employer in the cluster")
    )
    employer_name = forms.CharField(
        max_length=300, required=False, label=_("Employer or place of study elsewhere")
    )
    note = forms.CharField(max_length=300, required=False, label=_("Note"))

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions


class ConfirmForm(forms.Form):
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class FromRoundForm(forms.Form):
    graduation_year = forms.IntegerField(min_value=1990, max_value=2100, label=_("Graduation year"))


class ContractForm(forms.ModelForm):
    class Meta:
        model = TargetedContract
        fields = [
            "person",
            "number",
            "district",
            "sponsor",
            "programme",
            "subject",
            "admission_year",
            "graduation_year",
            "years_required",
            "work_institution",
            "work_started_on",
            "work_ended_on",
            "status",
            "note",
        ]
        widgets = {"work_started_on": _DATE, "work_ended_on": _DATE}

    def __init__(self, *args: Any, people: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["sponsor"]).queryset = institutions
        cast(forms.ModelChoiceField, self.fields["work_institution"]).queryset = institutions
        cast(forms.ModelChoiceField, self.fields["district"]).queryset = District.objects.all()
