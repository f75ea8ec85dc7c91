"""Event log rows in the reader's language (formatting only; see ``agreements.audit``)."""

from typing import Any

from django import template

from educluster.agreements.audit import event_details, event_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return event_label(action)


@register.filter
def payload_details(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return event_details(payload)
