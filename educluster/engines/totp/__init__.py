"""One-time passwords for two-factor login (pure Python, no Django).

HOTP (RFC 4226) and TOTP (RFC 6238) with the parameters authenticator apps use: HMAC-SHA-1,
6 digits, 30-second steps, one step of clock drift either way, and refusal of a step that was
already used.

Example:
    >>> from educluster.engines.totp import totp_code, totp_verify
    >>> secret = b"12345678901234567890"
    >>> code = totp_code(secret, 1_000_000)
    >>> totp_verify(secret, code, 1_000_010)
    33333
    >>> totp_verify(secret, code, 1_000_010, last_used_step=33333) is None
    True
"""

from .otp import (
    DEFAULT_DIGITS,
    DEFAULT_STEP,
    SECRET_BYTES,
    TotpInputError,
    hotp_code,
    otpauth_uri,
    secret_decode,
    secret_generate,
    totp_code,
    totp_step,
    totp_verify,
)

__all__ = [
    "DEFAULT_DIGITS",
    "DEFAULT_STEP",
    "SECRET_BYTES",
    "TotpInputError",
    "hotp_code",
    "otpauth_uri",
    "secret_decode",
    "secret_generate",
    "totp_code",
    "totp_step",
    "totp_verify",
]
