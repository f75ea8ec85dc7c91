"""A month of activities as a grid of weeks (Monday first), built on the server."""

import calendar as _calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    is_today: bool
    items: list[Any]


@dataclass(frozen=True)
class MonthGrid:
    first: date
    weeks: list[list[Day]]
    previous: date
    next: date


def parse_month(value: str | None, today: date) -> date:
    """``YYYY-MM`` → the first of that month; anything else → the current month."""
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


def month_bounds(first: date) -> tuple[date, date]:
    last = _calendar.monthrange(first.year, first.month)[1]
    return first, first.replace(day=last)


def month_grid(first: date, items: Iterable[Any], today: date) -> MonthGrid:
    """Weeks covering the month; ``items`` are placed on the day of their ``date``."""
    by_day: dict[date, list[Any]] = defaultdict(list)
    for item in items:
        by_day[item.date].append(item)
    weeks = [
        [Day(d, d.month == first.month, d == today, by_day.get(d, [])) for d in week]
        for week in _calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    following = month_bounds(first)[1] + timedelta(days=1)
    return MonthGrid(first=first, weeks=weeks, previous=previous, next=following)
