"""``Authorization: Bearer <token>`` with a personal API token."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from educluster.api.models import ApiToken
from educluster.api.services import api_token_authenticate
from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """The request acts as the token's owner; ``request.auth`` is the :class:`ApiToken`."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            self._refused(request, "malformed")
            raise exceptions.AuthenticationFailed(_("The Authorization header is malformed."))
        try:
            key = header[1].decode("ascii")
        except UnicodeError:
            self._refused(request, "malformed")
            raise exceptions.AuthenticationFailed(
                _("The Authorization header is malformed.")
            ) from None
        token = api_token_authenticate(key)
        if token is None:
            # Only the token's first characters: enough to tell tokens apart, useless to a thief.
            self._refused(request, "invalid", prefix=key[:7])
            raise exceptions.AuthenticationFailed(_("The token is invalid, expired or revoked."))
        return token.user, token

    @staticmethod
    def _refused(request: Request, reason: str, prefix: str = "") -> None:
        detail = {"reason": reason, **({"prefix": prefix} if prefix else {})}
        security_event_record(
            kind=SecurityEvent.Kind.API_AUTH_FAILED, request=request._request, detail=detail
        )

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
