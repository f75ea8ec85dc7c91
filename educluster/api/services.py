"""Creating and revoking personal API tokens."""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.models import User
from educluster.api.models import TOKEN_PREFIX, ApiToken, hash_key

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def api_token_create(
    *, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the token text, which is never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the token (e.g. the system that will use it).")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    if ApiToken.objects.filter(user=user).usable().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("Revoke an old token first: at most 20 may be active."))
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_hash=hash_key(key),
        prefix=key[: len(TOKEN_PREFIX) + 6],
        expires_at=expires_at,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    """Revoke one of the user's own tokens (idempotent: the first revocation time stays)."""
    if token.user_id != user.pk:
        raise ValidationError(_("This is not your token."))
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db()
    return token


def api_token_authenticate(key: str) -> ApiToken | None:
    """The usable token with this text, its last-used time brought up to date; else None."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(key_hash=hash_key(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # One UPDATE per request at most, and none within a minute of the last: cheap under load.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
