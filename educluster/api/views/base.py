"""What every API view shares: the request's language, conditional GET, scoped lookups."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
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
