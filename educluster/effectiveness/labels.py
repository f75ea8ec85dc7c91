"""Display labels for the codes the index runs store (directions, missing-value methods, and
the counts each calculator keeps in a value's detail), so the "why" pages speak the reader's
language instead of showing stored keys."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from educluster.effectiveness.models import IndicatorDefinition

METHODS = {
    "renormalise": _("left out; the other weights rescaled"),
    "zero": _("scored 0"),
    "exclude_unit": _("member left out below the minimum coverage"),
}

DETAIL = {
    "activities": _("activities"),
    "admitted": _("admitted"),
    "adoption_days": _("days to adoption"),
    "adoptions": _("adoptions"),
    "adoptions_with_date": _("adoptions with a date"),
    "applicants": _("applicants"),
    "approved_hours": _("approved hours"),
    "confirmed_on_time": _("confirmed on time"),
    "confirmed_requests": _("confirmed requests"),
    "contracts": _("contracts"),
    "decided": _("decided reports"),
    "disputed": _("disputed"),
    "done_on_time": _("done on time"),
    "due": _("due"),
    "effects": _("effect sizes"),
    "enrolled": _("enrolled"),
    "events": _("events"),
    "filled": _("filled"),
    "filled_in_period": _("filled in the period"),
    "first_choice": _("first choice"),
    "forecast_hiring_need": _("forecast hiring need"),
    "forecast_run": _("forecast run"),
    "from_member_schools": _("from member schools"),
    "graduates": _("graduates"),
    "graduation_year": _("graduation year"),
    "hours": _("hours"),
    "in_research": _("in research"),
    "kept": _("kept"),
    "materials": _("materials"),
    "new_teachers": _("new teachers"),
    "open_in_period": _("open in the period"),
    "placed": _("placed"),
    "pupils_reached": _("pupils reached"),
    "ratings": _("ratings"),
    "scenario": _("scenario"),
    "schools": _("schools"),
    "source": _("source"),
    "started": _("started"),
    "still_employed": _("still employed"),
    "students": _("students"),
    "studies": _("studies"),
    "talents": _("talented pupils"),
    "teachers": _("teachers"),
    "teaching": _("teaching"),
    "terms": _("terms"),
    "time_to_fill": _("days to fill"),
    "trained_here": _("trained here"),
    "year": _("year"),
    "young_teachers": _("young teachers"),
}


def direction_label(code: str) -> str:
    labels = dict(IndicatorDefinition.Direction.choices)
    return str(labels.get(code, code))


def method_label(code: str) -> str:
    return str(METHODS.get(code, code))


#: Stored values that are codes themselves.
VALUES = {"manual": _("entered with evidence")}


def detail_items(detail: dict[str, Any]) -> list[tuple[str, Any]]:
    """(label, value) pairs of a value's detail, in the reader's language."""
    return [
        (
            str(DETAIL.get(key, key.replace("_", " "))),
            str(VALUES[value]) if isinstance(value, str) and value in VALUES else value,
        )
        for key, value in detail.items()
    ]
