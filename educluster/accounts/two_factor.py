"""Two-factor login workflows: enrol an authenticator app, check a code, recovery codes.

Codes are TOTP (RFC 6238, see :mod:`educluster.engines.totp`). Wrong codes are counted per
account, in the database (so a fresh session or another computer does not start the count
again): after ``FAILURE_LIMIT`` of them the account's codes are refused for ``LOCK_TIME``.
Counters and the last used step are written with ``update()`` so that the history keeps only
enrolment and removal.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from educluster.accounts.models import RecoveryCode, Role, TwoFactorDevice, User
from educluster.engines.totp import otpauth_uri, secret_decode, secret_generate, totp_verify
from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record

FAILURE_LIMIT = 5
LOCK_TIME = timedelta(minutes=15)
RECOVERY_CODE_COUNT = 10
ISSUER = "EduCluster"
# No 0/o, 1/l/i: the codes are copied by hand from paper.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class TwoFactorLocked(Exception):
    """Too many wrong codes: the account's codes are refused until ``until``."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until)
        self.until = until

    @property
    def message(self) -> str:
        return _locked_message(self.until)


@dataclass(frozen=True)
class CodeCheck:
    """What a typed code turned out to be: ``method`` is "totp", "recovery" or ``None``."""

    method: str | None
    message: str = ""
    recovery_codes_left: int = 0
    locked_until: datetime | None = None
    reason: str = ""  # why a code was refused: "wrong", "replayed" or "locked"

    @property
    def ok(self) -> bool:
        return self.method is not None


def _locked_message(until: datetime) -> str:
    return _("Too many wrong codes. Try again after %(time)s.") % {
        "time": timezone.localtime(until).strftime("%H:%M")
    }


def two_factor_required(user: Any) -> bool:
    """Platform administrators and Django staff may not log in without a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.roles.filter(role=Role.ADMINISTRATOR).exists()


def two_factor_device(user: Any) -> TwoFactorDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TwoFactorDevice.objects.filter(user_id=user.pk).first()


def two_factor_secret_new() -> str:
    return secret_generate(secrets.token_bytes)


def two_factor_uri(*, user: User, secret: str) -> str:
    return otpauth_uri(secret, account=user.username, issuer=ISSUER)


def _normalise_recovery(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _recovery_hash(text: str) -> str:
    # A keyed fast hash is enough: the codes carry ~50 random bits and guesses are throttled.
    return salted_hmac(
        "educluster.accounts.recovery-code", _normalise_recovery(text), algorithm="sha256"
    ).hexdigest()


def _recovery_codes_create(device: TwoFactorDevice) -> list[str]:
    device.recovery_codes.all().delete()
    codes = []
    for _index in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _char in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=_recovery_hash(code)) for code in codes
    )
    return codes


def recovery_codes_left(device: TwoFactorDevice) -> int:
    return device.recovery_codes.filter(used_at__isnull=True).count()


@transaction.atomic
def _record(user: User, action: str) -> None:
    """A change of the second factor is a security event: who, when, what."""
    security_event_record(
        kind=SecurityEvent.Kind.TWO_FACTOR,
        user=user,
        username=user.username,
        detail={"action": action},
    )


def two_factor_enrol(
    *, user: User, secret: str, code: str, at: float | None = None
) -> tuple[TwoFactorDevice, list[str]]:
    """Turn two-factor login on once the app shows the right code; return the device and its
    recovery codes (in plain text this once only)."""
    if TwoFactorDevice.objects.filter(user_id=user.pk).exists():
        raise ValidationError(_("Two-factor login is already on for this account."))
    step = totp_verify(secret_decode(secret), code, time.time() if at is None else at)
    if step is None:
        raise ValidationError(
            _("The code is not right. Check the time on your phone and type the newest code.")
        )
    device = TwoFactorDevice(
        user=user, secret=secret, confirmed_at=timezone.now(), last_used_step=step
    )
    device._history_user = user  # type: ignore[attr-defined]
    device.save()
    _record(user, "enrolled")
    return device, _recovery_codes_create(device)


@transaction.atomic
def two_factor_check(*, user: User, code: str, at: float | None = None) -> CodeCheck:
    """Check a code from the app, or a recovery code; count a wrong one.

    Raises :class:`TwoFactorLocked` while the account is locked. The device row is locked for
    the check, so two requests cannot use one code (or one recovery code) twice.
    """
    device = TwoFactorDevice.objects.select_for_update().get(user_id=user.pk)
    now = timezone.now()
    if device.locked_until is not None and device.locked_until > now:
        raise TwoFactorLocked(device.locked_until)
    failures = 0 if device.locked_until is not None else device.failed_attempts
    secret = secret_decode(device.secret)
    at = time.time() if at is None else at
    step = totp_verify(secret, code, at, last_used_step=device.last_used_step)
    devices = TwoFactorDevice.objects.filter(pk=device.pk)
    if step is not None:
        devices.update(last_used_step=step, failed_attempts=0, locked_until=None)
        return CodeCheck("totp")
    recovery = None
    if len(_normalise_recovery(code)) == 10:
        recovery = device.recovery_codes.filter(
            code_hash=_recovery_hash(code), used_at__isnull=True
        ).first()
    if recovery is not None:
        recovery.used_at = now
        recovery.save(update_fields=["used_at"])
        devices.update(failed_attempts=0, locked_until=None)
        return CodeCheck("recovery", recovery_codes_left=recovery_codes_left(device))
    failures += 1
    locked_until = now + LOCK_TIME if failures >= FAILURE_LIMIT else None
    devices.update(failed_attempts=failures, locked_until=locked_until)
    if locked_until is not None:
        # Returned, not raised: raising here would roll the lock back.
        return CodeCheck(
            None, message=_locked_message(locked_until), locked_until=locked_until, reason="locked"
        )
    if totp_verify(secret, code, at) is not None:
        message = _("This code was already used. Wait for the next code in the app.")
        return CodeCheck(None, message=message, reason="replayed")
    message = _("The code is not right. Type the newest code from the app.")
    return CodeCheck(None, message=message, reason="wrong")


def _check_or_raise(user: User, code: str, at: float | None) -> CodeCheck:
    try:
        check = two_factor_check(user=user, code=code, at=at)
    except TwoFactorLocked as locked:
        raise ValidationError(locked.message) from None
    if not check.ok:
        raise ValidationError(check.message)
    return check


def two_factor_disable(*, user: User, code: str, at: float | None = None) -> None:
    """Turn two-factor login off with a current code; administrators cannot."""
    if two_factor_required(user):
        raise PermissionDenied(_("Administrators must keep two-factor login on."))
    # The check commits its own counting (a wrong code stays counted), then the removal.
    _check_or_raise(user, code, at)
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().get(user_id=user.pk)
        device._history_user = user  # type: ignore[attr-defined]
        device.delete()
        _record(user, "turned off")


def recovery_codes_regenerate(*, user: User, code: str, at: float | None = None) -> list[str]:
    """New recovery codes (the old ones stop working), with a current code."""
    _check_or_raise(user, code, at)
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().get(user_id=user.pk)
        _record(user, "new recovery codes")
        return _recovery_codes_create(device)
