from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.core.forms import DateInput
from educluster.recognition.models import MentoringMeeting, MentoringPair, Recognition
from educluster.registry.models import Institution


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = Recognition
        fields = [
            "person",
            "kind",
            "title",
            "date",
            "awarded_by",
            "awarded_by_institution",
            "evidence",
        ]
        widgets = {"date": DateInput()}

    def __init__(self, *args, people=None, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()  # type: ignore[attr-defined]
        self.fields["awarded_by_institution"].queryset = (  # type: ignore[attr-defined]
            institutions if institutions is not None else Institution.objects.none()
        )


class PairForm(forms.ModelForm):
    class Meta:
        model = MentoringPair
        fields = ["mentor", "mentee", "starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("mentor", "mentee"):
            self.fields[name].queryset = people if people is not None else Person.objects.none()  # type: ignore[attr-defined]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = MentoringMeeting
        fields = ["date", "topic", "notes"]
        widgets = {"date": DateInput()}


class RecognitionFilter(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", "—"), *Recognition.Kind.choices]
    )
    year = forms.IntegerField(label=_("year"), required=False, min_value=1990, max_value=2100)
    institution = forms.ModelChoiceField(
        label=_("institution"), required=False, queryset=Institution.objects.none()
    )

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None:
            self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
