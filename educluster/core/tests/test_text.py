import pytest
from hypothesis import given
from hypothesis import strategies as st

from educluster.core.text import OKINA, TUTUQ, normalize_uz


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bo'ka", f"Bo{OKINA}ka"),
        ("O`zbekiston", f"O{OKINA}zbekiston"),
        ("g‘alaba", f"g{OKINA}alaba"),
        ("ma'naviy-ma’rifiy", f"ma{TUTUQ}naviy-ma{TUTUQ}rifiy"),
        ("  Parkent   tumani ", "Parkent tumani"),
        ("Oʻrtachirchiq", "Oʻrtachirchiq"),
    ],
)
def test_it_normalises_uzbek_apostrophes(raw, expected):
    assert normalize_uz(raw) == expected


@given(st.text())
def test_it_is_idempotent(text):
    once = normalize_uz(text)
    assert normalize_uz(once) == once
