"""Forms that edit the reference inputs, several of them as grids (one field per cell).

Every cell is labelled with its row and column (“Tasviriy sanʼat, grade 5”), so an error
names exactly the cell at fault; a grid with any error saves nothing.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.registry.models import District, Language
from educluster.workforce import reference
from educluster.workforce.models import (
    AgeBand,
    DistrictNorm,
    GraduateCohort,
    Subject,
    WorkforceSettings,
)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = WorkforceSettings
        fields = [
            "load_norm",
            "retirement_age",
            "default_class_size",
            "class_rounding",
            "repetition_rate",
            "programme_length",
            "completion_rate",
            "attrition_uncertainty",
            "intake_growth_uncertainty",
            "employment_uncertainty",
            "curriculum_source",
        ]
        widgets = {"curriculum_source": forms.Textarea(attrs={"rows": 4})}


class GridForm(forms.Form):
    """A form whose fields are cells; ``rows`` lists (row label, [(column, bound field)])."""

    rows: list[tuple[str, list[tuple[Any, forms.BoundField]]]]

    def cell_errors(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in self.errors.items()
            if name in self.fields
        ] + [str(e) for e in self.non_field_errors()]


class CurriculumForm(GridForm):
    def __init__(self, *args, subjects: list[Subject], table: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        self.rows = []
        for subject in subjects:
            cells = []
            for grade in reference.GRADES:
                name = f"h_{subject.pk}_{grade}"
                self.fields[name] = forms.DecimalField(
                    label=_("%(subject)s, grade %(grade)d")
                    % {"subject": subject.name, "grade": grade},
                    min_value=Decimal(0),
                    max_value=Decimal(40),
                    max_digits=4,
                    decimal_places=1,
                    initial=table.get((subject.pk, grade), Decimal(0)),
                    widget=forms.NumberInput(attrs={"step": "0.5", "class": "wf-cell"}),
                )
                cells.append((grade, self[name]))
            self.rows.append((subject.name, cells))

    def table(self) -> dict[tuple[Subject, int], Decimal]:
        return {
            (subject, grade): self.cleaned_data[f"h_{subject.pk}_{grade}"]
            for subject in self.subjects
            for grade in reference.GRADES
        }


class AttritionForm(GridForm):
    def __init__(self, *args, rates: dict[str, Decimal], **kwargs):
        super().__init__(*args, **kwargs)
        cells = []
        for band, label in AgeBand.choices:
            name = f"a_{band.replace('-', '_')}"
            self.fields[name] = forms.DecimalField(
                label=_("Attrition rate, age band %(band)s") % {"band": label},
                min_value=Decimal(0),
                max_value=Decimal(1),
                max_digits=5,
                decimal_places=4,
                initial=rates.get(band, reference.DEFAULT_ATTRITION[band]),
                widget=forms.NumberInput(attrs={"step": "0.005", "class": "wf-cell"}),
            )
            cells.append((label, self[name]))
        self.rows = [(str(gettext_lazy("Attrition rate")), cells)]

    def rates(self) -> dict[str, Decimal]:
        return {band: self.cleaned_data[f"a_{band.replace('-', '_')}"] for band in AgeBand.values}


class PupilGridForm(GridForm):
    """Pupils and classes of one district and year: one row per grade, two cells per language."""

    def __init__(self, *args, languages: list[Language], table: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = languages
        self.rows = []
        for grade in reference.GRADES:
            cells = []
            for language in languages:
                pupils, classes = table.get((grade, language.pk), (None, None))
                for kind, value, label in (
                    ("p", pupils, _("pupils")),
                    ("c", classes, _("classes")),
                ):
                    name = f"{kind}_{grade}_{language.pk}"
                    self.fields[name] = forms.IntegerField(
                        label=_("Grade %(grade)d, %(language)s, %(what)s")
                        % {"grade": grade, "language": language.name, "what": label},
                        min_value=0,
                        max_value=1_000_000,
                        required=False,
                        initial=value,
                        widget=forms.NumberInput(attrs={"class": "wf-cell"}),
                    )
                    cells.append((f"{language.name}: {label}", self[name]))
            self.rows.append((str(grade), cells))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for grade in reference.GRADES:
            for language in self.languages:
                pupils = data.get(f"p_{grade}_{language.pk}")
                classes = data.get(f"c_{grade}_{language.pk}")
                if pupils is None and classes is not None:
                    self.add_error(
                        f"p_{grade}_{language.pk}", _("Give the pupils of these classes.")
                    )
                elif classes == 0 and pupils:
                    self.add_error(f"c_{grade}_{language.pk}", _("Pupils need at least one class."))
        return data

    def table(self) -> dict[tuple[int, Language], tuple[int | None, int | None]]:
        return {
            (grade, language): (
                self.cleaned_data.get(f"p_{grade}_{language.pk}"),
                self.cleaned_data.get(f"c_{grade}_{language.pk}"),
            )
            for grade in reference.GRADES
            for language in self.languages
        }


class PupilYearForm(forms.Form):
    """Which district-year to open in the pupil grid."""

    district = forms.ModelChoiceField(
        queryset=District.objects.none(), label=gettext_lazy("District")
    )
    year = forms.IntegerField(
        label=gettext_lazy("School year (start)"), min_value=2000, max_value=2100
    )

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]


class DistrictNormForm(forms.ModelForm):
    class Meta:
        model = DistrictNorm
        fields = ["max_class_size", "intake_growth", "graduate_share"]


class GraduateForm(forms.ModelForm):
    class Meta:
        model = GraduateCohort
        fields = ["specialty", "year", "graduates", "employment_rate"]
