"""The form a head fills in on a phone to offer practice seats: one column, few fields."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.placements.models import SeatOffer


class SeatOfferForm(forms.ModelForm):
    class Meta:
        model = SeatOffer
        fields = ["institution", "term", "subject", "language", "seats", "mentor", "note"]
        widgets = {
            "seats": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "subject": _("As the practice needs it, e.g. “Tasviriy sanʼat”."),
            "mentor": _("A teacher of the school who will guide the trainees."),
        }

    def __init__(self, *args: Any, institutions: Any, terms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions
        cast(forms.ModelChoiceField, self.fields["term"]).queryset = terms
        mentors = Person.objects.filter(
            institution__in=institutions, kind__in=[Person.Kind.TEACHER, Person.Kind.STAFF]
        ).select_related("institution")
        cast(forms.ModelChoiceField, self.fields["mentor"]).queryset = mentors
        several = len(institutions) > 1
        self.fields["mentor"].label_from_instance = (  # type: ignore[attr-defined]
            (lambda p: f"{p.full_name} ({p.institution.short_name or p.institution.name})")
            if several
            else (lambda p: p.full_name)
        )
        if not several and institutions:
            # A head of one school: nothing to choose.
            if not self.initial.get("institution"):
                self.initial["institution"] = institutions[0].pk
            self.fields["institution"].widget = forms.HiddenInput()
