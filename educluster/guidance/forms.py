from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.core.forms import DateInput
from educluster.guidance.models import GuidanceEvent, Participation
from educluster.pathways.models import Learner


class EventForm(forms.ModelForm):
    class Meta:
        model = GuidanceEvent
        fields = ["organiser", "kind", "title", "date", "place", "description"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None:
            self.fields["organiser"].queryset = institutions  # type: ignore[attr-defined]


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["school", "pupils_count", "grade"]

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None:
            self.fields["school"].queryset = institutions  # type: ignore[attr-defined]


class PupilLinkForm(forms.Form):
    """Link a pathway the user may see; the consent box must be ticked."""

    learner = forms.ModelChoiceField(label=_("Pathway"), queryset=Learner.objects.none())
    consent = forms.BooleanField(label=_("Consent"), required=True)

    def __init__(self, *args, learners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if learners is not None:
            self.fields["learner"].queryset = learners  # type: ignore[attr-defined]
