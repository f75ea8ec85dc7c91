"""The engine's error codes as plain sentences in the user's language, naming the row and field.

The engine raises ``ForecastInputError(code, field, …, row={"district": "parkent", …})`` with
its own labels (district and subject codes); here they become the names people know:
“The attrition rate is outside 0 to 1 (Parkent tumani · Tasviriy sanʼat · age band 60–64).”
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.engines.forecast import errors as E
from educluster.registry.models import District
from educluster.workforce.models import Subject

FIELD_LABELS = {
    "base_pupils": gettext_lazy("The number of pupils"),
    "promotion": gettext_lazy("The promotion rate"),
    "repetition": gettext_lazy("The repetition rate"),
    "entrants": gettext_lazy("The number of grade-1 entrants"),
    "intake_growth": gettext_lazy("The growth of grade-1 intake"),
    "base_entrants": gettext_lazy("The number of grade-1 entrants"),
    "max_class_size": gettext_lazy("The class-size norm"),
    "hours": gettext_lazy("The weekly hours"),
    "load_norm": gettext_lazy("The teaching load of a full-time post"),
    "ptr": gettext_lazy("The pupil–teacher ratio"),
    "ptr_grades": gettext_lazy("The pupil–teacher ratio weights"),
    "staff": gettext_lazy("The number of teachers in post"),
    "attrition": gettext_lazy("The attrition rate"),
    "graduates": gettext_lazy("The number of graduates"),
    "employment_rate": gettext_lazy("The employment rate of graduates"),
    "share_entering": gettext_lazy("The share of graduates entering the district"),
    "entry_age_share": gettext_lazy("The age distribution of new teachers"),
    "completion_rate": gettext_lazy("The completion rate"),
    "retirement_age": gettext_lazy("The retirement age"),
    "programme_length": gettext_lazy("The programme length"),
    "age_band_edges": gettext_lazy("The age bands"),
    "horizon": gettext_lazy("The horizon"),
    "grades": gettext_lazy("The grades"),
    "districts": gettext_lazy("The list of districts"),
    "subjects": gettext_lazy("The list of subjects"),
    "draws": gettext_lazy("The number of Monte-Carlo draws"),
    "class_rounding": gettext_lazy("The class count"),
    "mode": gettext_lazy("The demand mode"),
}

REASONS = {
    E.NEGATIVE_VALUE: gettext_lazy("%(field)s is negative%(where)s."),
    E.RATE_OUT_OF_RANGE: gettext_lazy("%(field)s is outside 0 to 1%(where)s."),
    E.GRADE_OUT_OF_RANGE: gettext_lazy("%(field)s names a grade outside 1 to 11%(where)s."),
    E.UNKNOWN_SUBJECT: gettext_lazy(
        "%(field)s names a subject that is not in the curriculum table%(where)s."
    ),
    E.SHAPE_MISMATCH: gettext_lazy("%(field)s does not fit its table%(where)s."),
    E.NON_FINITE: gettext_lazy("%(field)s is not a number%(where)s."),
    E.UNKNOWN_DISTRICT: gettext_lazy("%(field)s names a district without pupil numbers%(where)s."),
    E.UNKNOWN_FIELD: gettext_lazy("%(field)s cannot be changed this way%(where)s."),
    E.VALUE_OUT_OF_RANGE: gettext_lazy("%(field)s is outside its allowed range%(where)s."),
}


def _district_name(code: object) -> str:
    district = District.objects.filter(code=str(code)).first()
    return district.name if district else str(code)


def _subject_name(code: object) -> str:
    subject = Subject.objects.filter(code=str(code)).first()
    return subject.name if subject else str(code)


def describe_row(row: dict[str, Any]) -> str:
    """“Parkent tumani · Tasviriy sanʼat · grade 5” from the engine's row labels."""
    parts = []
    if "district" in row:
        parts.append(_district_name(row["district"]))
    if "subject" in row:
        parts.append(_subject_name(row["subject"]))
    if "grade" in row:
        parts.append(_("grade %(grade)s") % {"grade": row["grade"]})
    if "age_band" in row:
        parts.append(_("age band %(band)s") % {"band": str(row["age_band"]).replace("-", "–")})
    if "year" in row:
        parts.append(_("year %(year)s") % {"year": row["year"]})
    return " · ".join(parts)


def explain(error: Any, *, scenario: str = "") -> str:
    """A sentence for a ``ForecastInputError``; ``scenario`` names the scenario at fault."""
    field = str(FIELD_LABELS.get(error.field, error.field))
    where = describe_row(getattr(error, "row", {}) or {})
    template = REASONS.get(error.code, REASONS[E.VALUE_OUT_OF_RANGE])
    sentence = str(template) % {"field": field, "where": f" ({where})" if where else ""}
    if scenario:
        sentence += " " + _("Check the overrides of the scenario “%(name)s”.") % {"name": scenario}
    return sentence
