from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.pathways.models import Learner, Stage


class LearnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Learner) -> str:
        return str(obj)


class AwardForm(forms.Form):
    """A learner's result at an exhibition or competition."""

    learner = LearnerChoice(queryset=Learner.objects.none(), label=_("Pathway"))
    award = forms.ChoiceField(label=_("Result"), choices=Stage.Award.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Stage.Level.choices)

    def __init__(self, *args, learners, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["learner"]).queryset = learners
