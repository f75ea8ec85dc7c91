from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.feedback.models import COMPETENCES, RATING_MAX, RATING_MIN

RATING_CHOICES = [(str(i), str(i)) for i in range(RATING_MIN, RATING_MAX + 1)]


class FeedbackForm(forms.Form):
    """One 1–5 choice per competence and a comment."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, name in COMPETENCES:
            self.fields[code] = forms.TypedChoiceField(
                label=name,
                choices=[("", "—"), *RATING_CHOICES],
                coerce=int,
                help_text=_("1 = weak, 5 = excellent"),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea
        )

    def ratings(self) -> dict[str, int]:
        return {code: self.cleaned_data[code] for code, _name in COMPETENCES}
