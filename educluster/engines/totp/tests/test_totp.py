"""HOTP/TOTP against the RFC test vectors, an independent implementation and properties."""

from __future__ import annotations

import doctest
import importlib
import secrets
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.totp import (
    TotpInputError,
    hotp_code,
    otpauth_uri,
    secret_decode,
    secret_generate,
    totp_code,
    totp_step,
    totp_verify,
)

from ._reference import reference_hotp, reference_totp

RFC_SECRET = b"12345678901234567890"  # the SHA-1 seed of RFC 4226 App. D and RFC 6238 App. B
PROPERTY = settings(max_examples=80, deadline=None)

secrets_st = st.binary(min_size=10, max_size=64)
times = st.integers(min_value=120, max_value=2**34)


# RFC 4226 Appendix D: HOTP values for counters 0…9.
HOTP_VECTORS = ["755224", "287082", "359152", "969429", "338314"]
HOTP_VECTORS += ["254676", "287922", "162583", "399871", "520489"]


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(HOTP_VECTORS)))
def test_it_matches_the_rfc_4226_hotp_vectors(counter: int, expected: str) -> None:
    assert hotp_code(RFC_SECRET, counter) == expected


# RFC 6238 Appendix B, the SHA-1 rows (8 digits, 30-second steps).
@pytest.mark.parametrize(
    ("at", "step_hex", "expected"),
    [
        (59, "0000000000000001", "94287082"),
        (1111111109, "00000000023523EC", "07081804"),
        (1111111111, "00000000023523ED", "14050471"),
        (1234567890, "000000000273EF07", "89005924"),
        (2000000000, "0000000003F940AA", "69279037"),
        (20000000000, "0000000027BC86AA", "65353130"),
    ],
)
def test_it_matches_the_rfc_6238_sha1_vectors(at: int, step_hex: str, expected: str) -> None:
    assert totp_step(at) == int(step_hex, 16)
    assert totp_code(RFC_SECRET, at, digits=8) == expected
    assert totp_verify(RFC_SECRET, expected, at, digits=8) == int(step_hex, 16)


def test_it_agrees_with_the_independent_reference_on_the_vectors() -> None:
    for at in (59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000):
        assert totp_code(RFC_SECRET, at, digits=8) == reference_totp(RFC_SECRET, at, digits=8)


@PROPERTY
@given(secrets_st, times, st.sampled_from([6, 7, 8]))
def test_it_agrees_with_the_independent_reference(secret: bytes, at: int, digits: int) -> None:
    assert totp_code(secret, at, digits=digits) == reference_totp(secret, at, digits=digits)


@PROPERTY
@given(st.binary(min_size=65, max_size=200), st.integers(0, 2**40))
def test_it_agrees_with_the_reference_for_keys_longer_than_a_block(key: bytes, counter: int):
    assert hotp_code(key, counter) == reference_hotp(key, counter)


@PROPERTY
@given(secrets_st, times, st.integers(-1, 1))
def test_it_accepts_a_code_within_one_step_of_the_clock(secret: bytes, at: int, drift: int):
    code = totp_code(secret, at + drift * 30)
    assert totp_verify(secret, code, at) == totp_step(at) + drift


@PROPERTY
@given(secrets_st, times, st.integers(2, 1000), st.sampled_from([-1, 1]))
def test_it_refuses_a_code_outside_the_window(secret: bytes, at: int, distance: int, sign: int):
    code = totp_code(secret, max(at + sign * distance * 30, 0))
    window = {totp_code(secret, at + d * 30) for d in (-1, 0, 1)}
    # A code from far away may collide with one in the window (1 in 10^6): then it is valid.
    expected_none = code not in window
    assert (totp_verify(secret, code, at) is None) == expected_none


@PROPERTY
@given(secrets_st, times)
def test_it_refuses_a_replayed_step(secret: bytes, at: int) -> None:
    code = totp_code(secret, at)
    used = totp_verify(secret, code, at)
    assert used == totp_step(at)
    assert totp_verify(secret, code, at, last_used_step=used) is None
    assert totp_verify(secret, code, at + 29, last_used_step=used) is None
    # An earlier code, still inside the window, cannot be used after a later one either.
    earlier = totp_code(secret, at - 30)
    if earlier != code:
        assert totp_verify(secret, earlier, at, last_used_step=used) is None
    # The next step's code is fine.
    following = totp_code(secret, at + 30)
    assert totp_verify(secret, following, at + 30, last_used_step=used) == used + 1


@PROPERTY
@given(secrets_st, times, st.text(max_size=12))
def test_it_never_accepts_text_that_is_not_six_digits(secret: bytes, at: int, text: str):
    if not (len(text) == 6 and text.isascii() and text.isdigit()):
        assert totp_verify(secret, text, at) is None


def test_it_ignores_spaces_inside_a_typed_code() -> None:
    code = totp_code(RFC_SECRET, 1_000_000)
    assert totp_verify(RFC_SECRET, f" {code[:3]} {code[3:]} ", 1_000_000) is not None


def test_it_accepts_only_the_exact_window_edges() -> None:
    at = 1_000_000  # step 33333 starts at 999 990
    assert totp_verify(RFC_SECRET, totp_code(RFC_SECRET, at - 30), at) == 33332
    assert totp_verify(RFC_SECRET, totp_code(RFC_SECRET, at + 30), at) == 33334
    assert totp_verify(RFC_SECRET, totp_code(RFC_SECRET, at), at, window=0) == 33333
    assert totp_verify(RFC_SECRET, totp_code(RFC_SECRET, at - 30), at, window=0) is None


def test_it_generates_base32_secrets_from_the_given_source() -> None:
    fixed = secret_generate(lambda n: bytes(range(n)))
    assert fixed == "AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQT"
    assert secret_decode(fixed) == bytes(range(20))
    assert secret_decode(fixed.lower()[:4] + " " + fixed[4:]) == bytes(range(20))
    real = secret_generate(secrets.token_bytes)
    assert len(secret_decode(real)) == 20 and real != fixed


def test_it_refuses_bad_inputs() -> None:
    with pytest.raises(TotpInputError):
        secret_generate(lambda n: b"short")
    with pytest.raises(TotpInputError):
        secret_generate(secrets.token_bytes, length=8)
    with pytest.raises(TotpInputError):
        secret_decode("not base32!")
    with pytest.raises(TotpInputError):
        hotp_code(RFC_SECRET, -1)
    with pytest.raises(TotpInputError):
        totp_code(RFC_SECRET, 0, digits=5)
    with pytest.raises(TotpInputError):
        totp_code(RFC_SECRET, 0, step=0)
    with pytest.raises(TotpInputError):
        totp_verify(RFC_SECRET, "123456", 0, window=-1)


def test_it_builds_an_otpauth_uri_apps_read() -> None:
    uri = otpauth_uri("JBSWY3DPEHPK3PXP", account="admin@x uz", issuer="EduCluster")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert parts.path == "/EduCluster%3Aadmin%40x%20uz"
    query = parse_qs(parts.query)
    assert query == {
        "secret": ["JBSWY3DPEHPK3PXP"],
        "issuer": ["EduCluster"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }


def test_it_verifies_a_code_made_now() -> None:
    secret = secret_decode(secret_generate(secrets.token_bytes))
    now = time.time()
    assert totp_verify(secret, totp_code(secret, now), now) == totp_step(now)


@pytest.mark.parametrize("name", ["educluster.engines.totp", "educluster.engines.totp.otp"])
def test_it_keeps_every_docstring_example_true(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
