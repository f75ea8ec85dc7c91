from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.telegram.models import NoticeKind


class PreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Notices I want in Telegram"),
        choices=NoticeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
