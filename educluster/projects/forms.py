from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.core.forms import DateInput
from educluster.projects.models import Deliverable, Milestone, Project, TeamMember
from educluster.registry.models import Cluster, Institution
from educluster.schoollabs.models import SchoolLab


class PersonChoiceField(forms.ModelChoiceField):
    """People named with their institution, and students with their level and year."""

    def label_from_instance(self, obj: Any) -> str:
        person = cast(Person, obj)
        extra = [str(person.institution)]
        if person.study_level:
            extra.insert(0, f"{person.get_study_level_display()}, {person.study_year}")
        return f"{person.full_name} ({'; '.join(extra)})"


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "area",
            "summary",
            "goals",
            "leader",
            "partners",
            "labs",
            "start_date",
            "end_date",
        ]
        field_classes = {"leader": PersonChoiceField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.CheckboxSelectMultiple,
            "labs": forms.CheckboxSelectMultiple,
            "partners": forms.SelectMultiple(attrs={"size": 8}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(
        self,
        *args: Any,
        cluster: Cluster,
        people: QuerySet[Person],
        members: QuerySet[Institution],
        labs: QuerySet[SchoolLab],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["goals"]).queryset = cluster.goals.all()
        cast(forms.ModelChoiceField, self.fields["leader"]).queryset = people.exclude(
            kind=Person.Kind.STUDENT
        )
        cast(forms.ModelMultipleChoiceField, self.fields["partners"]).queryset = members
        cast(forms.ModelMultipleChoiceField, self.fields["labs"]).queryset = labs

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class TeamMemberForm(forms.Form):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("by the kind of person")), *TeamMember.Role.choices],
        required=False,
    )
    task = forms.CharField(label=_("Task in the project"), max_length=300, required=False)
    joined_on = forms.DateField(
        label=_("Joined on"),
        required=False,
        widget=DateInput(),
        help_text=_("Today, or the project's start if it has not started yet."),
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = people


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "completed_on"]
        widgets = {
            "due_date": DateInput(),
            "completed_on": DateInput(),
        }


class DeliverableForm(forms.ModelForm):
    class Meta:
        model = Deliverable
        fields = ["kind", "title", "authors", "file", "link", "delivered_on"]
        widgets = {
            "authors": forms.CheckboxSelectMultiple,
            "file": forms.FileInput,
            "delivered_on": DateInput(),
        }
        help_texts = {"file": _("PDF, DOCX, XLSX, PPTX, JPEG or PNG; checked by its content.")}

    def __init__(self, *args: Any, team: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["authors"]).queryset = team


class IndicatorMeasureForm(forms.Form):
    measure = forms.ChoiceField(label=_("Computed from"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["measure"]).choices = [("", "—"), *choices]
