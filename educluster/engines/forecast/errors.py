"""The forecast engine's one domain error, with stable codes the Django layer translates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: Stable error codes. The Django layer maps each code to a translated message; the English
#: ``message`` is for logs and for callers that do not translate.
NEGATIVE_VALUE: Final = "negative_value"
RATE_OUT_OF_RANGE: Final = "rate_out_of_range"
GRADE_OUT_OF_RANGE: Final = "grade_out_of_range"
UNKNOWN_SUBJECT: Final = "unknown_subject"
SHAPE_MISMATCH: Final = "shape_mismatch"
NON_FINITE: Final = "non_finite"
#: A scenario or uncertainty names a district label that is not in the input.
UNKNOWN_DISTRICT: Final = "unknown_district"
#: A scenario or uncertainty names a field that does not exist or cannot be changed that way.
UNKNOWN_FIELD: Final = "unknown_field"
#: A non-rate value outside its domain: a zero class size or load norm, a retirement age that
#: is not an age-band edge, entry-age shares that do not sum to 1, a horizon below 1, ...
VALUE_OUT_OF_RANGE: Final = "value_out_of_range"

CODES: Final = frozenset(
    {
        NEGATIVE_VALUE,
        RATE_OUT_OF_RANGE,
        GRADE_OUT_OF_RANGE,
        UNKNOWN_SUBJECT,
        SHAPE_MISMATCH,
        NON_FINITE,
        UNKNOWN_DISTRICT,
        UNKNOWN_FIELD,
        VALUE_OUT_OF_RANGE,
    }
)


class ForecastInputError(ValueError):
    """Bad forecast input: names the field, the offending index and the reason.

    Attributes:
        code: one of :data:`CODES`; stable, used by the Django layer to pick a translation.
        field: the input field at fault, e.g. ``"promotion"``.
        index: position of the first offending element in the field's full (broadcast) shape,
            e.g. ``(3, 4)`` for ``promotion[district=3, grade index=4]``; ``None`` when the
            whole field is at fault (a wrong shape, an unknown name).
        row: the same position as axis labels, e.g. ``{"district": "Chilonzor", "grade": 5}``.
        message: a plain English sentence (also ``str(error)``).

    Example:
        >>> err = ForecastInputError("negative_value", "staff", "Staff cannot be negative.",
        ...                          index=(0, 2, 1))
        >>> err.code, err.field, err.index
        ('negative_value', 'staff', (0, 2, 1))
    """

    def __init__(
        self,
        code: str,
        field: str,
        message: str,
        *,
        index: tuple[int, ...] | None = None,
        row: Mapping[str, object] | None = None,
    ) -> None:
        if code not in CODES:  # pragma: no cover - programming error inside the engine
            raise AssertionError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.field = field
        self.index = index
        self.row: dict[str, object] = dict(row or {})
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the keyword-only attributes when the error crosses a process boundary
        # (task workers pickle exceptions).
        return (_rebuild, (self.code, self.field, self.message, self.index, self.row))


def _rebuild(
    code: str,
    field: str,
    message: str,
    index: tuple[int, ...] | None,
    row: Mapping[str, object],
) -> ForecastInputError:
    return ForecastInputError(code, field, message, index=index, row=row)
