from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from educluster.reports.models import AnnualReport


def _years() -> list[tuple[int, str]]:
    today = timezone.localdate()
    last = today.year if today.month >= 9 else today.year - 1
    return [(y, f"{y}/{y + 1}") for y in range(last, last - 6, -1)]


class ReportRequestForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Academic year"), coerce=int, choices=_years)
    language = forms.ChoiceField(label=_("Language"), choices=AnnualReport.Language.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "uz")[:2]
