"""The server-error handler: a database that is briefly unreachable is a 503, not a 500.

Django calls ``handler500`` for every uncaught exception while DEBUG is off, from inside the
``except`` block, so the exception is still in ``sys.exc_info()``; this sees errors raised by
middleware (the session or the API token read from the database) as well as by views. The 503
page is rendered without the request's context processors: they would ask the unavailable
database for the user and the navigation. Requests under ``/api/`` get a problem+json body.
"""

import json
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger("educluster.errors")

# Seconds a client is asked to wait: a failover or a restarted database is back within this.
RETRY_AFTER_SECONDS = 60


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 Service Unavailable with Retry-After, as HTML or (for the API) problem details."""
    message = _("The service is briefly unavailable, try again in a minute.")
    if request.path.startswith("/api/"):
        body = {
            "type": "/api/problems/service-unavailable",
            "title": message,
            "status": 503,
            "detail": _("The database cannot be reached at the moment."),
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False),
            status=503,
            content_type="application/problem+json",
        )
    else:
        html = loader.get_template("503.html").render(
            {"message": message, "language": get_language() or "uz"}
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: the database being unreachable gets its own page."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("database unavailable on %s: %s", request.path, error)
        return database_unavailable(request)
    return defaults.server_error(request, template_name)
