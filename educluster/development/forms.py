from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.core.forms import DateTimeInput
from educluster.development.models import DevelopmentEvent


class EventForm(forms.ModelForm):
    class Meta:
        model = DevelopmentEvent
        fields = [
            "kind",
            "title",
            "organiser",
            "starts_at",
            "ends_at",
            "place",
            "hours",
            "capacity",
            "description",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
        }

    def __init__(self, *args, organisers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisers is not None:
            self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]


class NormForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Yearly norm of hours"), max_digits=5, decimal_places=1, min_value=0
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=20)
