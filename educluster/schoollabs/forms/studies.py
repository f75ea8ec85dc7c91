from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person
from educluster.registry.models import Cluster
from educluster.schoollabs.codes import (
    PUPIL_CODE_EXAMPLE,
    normalize_pupil_code,
    validate_pupil_code,
)
from educluster.schoollabs.models import (
    Instrument,
    InstrumentItem,
    Pupil,
    Study,
    StudyGroup,
)

from ._people import PeopleChoice, cluster_people, date_input, host_schools, set_queryset


class InstrumentForm(forms.ModelForm):
    class Meta:
        model = Instrument
        fields = ["name", "kind", "use", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ItemForm(forms.ModelForm):
    class Meta:
        model = InstrumentItem
        fields = ["title", "description", "scale_min", "scale_max", "reverse_scored"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class StudyForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = [
            "title",
            "code",
            "lab",
            "hypothesis",
            "instrument",
            "cluster_level",
            "has_follow_up",
            "pre_date",
            "post_date",
            "follow_up_date",
            "status",
            "team",
        ]
        field_classes = {"team": PeopleChoice}
        widgets = {
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "pre_date": date_input(),
            "post_date": date_input(),
            "follow_up_date": date_input(),
            "team": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, cluster: Cluster, labs, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cluster = cluster
        set_queryset(self, "lab", labs)
        set_queryset(
            self,
            "instrument",
            Instrument.objects.filter(cluster=cluster, use=Instrument.Use.PUPIL_ASSESSMENT),
        )
        set_queryset(self, "team", cluster_people(cluster, Person.Kind.FACULTY))
        self.fields["team"].help_text = _(
            "Faculty members who see and enter pupils' results, with the lab's supervisor."
        )

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()


class GroupForm(forms.ModelForm):
    class Meta:
        model = StudyGroup
        fields = ["arm", "institution", "class_label", "grade", "code"]

    def __init__(self, *args, study: Study, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.study = study
        set_queryset(self, "institution", host_schools(study.cluster))
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Names the class in import files; E1, C1… when empty.")


class ResultRowForm(forms.Form):
    """One pupil's row in the entry table: code, sex, birth year, a score per criterion."""

    code = forms.CharField(label=_("Pupil code"), max_length=20, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Pupil.Sex.choices], required=False)
    birth_year = forms.IntegerField(
        label=_("Birth year"), min_value=1990, max_value=2100, required=False
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.fields["code"].widget.attrs.update(
            {"placeholder": PUPIL_CODE_EXAMPLE, "size": 10, "autocomplete": "off"}
        )
        for item in self.items:
            self.fields[f"item_{item.number}"] = forms.IntegerField(
                label=str(item.number),
                min_value=item.scale_min,
                max_value=item.scale_max,
                required=False,
                widget=forms.NumberInput(attrs={"class": "score", "title": str(item)}),
            )

    @property
    def score_fields(self):
        return [self[f"item_{item.number}"] for item in self.items]

    def clean_code(self):
        code = normalize_pupil_code(self.cleaned_data.get("code", ""))
        if code:
            validate_pupil_code(code)
        return code

    def clean(self):
        data = super().clean() or {}
        if not data.get("code"):
            if any(data.get(f"item_{i.number}") is not None for i in self.items):
                raise forms.ValidationError(_("Give the pupil code of this row."))
            return data
        missing = [str(i.number) for i in self.items if data.get(f"item_{i.number}") is None]
        # A listed pupil without any score was not assessed at this wave (absent): no result.
        data["absent"] = len(missing) == len(self.items)
        if missing and not data["absent"] and not self.errors:
            raise forms.ValidationError(
                _("Scores are missing for criteria %(list)s.") % {"list": ", ".join(missing)}
            )
        return data

    @property
    def scores(self) -> list[int]:
        return [self.cleaned_data[f"item_{item.number}"] for item in self.items]


class BaseResultEntryFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            code = form.cleaned_data.get("code")
            if not code:
                continue
            if code in seen:
                form.add_error("code", _("This pupil is listed twice."))
            seen.add(code)


ResultEntryFormSet = forms.formset_factory(
    ResultRowForm, formset=BaseResultEntryFormSet, extra=0, max_num=200
)


def result_entry_formset(*, items, initial, data=None, extra: int = 5) -> forms.BaseFormSet:
    formset_class = forms.formset_factory(
        ResultRowForm, formset=BaseResultEntryFormSet, extra=extra, max_num=200
    )
    return formset_class(data, initial=initial, form_kwargs={"items": items}, prefix="rows")
