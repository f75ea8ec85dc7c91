from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from educluster.agreements.schedule import occurrence_dates


@pytest.mark.parametrize(
    ("recurrence", "start", "end", "expected"),
    [
        (
            "monthly",
            date(2025, 9, 15),
            date(2025, 12, 10),
            [date(2025, 9, 30), date(2025, 10, 31), date(2025, 11, 30), date(2025, 12, 10)],
        ),
        (
            "term",
            date(2025, 9, 1),
            date(2027, 8, 31),
            [date(2025, 12, 31), date(2026, 5, 31), date(2026, 12, 31), date(2027, 5, 31)],
        ),
        ("yearly", date(2024, 2, 29), date(2026, 3, 1), [date(2025, 2, 28), date(2026, 2, 28)]),
        ("yearly", date(2025, 9, 1), date(2026, 3, 1), [date(2026, 3, 1)]),
    ],
)
def test_it_expands_recurrences_within_the_term(recurrence, start, end, expected):
    assert occurrence_dates(recurrence, start=start, end=end) == expected


def test_it_keeps_a_one_off_date_only_inside_the_term():
    assert occurrence_dates(
        "once", start=date(2025, 1, 1), end=date(2025, 12, 31), due=date(2025, 6, 1)
    ) == [date(2025, 6, 1)]
    assert (
        occurrence_dates(
            "once", start=date(2025, 1, 1), end=date(2025, 12, 31), due=date(2026, 6, 1)
        )
        == []
    )


@given(
    st.sampled_from(["monthly", "term", "yearly"]),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(min_value=0, max_value=2000),
)
def test_it_never_leaves_the_term_and_never_repeats(recurrence, start, days):
    end = date.fromordinal(start.toordinal() + days)
    dates = occurrence_dates(recurrence, start=start, end=end)
    assert all(start <= d <= end for d in dates)
    assert dates == sorted(set(dates))
    if recurrence in ("monthly", "yearly"):
        assert dates  # every term has at least one due date
