from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.core.forms import DateInput
from educluster.materials.models import Adoption, Material
from educluster.projects.forms import PersonChoiceField
from educluster.projects.models import Project
from educluster.registry.models import Cluster, Institution


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        person = cast(Person, obj)
        return f"{person.full_name} ({person.institution})"


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = [
            "title",
            "kind",
            "summary",
            "language",
            "level",
            "subject",
            "tags",
            "authors",
            "project",
            "source_study",
            "source_note",
            "goals",
        ]
        field_classes = {"authors": PeopleChoiceField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "authors": forms.SelectMultiple(attrs={"size": 8}),
            "goals": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args: Any,
        cluster: Cluster,
        people: QuerySet[Person],
        projects: QuerySet[Project],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["authors"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["project"]).queryset = projects
        cast(forms.ModelMultipleChoiceField, self.fields["goals"]).queryset = cluster.goals.all()
        from educluster.schoollabs.models import Study

        cast(forms.ModelChoiceField, self.fields["source_study"]).queryset = Study.objects.filter(
            cluster=cluster
        ).order_by("title")
        self.fields["authors"].help_text = str(
            _("Leave empty to be the author yourself; hold Ctrl to choose several.")
        )


class MaterialFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX, XLSX, PPTX, JPEG or PNG; checked by its content.")
    )


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["institution", "teacher", "adopted_on", "classes", "pupils", "feedback", "rating"]
        field_classes = {"teacher": PersonChoiceField}
        widgets = {
            "adopted_on": DateInput(),
            "feedback": forms.Textarea(attrs={"rows": 3}),
            "rating": forms.Select(choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)]),
        }

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Institution],
        teachers: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions
        cast(forms.ModelChoiceField, self.fields["teacher"]).queryset = teachers
        if not self.is_bound and self.instance.institution_id is None:
            only = list(institutions[:2])
            if len(only) == 1:  # a member head records for their own institution
                self.initial["institution"] = only[0].pk
