"""Helpers shared by the placement pages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def report(request: HttpRequest, error: ValidationError) -> None:
    """Show every message of a refused change; nothing was written."""
    for message in error.messages:
        messages.error(request, message)


def int_or_none(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
