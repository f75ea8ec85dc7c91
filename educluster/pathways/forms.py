from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.core.forms import DateInput
from educluster.pathways.models import Learner, Stage

_DATE = DateInput()


class PupilForm(forms.ModelForm):
    """A pupil: a code, sex and birth year, and the recorded consent; never a name."""

    class Meta:
        model = Learner
        fields = [
            "pupil_code",
            "sex",
            "birth_year",
            "consent_by",
            "consent_on",
            "consent_reference",
        ]
        widgets = {"consent_on": _DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("pupil_code", "consent_by", "consent_on"):
            self.fields[name].required = True


class PersonLearnerForm(forms.ModelForm):
    class Meta:
        model = Learner
        fields = ["person", "sex", "birth_year"]

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = people
        person.required = True


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Person record"))

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = people


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = [
            "kind",
            "institution",
            "institution_name",
            "start_year",
            "end_year",
            "detail",
            "award",
            "level",
        ]

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions
