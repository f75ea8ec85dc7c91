"""Errors as RFC 9457 problem details (``application/problem+json``), in the request's language.

Every error body has ``type``, ``title``, ``status`` and ``detail``; a validation error adds
``errors``: one entry per field and message, with a JSON pointer to the field in the request.
Django's own ``ValidationError`` and ``PermissionDenied`` raised by the shared services become
400 and 403 like DRF's; a report decided concurrently (:class:`AlreadyDecided`) is a 409.
"""

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from educluster.agreements.services import AlreadyDecided

PROBLEM_JSON = "application/problem+json"
# Relative URI references (RFC 9457 §3.1.1): resolved against the API's own address.
TYPE_BASE = "/api/problems/"

_TITLES = {
    400: ("invalid-request", _("The request is not valid.")),
    401: ("not-authenticated", _("Authentication is required.")),
    403: ("forbidden", _("You may not do this.")),
    404: ("not-found", _("Not found.")),
    405: ("method-not-allowed", _("This method is not allowed here.")),
    406: ("not-acceptable", _("This response format is not available.")),
    409: ("conflict", _("The request conflicts with the current state.")),
    413: ("too-large", _("The request is too large.")),
    415: ("unsupported-media-type", _("This content type is not supported.")),
    429: ("too-many-requests", _("Too many requests: slow down.")),
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _errors(detail: Any, path: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error detail into ``{"field", "pointer", "detail", "code"}``."""
    found: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else str(key)
            found += _errors(value, f"{path}/{name}" if name else path)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            # A list of messages belongs to its field; a list of objects is indexed.
            found += _errors(value, f"{path}/{index}" if isinstance(value, dict) else path)
    else:
        entry = {"detail": str(detail), "code": getattr(detail, "code", "invalid") or "invalid"}
        if path:
            entry["pointer"] = "#" + path
            entry["field"] = path.strip("/").split("/")[0]
        found.append(entry)
    return found


def _converted(exc: Exception) -> Exception:
    if isinstance(exc, AlreadyDecided):
        return Conflict(detail=" ".join(exc.messages))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(detail=exc.message_dict)
        return exceptions.ValidationError(detail={"non_field_errors": exc.messages})
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def problem_details_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _converted(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling (and its logging) takes over
    code = response.status_code
    slug, title = _TITLES.get(code, ("error", HTTPStatus(code).phrase))
    body: dict[str, Any] = {"type": TYPE_BASE + slug, "title": str(title), "status": code}
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = _errors(data)
        general = [e["detail"] for e in errors if "field" not in e]
        body["detail"] = " ".join(general) if general else str(_("Some fields are not valid."))
        body["errors"] = errors
    elif isinstance(data, dict) and "detail" in data:
        body["detail"] = str(data["detail"])
    else:
        body["detail"] = str(title)
    request = context.get("request")
    if request is not None:
        body["instance"] = request.get_full_path()
    response.data = body
    response.content_type = PROBLEM_JSON
    return response
