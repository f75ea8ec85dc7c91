from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.core.forms import DateInput
from educluster.security.models import SecurityEvent


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *SecurityEvent.Kind.choices]
    )
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
