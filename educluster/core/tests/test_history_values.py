"""The History tab writes values as the page's language does: dates, numbers, yes/no."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from educluster.core.history import format_value


@pytest.mark.parametrize(
    ("language", "day", "number", "yes"),
    [
        ("uz", "5-yanvar, 2026-yil", "2,5", "ha"),
        ("ru", "5 января 2026 г.", "2,5", "да"),
        ("en", "Jan. 5, 2026", "2.5", "yes"),
    ],
)
def test_it_formats_values_in_the_language(language, day, number, yes):
    with translation.override(language):
        assert format_value(datetime.date(2026, 1, 5)) == day
        assert format_value(Decimal("2.50")) == number
        assert format_value(Decimal("5.00")) == "5"
        assert format_value(True) == yes


def test_it_shows_a_changed_date_formatted_on_the_cluster_history(client_as, cluster, cast):
    cluster._history_user = cast["coordinator"]
    cluster.founded_on = datetime.date(2022, 3, 15)
    cluster.save()
    client = client_as("coordinator")
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    html = client.get(reverse("registry:cluster_history", args=[cluster.slug])).content.decode()
    assert "15 марта 2022 г." in html
    assert "2022-03-15" not in html
