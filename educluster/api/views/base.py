"""What every API view shares: the request's language, conditional GET, scoped lookups."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def header_language(request: HttpRequest) -> str | None:
    """The first supported language named in Accept-Language, if any."""
    for part in request.META.get("HTTP_ACCEPT_LANGUAGE", "").split(","):
        tag = part.split(";")[0].strip().lower()
        for candidate in (tag, tag.split("-")[0]):
            if candidate in SUPPORTED:
                return candidate
    return None


def form_data(
    data: Any, form_class: type[forms.Form] | type[forms.ModelForm], names: list[str]
) -> dict[str, Any]:
    """A request body as data for one of the pages' forms: the named fields only, a form body's
    repeated values as lists, and each value in the shape its form field takes — a JSON array
    or object where one value belongs (or a single value where a list belongs) is a 400 naming
    the field, never a crash inside the form."""
    if not hasattr(data, "get"):  # a JSON body that is not an object
        raise ValidationError(_("The request body must be an object."))
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name in names:
        field = form_class.base_fields.get(name)
        multiple = isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))
        if hasattr(data, "getlist"):  # multipart or urlencoded: every value is a string
            if name in data:
                out[name] = data.getlist(name) if multiple else data.get(name)
            continue
        value = data.get(name)
        if value is None:
            continue
        if multiple:
            if not isinstance(value, list) or any(isinstance(v, (list, dict)) for v in value):
                errors[name] = [_("Enter a list of ids.")]
                continue
        elif isinstance(value, (list, dict)):
            errors[name] = [_("Enter a single value, not a list or an object.")]
            continue
        elif isinstance(field, forms.fields.BaseTemporalField) and not isinstance(value, str):
            errors[name] = [str(field.error_messages["invalid"])]  # a date or time is text
            continue
        out[name] = value
    if errors:
        raise ValidationError(errors)
    return out


class ApiViewMixin:
    """Mixed into every API view.

    Language: an explicit Accept-Language wins (a partner system asks for it), otherwise the
    account's preferred language, otherwise Uzbek. Reads carry an ETag of their body and answer
    ``If-None-Match`` with 304, which saves the client the transfer.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        language = header_language(request._request)
        if language:
            translation.activate(language)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if not language:
            preferred = getattr(request.user, "preferred_language", "")
            if preferred in SUPPORTED:
                translation.activate(preferred)
        request._request.LANGUAGE_CODE = translation.get_language()

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept-Language", "Authorization", "Cookie"])
        return response

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not getattr(response, "streaming", False)
            and hasattr(response, "render")
        ):
            response.render()
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response


class ReadViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """A scoped, read-only list and detail; ``get_queryset`` applies the user's scope, so an
    object outside it is 404."""

    ordering = ["id"]
