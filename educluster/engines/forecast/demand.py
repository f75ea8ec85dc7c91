"""Classes and teacher demand in full-time posts.

Sources: UNESCO EPSSim's teacher-requirement block and the UNESCO-IIEP costing guidelines
(teachers required = classes × weekly periods per class ÷ weekly teaching load of a teacher);
the pupil–teacher ratio is UNESCO UIS's indicator definition (teachers = pupils ÷ PTR).

Classes (per district × grade × year)::

    classes = ceil(pupils / max_class_size)          class_rounding = "ceil"
    classes = pupils / max_class_size                class_rounding = "continuous"

*Rounding.* ``ceil`` is the norm-based count: a class opens as soon as the maximum size is
exceeded. Applied to a district's total it is the minimum number of classes; where pupils sit in
several schools each school rounds up on its own, so pass schools (or school clusters) as the
planning units when that matters. Projected pupils are expected values; a tolerance of
``64·eps·(1 + x)`` is subtracted before rounding so that float noise (``2.0000000000001``
classes) does not open a class (:func:`tolerant_ceil`). ``continuous`` is EPSSim's
convention (classes = enrolment ÷ average class size): it is smooth in the rates, which keeps
Monte-Carlo bands free of the one-class jumps of ``ceil`` and makes demand differentiable for
sensitivity analysis; it is at most one class per district × grade below ``ceil``.

Demand (per district × subject × year), curriculum mode::

    posts[d, s] = Σ_g classes[d, g] · hours[g, s] / load_norm[d, s]

pupil–teacher-ratio mode (levels without a curriculum table)::

    posts[d, s] = Σ_g pupils[d, g] · ptr_grades[g, s] / ptr[d, s]

Posts are full-time equivalents and are not rounded.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.floating[Any]]


#: Relative tolerance of :func:`tolerant_ceil`, in units of the dtype's machine epsilon.
TOLERANCE_ULPS = 64.0


def tolerant_ceil(x: Array, out: Array | None = None) -> Array:
    """``max(0, ceil(x · (1 − k) − k))`` with ``k = 64 · eps(dtype)``: a ceiling that ignores
    float noise of about ``k · (1 + x)`` (``2.0000000000001`` classes are 2, not 3).

    Example:
        >>> tolerant_ceil(np.array([2.0 + 1e-15, 2.01, 0.0])).tolist()
        [2.0, 3.0, 0.0]
    """
    k = TOLERANCE_ULPS * float(np.finfo(x.dtype).eps)
    out = np.multiply(x, 1.0 - k, out=out)
    out -= k
    np.ceil(out, out=out)
    np.maximum(out, 0.0, out=out)
    return out


def count_classes(
    pupils: npt.ArrayLike, max_class_size: npt.ArrayLike, rounding: str = "ceil"
) -> Array:
    """Classes from pupils and the maximum class size (see the module docstring).

    Args:
        pupils: ``[..., district, grade]``.
        max_class_size: broadcastable to ``pupils``.
        rounding: ``"ceil"`` or ``"continuous"``.

    Example: 51 pupils, at most 25 a class → ceil(2.04) = 3 classes; continuous: 2.04.

        >>> count_classes([51.0, 50.0], 25.0)
        array([3., 2.])
        >>> count_classes([51.0], 25.0, "continuous")
        array([2.04])
    """
    p = np.asarray(pupils, dtype=np.float64)
    return count_classes_batch(p, np.asarray(max_class_size, dtype=np.float64), rounding)


def count_classes_batch(pupils: Array, max_class_size: Array, rounding: str) -> Array:
    """Elementwise kernel of :func:`count_classes` (any layout, any dtype)."""
    ratio = np.asarray(pupils / max_class_size, dtype=pupils.dtype)
    if rounding == "continuous":
        return ratio
    return tolerant_ceil(ratio, out=ratio)


def demand_from_curriculum(
    classes: npt.ArrayLike, hours: npt.ArrayLike, load_norm: npt.ArrayLike
) -> Array:
    """Full-time posts ``Σ_g classes · hours / load_norm``.

    Args:
        classes: ``[year, district, grade]``.
        hours: ``[grade, subject]`` weekly hours per class.
        load_norm: ``[district, subject]`` (broadcastable) hours per full-time post.

    Returns:
        ``[year, district, subject]``.

    Example (by hand): 3 classes of grade 5 and 2 of grade 6; mathematics 5 h/week in grade 5
    and 6 h in grade 6; load 18 h → (3·5 + 2·6) / 18 = 27 / 18 = 1.5 posts.

        >>> demand_from_curriculum([[[3.0, 2.0]]], [[5.0], [6.0]], 18.0)
        array([[[1.5]]])
    """
    c = np.asarray(classes, dtype=np.float64)
    h = np.asarray(hours, dtype=np.float64)
    load = np.broadcast_to(np.asarray(load_norm, dtype=np.float64), (c.shape[1], h.shape[1]))
    return demand_from_curriculum_batch(c[..., None], h, load[..., None])[..., 0]


def demand_from_curriculum_batch(classes: Array, hours: Array, load_norm: Array) -> Array:
    """Kernel: classes ``[Y, D, G, B]``, hours ``[G, S]`` or ``[G, S, B]``, load ``[D, S, B]``.

    A shared curriculum is one matrix product ``hoursᵀ @ classes`` over the grade axis.
    """
    if hours.ndim == 2 and load_norm.shape[0] == 1 and load_norm.shape[-1] == 1:
        # One load norm per subject for all districts: fold it into the curriculum matrix.
        per_post = hours / load_norm[0, :, 0]
        return np.matmul(per_post.T.astype(classes.dtype), classes)
    if hours.ndim == 2:
        posts = np.matmul(hours.T.astype(classes.dtype), classes)
    else:
        posts = np.einsum("ydgb,gsb->ydsb", classes, hours.astype(classes.dtype))
    if np.broadcast_shapes(posts.shape, load_norm.shape) == posts.shape:
        posts /= load_norm
        return posts
    return np.asarray(posts / load_norm)  # a compacted curriculum (same hours for all subjects)


def demand_from_ptr(
    pupils: npt.ArrayLike, ptr: npt.ArrayLike, ptr_grades: npt.ArrayLike = 1.0
) -> Array:
    """Full-time posts from a pupil–teacher ratio: ``Σ_g pupils · ptr_grades / ptr``.

    Args:
        pupils: ``[year, district, grade]``.
        ptr: ``[district, subject]`` pupils per teacher.
        ptr_grades: ``[grade, subject]`` (broadcastable) weights of grades in each category.

    Example (by hand): 300 + 200 pupils, PTR 25 → 500 / 25 = 20 posts.

        >>> demand_from_ptr([[[300.0, 200.0]]], [[25.0]])
        array([[[20.]]])
    """
    p = np.asarray(pupils, dtype=np.float64)
    r = np.asarray(ptr, dtype=np.float64)
    r = np.broadcast_to(r, (p.shape[1], r.shape[-1] if r.ndim else 1))
    w = np.broadcast_to(np.asarray(ptr_grades, dtype=np.float64), (p.shape[2], r.shape[1]))
    return demand_from_curriculum_batch(p[..., None], w, r[..., None])[..., 0]
