"""iCalendar (RFC 5545) text for a School-Lab's activities, written without a library.

Text values escape backslash, semicolon, comma and line breaks (§3.3.11); content lines are
folded so that no line exceeds 75 octets, continuation lines starting with one space (§3.1),
without splitting a UTF-8 character; every line ends with CRLF. Times are written in UTC
(``…Z``), so no VTIMEZONE component is needed; activities without a time are all-day events.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

PRODID = "-//EduCluster//School-Labs//EN"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma get a backslash
    before them; a line break becomes ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line into pieces of at most 75 octets joined by CRLF + space."""
    pieces: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            # A continuation line's leading space counts towards its 75 octets.
            current, size, limit = char, octets, LINE_OCTETS - 1
        else:
            current += char
            size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    start: time | None
    end: time | None
    summary: str
    description: str
    location: str
    url: str
    updated: datetime


def _event_lines(event: Event) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_utc(event.updated)}"]
    if event.start is None:
        lines.append(f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}")
    else:
        zone = timezone.get_default_timezone()
        start = datetime.combine(event.day, event.start, tzinfo=zone)
        end = (
            datetime.combine(event.day, event.end, tzinfo=zone)
            if event.end
            else start + timedelta(hours=1)
        )
        lines.append(f"DTSTART:{_utc(start)}")
        lines.append(f"DTEND:{_utc(end)}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append(f"LAST-MODIFIED:{_utc(event.updated)}")
    lines.append("END:VEVENT")
    return lines


def calendar(name: str, events: Iterable[Event]) -> str:
    """A VCALENDAR of ``events``, folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
