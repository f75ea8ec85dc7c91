"""Mid-ranks with the tie term, from one sort (private)."""

from __future__ import annotations

import numpy as np

from ._validation import FloatArray


def midranks(values: FloatArray) -> tuple[FloatArray, float, int]:
    """Mid-ranks of ``values`` (ties share the average rank), Σ(t³ - t) over tie groups of size
    t, and the number of distinct values."""
    order = np.argsort(values)  # stability is irrelevant: tied values share one mid-rank
    ordered = values[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    counts = np.diff(np.append(starts, ordered.size))
    ranks = np.empty(values.size, dtype=np.float64)
    ranks[order] = np.repeat(starts + (counts + 1) / 2.0, counts)
    c = counts.astype(np.float64)
    return ranks, float(np.sum(c**3 - c)), int(starts.size)
