"""Dated occurrences of a recurring obligation within an agreement's term (pure, no Django)."""

import calendar
from datetime import date


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def occurrence_dates(
    recurrence: str, *, start: date, end: date, due: date | None = None
) -> list[date]:
    """The due dates of an obligation between ``start`` and ``end`` inclusive.

    * ``once``: the due date itself;
    * ``monthly``: the last day of every month of the term;
    * ``term``: the end of each school term — 31 December and 31 May (Uzbekistan's two
      half-years of the academic year);
    * ``yearly``: each anniversary of the start (the end of each agreement year), or the end of
      the term when it is shorter than a year.

    Dates always fall inside the term; the last period ends no later than the term does.

    >>> occurrence_dates("term", start=date(2025, 9, 1), end=date(2026, 8, 31))
    [datetime.date(2025, 12, 31), datetime.date(2026, 5, 31)]
    """
    if end < start:
        return []
    if recurrence == "once":
        return [due] if due is not None and start <= due <= end else []
    dates: list[date] = []
    if recurrence == "monthly":
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            dates.append(min(_month_end(year, month), end))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif recurrence == "term":
        for year in range(start.year, end.year + 1):
            for candidate in (date(year, 5, 31), date(year, 12, 31)):
                if start <= candidate <= end:
                    dates.append(candidate)
    elif recurrence == "yearly":
        k = 1
        while (anniversary := _add_years(start, k)) <= end:
            dates.append(anniversary)
            k += 1
        if not dates:
            dates.append(end)
    else:
        raise ValueError(f"unknown recurrence {recurrence!r}")
    return sorted(set(dates))
