"""iCalendar feeds: RFC 5545 text written by hand, and the per-user secret addresses."""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from educluster.schoollabs import ical, services
from educluster.schoollabs.models import CalendarToken


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab continues the line."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends with CRLF
    return text[:-2].replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def test_it_escapes_text_values():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


@given(st.text(min_size=0, max_size=400))
def test_it_folds_any_line_within_75_octets_and_unfolds_it_back(text):
    line = "SUMMARY:" + ical.escape_text(text)
    folded = ical.fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert unescape(line[len("SUMMARY:") :]) == text.replace("\r\n", "\n").replace("\r", "\n")


def test_it_never_splits_a_character():
    line = "SUMMARY:" + "oʻgʻ" * 40  # ʻ takes two octets in UTF-8
    for part in ical.fold(line).split("\r\n"):
        part.encode("utf-8").decode("utf-8")  # would fail on a split character
        assert len(part.encode("utf-8")) <= 75


def test_it_writes_timed_and_all_day_events():
    updated = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    text = ical.calendar(
        "Lab, No. 3; Chirchiq",
        [
            ical.Event(
                "a@x", date(2026, 12, 3), time(10), time(11, 30), "Dars", "", "", "", updated
            ),
            ical.Event(
                "b@x", date(2026, 12, 5), None, None, "Koʻrgazma", "Ta\nvsif", "", "", updated
            ),
        ],
    )
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "X-WR-CALNAME:Lab\\, No. 3\\; Chirchiq" in lines
    assert "DTSTART:20261203T050000Z" in lines  # 10:00 in Tashkent is 05:00 UTC
    assert "DTEND:20261203T063000Z" in lines
    assert "DTSTART;VALUE=DATE:20261205" in lines and "DTEND;VALUE=DATE:20261206" in lines
    assert "DESCRIPTION:Ta\\nvsif" in lines
    assert lines.count("BEGIN:VEVENT") == 2


def test_it_serves_a_lab_feed_with_the_session(client_as, lab_chr):
    response = client_as("student").get(reverse("schoollabs:lab_ical", args=[lab_chr.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    lines = unfold(response.content.decode())
    assert lines.count("BEGIN:VEVENT") == lab_chr.activities.count()


def test_it_serves_the_subscription_feed_by_token_until_revoked(client, client_as, cast, lab_chr):
    token = services.calendar_token_renew(user=cast["mentor"])
    url = reverse("schoollabs:lab_feed", args=[token.token, lab_chr.pk])
    assert client.get(url).status_code == 200  # no session: the token stands for its owner
    assert CalendarToken.objects.get(pk=token.pk).last_used_at is not None
    renewed = services.calendar_token_renew(user=cast["mentor"])
    assert client.get(url).status_code == 404  # the old address stops working
    new_url = reverse("schoollabs:lab_feed", args=[renewed.token, lab_chr.pk])
    assert client.get(new_url).status_code == 200
    services.calendar_token_revoke(user=cast["mentor"])
    assert client.get(new_url).status_code == 404


@pytest.mark.parametrize("name", ["outsider"])
def test_it_checks_the_owners_scope_at_every_fetch(client, cast, lab_chr, name):
    token = services.calendar_token_renew(user=cast[name])
    url = reverse("schoollabs:lab_feed", args=[token.token, lab_chr.pk])
    assert client.get(url).status_code == 404
    mentor_token = services.calendar_token_renew(user=cast["mentor"])
    cast["mentor"].is_active = False
    cast["mentor"].save()
    assert (
        client.get(
            reverse("schoollabs:lab_feed", args=[mentor_token.token, lab_chr.pk])
        ).status_code
        == 404
    )


def test_it_makes_and_revokes_the_address_from_the_page(client_as, cast, lab_chr):
    client = client_as("faculty")
    back = reverse("schoollabs:lab", args=[lab_chr.pk])
    client.post(reverse("schoollabs:calendar_token"), {"action": "renew", "next": back})
    token = CalendarToken.objects.get(user=cast["faculty"])
    page = client.get(back)
    assert token.token in page.content.decode()
    response = client.post(
        reverse("schoollabs:calendar_token"), {"action": "revoke", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")
    assert not CalendarToken.objects.filter(user=cast["faculty"]).exists()
