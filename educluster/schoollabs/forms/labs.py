from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.registry.models import Cluster, Institution
from educluster.schoollabs.models import LAB_KINDS, Activity, Instrument, SchoolLab, Term

from ._people import (
    PeopleChoice,
    PersonChoice,
    cluster_people,
    date_input,
    host_schools,
    member_ids,
    set_queryset,
)

LAB_FIELDS = [
    "name",
    "host",
    "agreement",
    "agreement_reference",
    "established_on",
    "supervisor",
    "school_coordinator",
    "focus_topics",
    "facilities",
    "capacity_per_term",
    "evaluation_rubric",
    "status",
]


class LabForm(forms.ModelForm):
    """The coordinator's form: every field, the host and supervisor included."""

    class Meta:
        model = SchoolLab
        fields = LAB_FIELDS
        field_classes = {"supervisor": PersonChoice, "school_coordinator": PersonChoice}
        widgets = {
            "established_on": date_input(),
            "focus_topics": forms.Textarea(attrs={"rows": 3}),
            "facilities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cluster: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cluster = cluster
        if "host" in self.fields:
            set_queryset(self, "host", host_schools(cluster))
        if "agreement" in self.fields:
            set_queryset(self, "agreement", cluster.agreements.exclude(status="draft"))
        if "supervisor" in self.fields:
            set_queryset(self, "supervisor", cluster_people(cluster, Person.Kind.FACULTY))
        teachers = cluster_people(cluster, Person.Kind.TEACHER)
        if self.instance.host_id:
            teachers = teachers.filter(institution_id=self.instance.host_id)
        set_queryset(self, "school_coordinator", teachers)
        set_queryset(
            self,
            "evaluation_rubric",
            Instrument.objects.filter(cluster=cluster, use=Instrument.Use.TRAINEE_EVALUATION),
        )


class LabManagerForm(LabForm):
    """The supervisor's and the host head's form: the host and the supervisor stay fixed."""

    class Meta(LabForm.Meta):
        fields = [f for f in LAB_FIELDS if f not in {"host", "supervisor"}]


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": date_input(), "end_date": date_input()}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "institution",
            "topic",
            "date",
            "start_time",
            "end_time",
            "goal",
            "methods",
            "outcomes",
            "faculty",
            "students",
            "teachers",
        ]
        field_classes = {
            "faculty": PeopleChoice,
            "students": PeopleChoice,
            "teachers": PeopleChoice,
        }
        widgets = {
            "date": date_input(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "methods": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "faculty": forms.SelectMultiple(attrs={"size": 6}),
            "students": forms.SelectMultiple(attrs={"size": 8}),
            "teachers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, lab: SchoolLab | None, cluster: Cluster | None = None, **kwargs):
        """At a lab (``lab``), or at any member of ``cluster`` (no lab; the lab kinds are left
        out, since they need a lab)."""
        super().__init__(*args, **kwargs)
        teachers = None
        if lab is not None:
            self.instance.lab = lab
            self.instance.cluster = cluster = lab.cluster
            self.instance.institution = lab.host
            del self.fields["institution"]
            teachers = cluster_people(cluster, Person.Kind.TEACHER).filter(
                institution_id=lab.host_id
            )
        else:
            assert cluster is not None
            self.instance.cluster = cluster
            set_queryset(
                self, "institution", Institution.objects.filter(pk__in=member_ids(cluster))
            )
            kind = cast(forms.ChoiceField, self.fields["kind"])
            lab_kinds = {str(k) for k in LAB_KINDS}
            kind.choices = [c for c in Activity.Kind.choices if c[0] not in lab_kinds]
            teachers = cluster_people(cluster, Person.Kind.TEACHER)
        set_queryset(self, "goal", cluster.goals.all())
        set_queryset(self, "faculty", cluster_people(cluster, Person.Kind.FACULTY))
        set_queryset(self, "students", cluster_people(cluster, Person.Kind.STUDENT))
        set_queryset(self, "teachers", teachers)


class ClassCountForm(forms.Form):
    class_label = forms.CharField(label=_("Class"), max_length=20, required=False)
    pupils = forms.IntegerField(label=_("Pupils"), min_value=1, max_value=500, required=False)

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("class_label")) != bool(data.get("pupils")):
            raise forms.ValidationError(_("Give both the class and its number of pupils."))
        return data


ClassCountFormSet = forms.formset_factory(ClassCountForm, extra=3, max_num=30)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,.docx,.xlsx"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    lab = forms.ModelChoiceField(
        label=_("School-Lab"), queryset=SchoolLab.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *Activity.Kind.choices], required=False
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=date_input())
    date_to = forms.DateField(label=_("To"), required=False, widget=date_input())

    def __init__(self, *args, labs, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "lab", labs)
