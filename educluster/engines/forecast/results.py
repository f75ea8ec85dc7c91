"""Frozen results of a forecast run, tidy rows for tables, and aggregation of units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.floating[Any]]

#: Metrics on the ``[year, district, subject]`` grid, in table order.
GRID_METRICS: tuple[str, ...] = (
    "demand",
    "supply",
    "gap",
    "hiring_need",
    "cumulative_hiring_need",
    "quota",
    "retirements",
    "leavers",
    "entrants",
    "hired_in_post",
)


def _cell(value: float) -> float | None:
    return None if value != value else value  # NaN (an undefined quota year) becomes None


@dataclass(frozen=True)
class ForecastResult:
    """One deterministic run. Arrays have T + 1 years; index 0 is the base year.

    ``[year, district, grade]``: ``pupils``, ``classes``.
    ``[year, district, subject]``: ``demand`` (full-time posts), ``supply`` (stock plus regular
    graduates, no extra hiring), ``gap`` (supply − demand), ``hiring_need`` and
    ``cumulative_hiring_need``, ``quota`` (targeted admissions in that year; NaN when its
    graduates would arrive after the horizon), and the flows ``retirements``, ``leavers``
    (attrition), ``entrants`` (graduates taking up posts), ``hired_in_post``.
    """

    years: npt.NDArray[np.int64]
    districts: tuple[str, ...]
    subjects: tuple[str, ...]
    grades: tuple[int, ...]
    pupils: Array
    classes: Array
    demand: Array
    supply: Array
    gap: Array
    hiring_need: Array
    cumulative_hiring_need: Array
    quota: Array
    retirements: Array
    leavers: Array
    entrants: Array
    hired_in_post: Array

    def rows(self, metrics: Sequence[str] = GRID_METRICS) -> list[dict[str, Any]]:
        """Tidy rows, one per year × district × subject, e.g.
        ``{"year": 2026, "district": "A", "subject": "math", "demand": 12.5, ...}``;
        an undefined quota is ``None``."""
        columns = {m: getattr(self, m).reshape(-1).tolist() for m in metrics}
        rows: list[dict[str, Any]] = []
        i = 0
        for year in self.years.tolist():
            for district in self.districts:
                for subject in self.subjects:
                    row: dict[str, Any] = {"year": year, "district": district, "subject": subject}
                    for m in metrics:
                        row[m] = _cell(columns[m][i])
                    rows.append(row)
                    i += 1
        return rows

    def pupil_rows(self) -> list[dict[str, Any]]:
        """Tidy rows ``{"year", "district", "grade", "pupils", "classes"}``."""
        pupils = self.pupils.reshape(-1).tolist()
        classes = self.classes.reshape(-1).tolist()
        keys = [(y, d, g) for y in self.years.tolist() for d in self.districts for g in self.grades]
        return [
            {"year": y, "district": d, "grade": g, "pupils": p, "classes": c}
            for (y, d, g), p, c in zip(keys, pupils, classes, strict=True)
        ]


def aggregate(
    values: npt.ArrayLike, groups: Sequence[str], axis: int = 1
) -> tuple[tuple[str, ...], Array]:
    """Sum planning units into groups, e.g. districts into regions or (district, language)
    units into districts.

    Args:
        values: any array whose ``axis`` runs over the units.
        groups: the group label of each unit.
        axis: the unit axis (1 for ``[year, district, …]``).

    Returns:
        The group labels in first-seen order and the summed array (``axis`` now over groups).
        NaN propagates, so aggregate quotas year by year only where they are defined.

    Example:
        >>> aggregate(np.array([[1.0, 2.0, 4.0]]), ["north", "south", "north"])
        (('north', 'south'), array([[5., 2.]]))
    """
    array = np.asarray(values, dtype=np.float64)
    labels = tuple(dict.fromkeys(groups))
    index = {g: i for i, g in enumerate(labels)}
    codes = np.array([index[g] for g in groups])
    moved = np.moveaxis(array, axis, 0)
    out = np.zeros((len(labels), *moved.shape[1:]))
    np.add.at(out, codes, moved)
    return labels, np.moveaxis(out, 0, axis)
