"""An independent TOTP for cross-checking: HMAC written out by hand from RFC 2104 over
``hashlib.sha1`` (no ``hmac`` module), truncation read from the hex digest."""

from __future__ import annotations

import hashlib
import struct

BLOCK = 64  # SHA-1's block size in bytes


def reference_hmac_sha1(key: bytes, message: bytes) -> bytes:
    if len(key) > BLOCK:
        key = hashlib.sha1(key).digest()
    key = key.ljust(BLOCK, b"\0")
    inner = bytes(k ^ 0x36 for k in key)
    outer = bytes(k ^ 0x5C for k in key)
    return hashlib.sha1(outer + hashlib.sha1(inner + message).digest()).digest()


def reference_hotp(key: bytes, counter: int, digits: int = 6) -> str:
    hexdigest = reference_hmac_sha1(key, struct.pack(">Q", counter)).hex()
    offset = int(hexdigest[-1], 16)
    chunk = int(hexdigest[offset * 2 : offset * 2 + 8], 16) % (1 << 31)
    return f"{chunk % (10**digits):0{digits}d}"


def reference_totp(key: bytes, unix_time: float, digits: int = 6, period: int = 30) -> str:
    return reference_hotp(key, int(unix_time) // period, digits)
