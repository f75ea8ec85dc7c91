"""Pupils by grade: grade-transition (cohort-flow) projection.

Source: the enrolment-projection model of UNESCO's EPSSim (Education Policy and Strategy
Simulation model) and of UNESCO-IIEP's *Education sector analysis methodological guidelines*
(vol. 1, ch. 2), i.e. the standard cohort-component projection by grade with flow rates::

    pupils[g+1, t+1] = promotion[g] · pupils[g, t] + repetition[g+1] · pupils[g+1, t]
    pupils[1,   t+1] = entrants[t+1]              + repetition[1]   · pupils[1, t]
    drop-out[g]      = 1 − promotion[g] − repetition[g]

Entrants come from a population input, or grow from the base year::

    entrants[t] = base_entrants · (1 + intake_growth) ** t            t = 1 … T
    base_entrants (default) = pupils[1, 0] · (1 − repetition[1])      (non-repeaters of grade 1)

Projected pupils are expected values, so they are real numbers, not whole pupils.

Layout: the ``*_batch`` kernels carry a trailing *draw* axis ``B`` (1 for a deterministic run,
the number of Monte-Carlo draws otherwise) so that one code path serves both; each parameter's
draw axis may have length 1 or B. The public functions take and return arrays without it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.floating]


def base_entrants_from_pupils(base_pupils: npt.ArrayLike, repetition: npt.ArrayLike) -> Array:
    """New grade-1 entrants of the base year, ``pupils[:, 0] · (1 − repetition[:, 0])``.

    Args:
        base_pupils: ``[district, grade]``.
        repetition: ``[district, grade]`` (broadcastable).

    Returns:
        ``[district]``.

    Example:
        >>> base_entrants_from_pupils([[100.0, 80.0]], [[0.05, 0.0]])
        array([95.])
    """
    pupils = np.asarray(base_pupils, dtype=np.float64)
    rep = np.broadcast_to(np.asarray(repetition, dtype=np.float64), pupils.shape)
    return np.asarray(pupils[..., 0] * (1.0 - rep[..., 0]))


def entrants_from_growth(
    base_entrants: npt.ArrayLike, growth: npt.ArrayLike, horizon: int
) -> Array:
    """Entrants growing geometrically: ``entrants[t] = base · (1 + growth) ** t``, t = 1…T.

    Args:
        base_entrants: ``[district]``.
        growth: ``[district]`` (broadcastable) yearly growth rate.
        horizon: T.

    Returns:
        ``[year, district]`` for years 1…T.

    Example:
        >>> entrants_from_growth([100.0], [0.1], 2)
        array([[110.],
               [121.]])
    """
    base = np.asarray(base_entrants, dtype=np.float64)
    g = np.asarray(growth, dtype=np.float64)
    return entrants_from_growth_batch(base[..., None], g[..., None], horizon)[..., 0]


def entrants_from_growth_batch(base: Array, growth: Array, horizon: int) -> Array:
    """Batched :func:`entrants_from_growth`: ``[D, B]``, ``[D, B]`` → ``[T, D, B]``."""
    t = np.arange(1, horizon + 1, dtype=base.dtype).reshape((-1,) + (1,) * base.ndim)
    return np.asarray(base * (1.0 + growth) ** t, dtype=base.dtype)


def project_pupils(
    base_pupils: npt.ArrayLike,
    promotion: npt.ArrayLike,
    repetition: npt.ArrayLike,
    entrants: npt.ArrayLike,
) -> Array:
    """Project pupils by grade over the horizon with the grade-transition equations above.

    Args:
        base_pupils: ``[district, grade]`` enrolment in the base year.
        promotion: ``[district, grade]`` (broadcastable) promotion rates.
        repetition: ``[district, grade]`` (broadcastable) repetition rates.
        entrants: ``[year, district]`` new grade-1 entrants for years 1…T.

    Returns:
        ``[year, district, grade]`` with T + 1 years, index 0 the base year.

    Example (worked by hand): grade 1 = 100, grade 2 = 80; promotion 0.9 from grade 1;
    repetition 0.05 in grade 1 and 0.1 in grade 2; 110 entrants next year:
    grade 1 = 110 + 0.05·100 = 115, grade 2 = 0.9·100 + 0.1·80 = 98.

        >>> project_pupils([[100.0, 80.0]], [0.9, 1.0], [0.05, 0.1], [[110.0]])[1]
        array([[115.,  98.]])
    """
    base = np.asarray(base_pupils, dtype=np.float64)
    shape = base.shape

    def prep(x: npt.ArrayLike) -> Array:
        return np.broadcast_to(np.asarray(x, dtype=np.float64), shape)[..., None]

    ent = np.asarray(entrants, dtype=np.float64)
    if ent.ndim == 1:
        ent = ent[:, None]
    ent = np.broadcast_to(ent, (ent.shape[0], shape[0]))
    out = project_pupils_batch(base[..., None], prep(promotion), prep(repetition), ent[..., None])
    return out[..., 0]


def project_pupils_batch(
    base: Array, promotion: Array, repetition: Array, entrants: Array
) -> Array:
    """Batched kernel: ``[D, G, B]`` ×3, entrants ``[T, D, B]`` → ``[T+1, D, G, B]``."""
    horizon = entrants.shape[0]
    d, g = base.shape[:2]
    b = max(base.shape[2], promotion.shape[2], repetition.shape[2], entrants.shape[2])
    out = np.empty((horizon + 1, d, g, b), dtype=np.result_type(base, promotion, entrants))
    out[0] = base
    promoted = promotion[:, :-1]
    for t in range(1, horizon + 1):
        prev, cur = out[t - 1], out[t]
        np.multiply(repetition, prev, out=cur)
        cur[:, 1:] += promoted * prev[:, :-1]
        cur[:, 0] += entrants[t - 1]
    return out
