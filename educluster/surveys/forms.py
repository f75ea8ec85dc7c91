"""Forms of the surveys pages (the fill-in form is built from the questions in the view)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.core.forms import DateInput
from educluster.surveys.models import Question, Survey


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "description", "audience", "anonymous", "opens_on", "closes_on"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }


class SurveyFilter(forms.Form):
    """The GET filter of the surveys list."""

    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", _("any")), *Survey.Audience.choices]
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    choices = forms.CharField(
        label=_("Choices (one a line)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    scale_points = forms.IntegerField(label=_("Scale points"), initial=5, min_value=2, max_value=11)
    scale = forms.CharField(label=_("Scale name"), required=False, max_length=100)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)


class TemplateForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=[("uz", "Oʻzbekcha"), ("ru", "Русский"), ("en", "English")]
    )
