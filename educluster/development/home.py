"""Home page section for teachers, mentors and faculty: their upcoming registered events and
their credited hours this academic year. Two queries."""

from typing import Any

from educluster.development import rules as development_rules
from educluster.development import selectors


def section(user: Any) -> tuple[str, dict] | None:
    if not development_rules.may_register(user):
        return None
    person = user.person
    return (
        "development/_home.html",
        {"upcoming": selectors.upcoming_for(person), "hours": selectors.hours_this_year(person)},
    )
