"""Pseudonymous pupil codes: the only way the system identifies a pupil.

A code is 2–12 capital Latin letters or digits, a hyphen, and a 2–4 digit number, for example
``CH3A-017`` (school 3, class A, pupil 17). The school keeps the list that links codes to
children; EduCluster never holds names, so a code must never be built from initials.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PUPIL_CODE_PATTERN = r"^[A-Z0-9]{2,12}-[0-9]{2,4}$"
PUPIL_CODE_EXAMPLE = "CH3A-017"
_PUPIL_CODE = re.compile(PUPIL_CODE_PATTERN)
PUPIL_CODE_RULE = _(
    "2–12 capital Latin letters or digits, a hyphen, then 2–4 digits (e.g. %(example)s); "
    "never a name or initials."
)


def normalize_pupil_code(value: str) -> str:
    """Codes are compared in capitals without blanks: ``" ch3a-017 "`` → ``CH3A-017``."""
    return (value or "").strip().upper()


def is_pupil_code(value: str) -> bool:
    return bool(_PUPIL_CODE.match(value or ""))


def validate_pupil_code(value: str) -> None:
    """Model/form validator; the message names the expected format."""
    if not is_pupil_code(value):
        raise ValidationError(
            _("“%(value)s” is not a pupil code: use %(rule)s"),
            code="pupil_code",
            params={"value": value, "rule": PUPIL_CODE_RULE % {"example": PUPIL_CODE_EXAMPLE}},
        )


def pupil_code_rule() -> str:
    return str(PUPIL_CODE_RULE) % {"example": PUPIL_CODE_EXAMPLE}


# Study codes name a study in import files: capitals, digits and hyphens.
STUDY_CODE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{1,29}$"
