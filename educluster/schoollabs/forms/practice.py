from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.schoollabs.models import Instrument, Placement, PracticeLog, SchoolLab

from ._people import PersonChoice, cluster_people, date_input, set_queryset


class PlacementForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["term", "student", "mentor", "planned_hours"]
        field_classes = {"student": PersonChoice, "mentor": PersonChoice}

    def __init__(self, *args, lab: SchoolLab, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.lab = lab
        set_queryset(self, "term", lab.cluster.lab_terms.all())
        set_queryset(self, "student", cluster_people(lab.cluster, Person.Kind.STUDENT))
        set_queryset(
            self,
            "mentor",
            cluster_people(lab.cluster, Person.Kind.TEACHER).filter(institution_id=lab.host_id),
        )


class PlacementEditForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["mentor", "planned_hours", "status"]
        field_classes = {"mentor": PersonChoice}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lab = self.instance.lab
        set_queryset(
            self,
            "mentor",
            cluster_people(lab.cluster, Person.Kind.TEACHER).filter(institution_id=lab.host_id),
        )


class HoursForm(forms.ModelForm):
    class Meta:
        model = PracticeLog
        fields = ["date", "hours", "activity", "description"]
        widgets = {
            "date": date_input(),
            "hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "12"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, placement: Placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.placement = placement
        term = placement.term
        set_queryset(
            self,
            "activity",
            placement.lab.activities.filter(date__range=(term.start_date, term.end_date)),
        )
        if not self.instance.pk:
            self.initial.setdefault("date", min(timezone.localdate(), term.end_date))
            self.initial.setdefault("hours", Decimal(4))


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvaluationForm(forms.Form):
    """One score field per criterion of the rubric, then a comment."""

    evaluated_on = forms.DateField(label=_("Evaluated on"), widget=date_input())
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(instrument.items.all())
        for item in self.items:
            self.fields[f"item_{item.number}"] = forms.IntegerField(
                label=str(item),
                min_value=item.scale_min,
                max_value=item.scale_max,
                help_text=f"{item.scale_min}–{item.scale_max}"
                + (f". {item.description}" if item.description else ""),
            )
        # The criteria first, then the date and the comment.
        self.order_fields([f"item_{i.number}" for i in self.items] + ["evaluated_on", "comment"])

    @property
    def scores(self) -> list[int]:
        return [self.cleaned_data[f"item_{item.number}"] for item in self.items]
