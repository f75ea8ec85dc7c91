"""The account's preferred language: pages after login, e-mails, generated documents."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

SUPPORTED = frozenset(code for code, _name in settings.LANGUAGES)


def user_language(user: Any) -> str:
    """The language to address ``user`` in: their preference, else the product's default."""
    language = getattr(user, "preferred_language", "") or ""
    return language if language in SUPPORTED else settings.LANGUAGE_CODE


def document_language(request: HttpRequest) -> str | None:
    """The language of a generated document: ``?lang=`` when given, else the reader's.

    Returns None for an unknown ``?lang=`` so the view can answer 404.
    """
    asked = request.GET.get("lang")
    if asked is not None:
        return asked if asked in SUPPORTED else None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user_language(user)
    return translation.get_language() or settings.LANGUAGE_CODE
