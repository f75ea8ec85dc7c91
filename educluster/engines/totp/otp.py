"""HOTP (RFC 4226) and TOTP (RFC 6238) one-time passwords, pure Python (``hmac`` + ``hashlib``).

The defaults are what authenticator apps expect: HMAC-SHA-1, 6 digits, a 30-second time step
counted from the Unix epoch (RFC 6238 §4: ``T0 = 0``, ``X = 30``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from urllib.parse import quote, urlencode

DEFAULT_STEP = 30
DEFAULT_DIGITS = 6
# 160 bits: the length RFC 4226 §4 (R6) recommends for a shared secret, and HMAC-SHA-1's
# output size.
SECRET_BYTES = 20


class TotpInputError(ValueError):
    """Raised for an argument no one-time password can be computed from."""


def _check(digits: int, step: int) -> None:
    if not 6 <= digits <= 10:
        raise TotpInputError("digits must be between 6 and 10 (RFC 4226 §5.3)")
    if step <= 0:
        raise TotpInputError("the time step must be a positive number of seconds")


def hotp_code(secret: bytes, counter: int, *, digits: int = DEFAULT_DIGITS) -> str:
    """The HOTP value of ``counter`` under ``secret`` (RFC 4226 §5.3).

    HMAC-SHA-1 over the counter as an 8-byte big-endian integer, then *dynamic truncation*:
    the low four bits of the last byte pick an offset, the 31 bits from there are taken
    modulo ``10**digits`` and left-padded with zeros.

    >>> hotp_code(b"12345678901234567890", 0)
    '755224'
    """
    _check(digits, DEFAULT_STEP)
    if counter < 0 or counter >= 2**64:
        raise TotpInputError("the counter must fit in 8 unsigned bytes")
    digest = hmac.new(secret, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    binary = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(binary % 10**digits).zfill(digits)


def totp_step(at: float, *, step: int = DEFAULT_STEP) -> int:
    """The RFC 6238 §4.2 time counter ``T = floor((at - T0) / X)`` for Unix time ``at``."""
    _check(DEFAULT_DIGITS, step)
    if at < 0:
        raise TotpInputError("the time must not be before the Unix epoch")
    return int(at // step)


def totp_code(
    secret: bytes, at: float, *, step: int = DEFAULT_STEP, digits: int = DEFAULT_DIGITS
) -> str:
    """The TOTP value at Unix time ``at`` (RFC 6238 §4): HOTP of the current time step.

    >>> totp_code(b"12345678901234567890", 59, digits=8)
    '94287082'
    """
    return hotp_code(secret, totp_step(at, step=step), digits=digits)


def totp_verify(
    secret: bytes,
    code: str,
    at: float,
    *,
    step: int = DEFAULT_STEP,
    digits: int = DEFAULT_DIGITS,
    window: int = 1,
    last_used_step: int | None = None,
) -> int | None:
    """The time step ``code`` belongs to, or ``None`` when it is not valid at ``at``.

    Steps ``T - window … T + window`` are accepted, so a clock that is off by up to ``window``
    steps still works (RFC 6238 §5.2 recommends at most one step of delay). A step at or
    before ``last_used_step`` is refused, so an observed code cannot be played again (RFC 6238
    §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the successful
    validation has been issued for the first OTP"). The caller stores the returned step as the
    new ``last_used_step``. Comparison is constant-time.
    """
    if window < 0:
        raise TotpInputError("the window must not be negative")
    candidate = "".join(code.split())
    if len(candidate) != digits or not candidate.isascii() or not candidate.isdigit():
        return None
    current = totp_step(at, step=step)
    found: int | None = None
    # Check every step in the window (no early exit), so timing tells nothing of which matched.
    for counter in range(max(current - window, 0), current + window + 1):
        expected = hotp_code(secret, counter, digits=digits)
        if hmac.compare_digest(expected, candidate) and found is None:
            found = counter
    if found is None or (last_used_step is not None and found <= last_used_step):
        return None
    return found


def secret_generate(random_bytes: Callable[[int], bytes], *, length: int = SECRET_BYTES) -> str:
    """A new shared secret as unpadded base32 text, from ``random_bytes(n)`` (e.g.
    :func:`secrets.token_bytes`; a test passes a deterministic source)."""
    if length < 16:
        raise TotpInputError("a secret needs at least 128 bits (RFC 4226 §4, R6)")
    raw = random_bytes(length)
    if len(raw) != length:
        raise TotpInputError("the random source returned the wrong number of bytes")
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def secret_decode(text: str) -> bytes:
    """The bytes of a base32 secret; spaces, hyphens, case and missing padding are tolerated."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        return base64.b32decode(padded)
    except ValueError as error:
        raise TotpInputError("the secret is not base32 text") from error


def otpauth_uri(
    secret: str,
    *,
    account: str,
    issuer: str,
    step: int = DEFAULT_STEP,
    digits: int = DEFAULT_DIGITS,
) -> str:
    """The ``otpauth://totp/…`` URI authenticator apps read from a QR code (the Key URI Format
    of Google Authenticator, which the common apps share)."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": digits,
            "period": step,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"
