"""Independent reference implementations for the tests: plain Python from the textbook formulas.

Nothing here calls the engine, and rank/exact-distribution logic deliberately avoids SciPy, so a
match is evidence rather than a tautology.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from functools import cache


def midranks(values: Sequence[float]) -> list[float]:
    """Average ranks (1-based) by counting: rank = #smaller + (#equal + 1) / 2."""
    return [
        sum(1 for w in values if w < v) + (sum(1 for w in values if w == v) + 1) / 2 for v in values
    ]


def u_by_pairs(x: Sequence[float], y: Sequence[float]) -> float:
    """Mann–Whitney U of x by counting pairs: #(x > y) + ½ #(x = y)."""
    return sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in x for b in y)


@cache
def _u_counts(m: int, n: int) -> tuple[int, ...]:
    """Number of orderings of m x's and n y's giving each U (recursion on the largest value)."""
    if m == 0 or n == 0:
        return (1,)
    with_x = _u_counts(m - 1, n)  # largest is an x: it beats all n y's
    with_y = _u_counts(m, n - 1)
    counts = [0] * (m * n + 1)
    for u, c in enumerate(with_x):
        counts[u + n] += c
    for u, c in enumerate(with_y):
        counts[u] += c
    return tuple(counts)


def mwu_exact_two_sided(u: float, m: int, n: int) -> float:
    counts = _u_counts(m, n)
    total = sum(counts)
    k = round(u)
    low = sum(counts[: k + 1]) / total
    high = sum(counts[k:]) / total
    return min(1.0, 2 * min(low, high))


def mwu_asymptotic(x: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """Tie-corrected normal approximation with continuity correction: (z, two-sided p)."""
    m, n = len(x), len(y)
    pooled = list(x) + list(y)
    big_n = m + n
    ties = sum(t**3 - t for t in (pooled.count(v) for v in set(pooled)))
    sigma = math.sqrt(m * n / 12 * ((big_n + 1) - ties / (big_n * (big_n - 1))))
    deviation = u_by_pairs(x, y) - m * n / 2
    z = math.copysign(max(abs(deviation) - 0.5, 0.0), deviation) / sigma
    return z, min(1.0, math.erfc(abs(z) / math.sqrt(2)))


def signed_rank_counts(n: int) -> list[int]:
    """Number of sign assignments of ranks 1..n giving each W+ (subset-sum counting)."""
    counts = [1] + [0] * (n * (n + 1) // 2)
    for rank in range(1, n + 1):
        for total in range(len(counts) - 1, rank - 1, -1):
            counts[total] += counts[total - rank]
    return counts


def wilcoxon_exact_two_sided(w_plus: float, n: int) -> float:
    counts = signed_rank_counts(n)
    total = 2**n
    k = round(w_plus)
    return min(1.0, 2 * min(sum(counts[: k + 1]), sum(counts[k:])) / total)


def wilcoxon_reference(diff: Sequence[float]) -> tuple[float, float, float]:
    """(W+, W-, asymptotic two-sided p) with zeros dropped, tie and continuity corrections."""
    d = [v for v in diff if v != 0]
    n = len(d)
    ranks = midranks([abs(v) for v in d])
    w_plus = sum(r for r, v in zip(ranks, d, strict=True) if v > 0)
    w_minus = sum(r for r, v in zip(ranks, d, strict=True) if v < 0)
    absolute = [abs(v) for v in d]
    ties = sum(t**3 - t for t in (absolute.count(v) for v in set(absolute)))
    sigma = math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - ties / 48)
    deviation = w_plus - n * (n + 1) / 4
    z = max(abs(deviation) - 0.5, 0.0) / sigma
    return w_plus, w_minus, min(1.0, math.erfc(z / math.sqrt(2)))


def hedges_reference(x: Sequence[float], y: Sequence[float]) -> tuple[float, float, float]:
    """(d, g, SE_g) per Borenstein et al. (2009) eqs. 4.18–4.25, using the statistics module."""
    n1, n2 = len(x), len(y)
    sw = math.sqrt(
        ((n1 - 1) * statistics.variance(x) + (n2 - 1) * statistics.variance(y)) / (n1 + n2 - 2)
    )
    d = (statistics.fmean(x) - statistics.fmean(y)) / sw
    j = 1 - 3 / (4 * (n1 + n2 - 2) - 1)
    v_d = (n1 + n2) / (n1 * n2) + d * d / (2 * (n1 + n2))
    return d, j * d, math.sqrt(j * j * v_d)


def cronbach_reference(rows: Sequence[Sequence[float]]) -> float:
    k = len(rows[0])
    items = [[row[j] for row in rows] for j in range(k)]
    totals = [sum(row) for row in rows]
    item_var = sum(statistics.variance(item) for item in items)
    return k / (k - 1) * (1 - item_var / statistics.variance(totals))


def assert_close(actual: object, expected: object, rel: float = 1e-9, path: str = "") -> None:
    """Recursive comparison of (nested) frozen results: floats to ``rel``, the rest exactly."""
    import dataclasses

    if dataclasses.is_dataclass(actual) and not isinstance(actual, type):
        assert type(actual) is type(expected), path
        for field in dataclasses.fields(actual):
            assert_close(
                getattr(actual, field.name),
                getattr(expected, field.name),
                rel,
                f"{path}.{field.name}",
            )
    elif isinstance(actual, float) and isinstance(expected, float):
        assert math.isclose(actual, expected, rel_tol=rel, abs_tol=1e-12), (path, actual, expected)
    elif isinstance(actual, tuple) and isinstance(expected, tuple):
        assert len(actual) == len(expected), path
        for i, (a, b) in enumerate(zip(actual, expected, strict=True)):
            assert_close(a, b, rel, f"{path}[{i}]")
    else:
        assert actual == expected, (path, actual, expected)
