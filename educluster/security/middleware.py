"""Records every refused request (403) as a security event.

A 403 comes from a ``PermissionDenied`` in a view (Django turns it into the response before
this middleware sees it), from the API's permission checks or from the CSRF check. Scoping
refusals are 404 on purpose and are not recorded: every stale link would be an event.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record


class PermissionDeniedLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            security_event_record(
                kind=SecurityEvent.Kind.DENIED,
                request=request,
                detail={"method": request.method, "status": 403},
            )
        return response
