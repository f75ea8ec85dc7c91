"""Monte-Carlo uncertainty bands (P10/P50/P90) of demand, supply, gap and quota.

Uncertain fields are given distributions (:class:`Beta` for rates, :class:`Normal` or
:class:`LogNormal` for growth and scale factors). Each draw replaces, scales or shifts the
field's base value; the whole deterministic pipeline of :mod:`.engine` runs once per draw
(vectorised: the draws are a trailing array axis), and each metric's quantiles over the draws
are taken per year × district × subject.

*Granularity.* A distribution's parameters are arrays broadcast (trailing axes aligned) to the
field's full shape, and one independent value is drawn per parameter element: a scalar
``Beta(0.05, 0.01)`` on ``attrition`` is one national shock per draw; a ``[age_band]`` mean gives
independent draws per age band; a ``[district]`` growth gives independent district draws.

*Quantiles* follow NumPy's default (``linear``, Hyndman & Fan type 7): with the draws sorted,
``Q(q) = x[k] + (x[k+1] − x[k]) · f`` where ``k + f = (n − 1) · q``. Sorting the draws of every
cell is most of the cost, so by default the order statistics are read from 16-bit codes,
selected by a compiled kernel (or radix-sorted without Numba; :func:`quantile_bands`,
``quantile_method="radix16"``): within
``(max − min) / 131,070`` of the exact value per cell, exact for constant cells and for quotas;
pass ``quantile_method="exact"`` for the exact float sort.

*Speed.* Draws are processed in chunks of districts small enough to stay in the CPU cache.
Attrition and other rates that do not vary by district or subject are detected and kept
compact, so the stock-and-flow projection reduces to small matrix products
(:mod:`.survival`), and the hiring-need recursion runs as one compiled pass (Numba; the same
sums in the same order as the NumPy code used without it).

*Reproducibility.* ``seed`` feeds :func:`numpy.random.default_rng`; all draws are made up front
in the order of ``uncertain``, so the result depends only on the seed, not on chunking.

*Precision.* The draws run in ``float32`` by default: posts and pupils keep ~7 significant
digits, far below Monte-Carlo error (a P10 from 1,000 draws is uncertain by ~5 % of the
spread); pass ``dtype=np.float64`` for bit-level comparisons with :func:`.run_forecast`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from . import errors as E
from .engine import Draws, Mode, base_values, field_values, simulate
from .errors import ForecastInputError
from .inputs import ForecastInput
from .quantiles import QuantileMethod, quantile_bands
from .validation import FIELD_BY_NAME, full_shape

Array = npt.NDArray[np.floating[Any]]
Metric = Literal["demand", "supply", "gap", "hiring_need", "cumulative_hiring_need", "quota"]
DEFAULT_METRICS: tuple[Metric, ...] = ("demand", "supply", "gap", "quota")
_NOT_UNCERTAIN = frozenset({"entry_age_share"})
_MIN_SD = 1e-9  # a Beta standard deviation below this is treated as 0 (κ would overflow)


def _param(value: npt.ArrayLike, name: str, what: str) -> npt.NDArray[np.float64]:
    array = np.asarray(value, dtype=np.float64)
    if not np.isfinite(array).all():
        raise ForecastInputError(E.NON_FINITE, name, f"The {what} of '{name}' is not finite.")
    return array


def _check_sd(sd: npt.NDArray[np.float64], name: str) -> None:
    if (sd < 0).any():
        raise ForecastInputError(
            E.NEGATIVE_VALUE, name, f"The standard deviation of '{name}' is negative."
        )


@dataclass(frozen=True)
class Beta:
    """Beta distribution given by its mean and standard deviation (for rates).

    ``κ = mean·(1 − mean)/sd² − 1``, ``a = mean·κ``, ``b = (1 − mean)·κ``; ``sd = 0`` (or
    below 1e-9) draws the mean exactly. Requires ``0 ≤ mean ≤ 1`` and, when ``sd > 0``,
    ``sd² < mean·(1 − mean)``.
    """

    mean: npt.ArrayLike
    sd: npt.ArrayLike

    def sample(self, rng: np.random.Generator, n: int, name: str) -> npt.NDArray[np.float64]:
        mean = _param(self.mean, name, "mean")
        sd = np.broadcast_to(_param(self.sd, name, "standard deviation"), mean.shape)
        if ((mean < 0) | (mean > 1)).any():
            raise ForecastInputError(
                E.RATE_OUT_OF_RANGE, name, f"The Beta mean of '{name}' is outside 0 to 1."
            )
        _check_sd(sd, name)
        mean, sd = np.broadcast_arrays(mean, sd)
        spread = sd > _MIN_SD
        if (sd**2 >= mean * (1 - mean))[spread].any():
            raise ForecastInputError(
                E.VALUE_OUT_OF_RANGE,
                name,
                f"The Beta standard deviation of '{name}' is too large for its mean.",
            )
        kappa = np.where(spread, mean * (1 - mean) / np.where(spread, sd, 1.0) ** 2 - 1, 1.0)
        a = np.where(spread, mean * kappa, 1.0)
        b = np.where(spread, (1 - mean) * kappa, 1.0)
        size = (n, *mean.shape)
        if not spread.any():
            return np.broadcast_to(mean, size).copy()
        return np.where(spread, rng.beta(a, b, size=size), mean)


@dataclass(frozen=True)
class Normal:
    """Normal distribution (for growth rates and additive shifts); ``sd = 0`` is the mean."""

    mean: npt.ArrayLike
    sd: npt.ArrayLike

    def sample(self, rng: np.random.Generator, n: int, name: str) -> npt.NDArray[np.float64]:
        mean = _param(self.mean, name, "mean")
        sd = _param(self.sd, name, "standard deviation")
        _check_sd(sd, name)
        shape = np.broadcast_shapes(mean.shape, sd.shape)
        return np.asarray(mean + sd * rng.standard_normal((n, *shape)))


@dataclass(frozen=True)
class LogNormal:
    """Log-normal ``median · exp(sigma · Z)`` (for positive scale factors); ``sigma = 0`` is
    the median."""

    median: npt.ArrayLike
    sigma: npt.ArrayLike

    def sample(self, rng: np.random.Generator, n: int, name: str) -> npt.NDArray[np.float64]:
        median = _param(self.median, name, "median")
        sigma = _param(self.sigma, name, "sigma")
        _check_sd(sigma, name)
        if (median <= 0).any():
            raise ForecastInputError(
                E.VALUE_OUT_OF_RANGE, name, f"The log-normal median of '{name}' must be positive."
            )
        shape = np.broadcast_shapes(median.shape, sigma.shape)
        return np.asarray(median * np.exp(sigma * rng.standard_normal((n, *shape))))


Distribution = Beta | Normal | LogNormal


@dataclass(frozen=True)
class Uncertain:
    """An uncertain input field: ``replace`` its value by the draw, ``scale`` it by the draw
    or ``add`` the draw to it. Example: ``Uncertain("attrition", Beta(0.06, 0.015))``."""

    field: str
    distribution: Distribution
    mode: Mode = "replace"


@dataclass(frozen=True)
class MonteCarloResult:
    """Quantile bands, each ``[quantile, year, district, subject]`` (``None`` if not asked
    for). Quota bands are NaN for admission years whose graduates arrive after the horizon."""

    years: npt.NDArray[np.int64]
    districts: tuple[str, ...]
    subjects: tuple[str, ...]
    quantiles: tuple[float, ...]
    draws: int
    demand: Array | None = None
    supply: Array | None = None
    gap: Array | None = None
    hiring_need: Array | None = None
    cumulative_hiring_need: Array | None = None
    quota: Array | None = None

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(m for m in _METRIC_NAMES if getattr(self, m) is not None)

    def band(self, metric: str, quantile: float) -> Array:
        """``[year, district, subject]`` values of one metric at one of the quantiles."""
        values = getattr(self, metric)
        if values is None:
            raise KeyError(metric)
        return np.asarray(values[self.quantiles.index(quantile)])

    def rows(self) -> list[dict[str, Any]]:
        """Tidy rows ``{"metric", "year", "district", "subject", "p10", "p50", "p90"}``."""
        keys = [f"p{q * 100:g}" for q in self.quantiles]
        rows: list[dict[str, Any]] = []
        for metric in self.metrics:
            values = getattr(self, metric)
            flat = [v.reshape(-1).tolist() for v in values]
            i = 0
            for year in self.years.tolist():
                for district in self.districts:
                    for subject in self.subjects:
                        row: dict[str, Any] = {
                            "metric": metric,
                            "year": year,
                            "district": district,
                            "subject": subject,
                        }
                        for key, column in zip(keys, flat, strict=True):
                            row[key] = None if column[i] != column[i] else column[i]
                        rows.append(row)
                        i += 1
        return rows


_METRIC_NAMES = tuple(
    f.name
    for f in fields(MonteCarloResult)
    if f.name not in ("years", "districts", "subjects", "quantiles", "draws")
)


def _draw_all(
    inputs: ForecastInput, uncertain: Sequence[Uncertain], rng: np.random.Generator, n: int
) -> Draws:
    draws: dict[str, tuple[Mode, Array]] = {}
    for item in uncertain:
        spec = FIELD_BY_NAME.get(item.field)
        present = spec is not None and getattr(getattr(inputs, spec.group), spec.name) is not None
        if spec is None or not present or item.field in _NOT_UNCERTAIN or item.field in draws:
            raise ForecastInputError(
                E.UNKNOWN_FIELD,
                item.field,
                f"'{item.field}' cannot be made uncertain (unknown, absent or given twice).",
            )
        if item.mode not in ("replace", "scale", "add"):
            raise ForecastInputError(
                E.VALUE_OUT_OF_RANGE, item.field, f"Unknown uncertainty mode '{item.mode}'."
            )
        sample = item.distribution.sample(rng, n, item.field)
        full = full_shape(inputs, spec)
        pshape = sample.shape[1:]
        try:
            if np.broadcast_shapes(pshape, full) != full:
                raise ValueError
        except ValueError:
            raise ForecastInputError(
                E.SHAPE_MISMATCH,
                item.field,
                f"The distribution of '{item.field}' has shape {pshape}, which does not fit "
                f"the field's shape {full}.",
            ) from None
        padded = sample.reshape((n,) + (1,) * (len(full) - len(pshape)) + pshape)
        draws[item.field] = (item.mode, np.moveaxis(padded, 0, -1))
    return draws


def run_monte_carlo(
    inputs: ForecastInput,
    uncertain: Sequence[Uncertain],
    *,
    draws: int = 1000,
    seed: int | np.random.Generator | None,
    quantiles: Sequence[float] = (0.1, 0.5, 0.9),
    metrics: Sequence[Metric] = DEFAULT_METRICS,
    dtype: npt.DTypeLike = np.float32,
    chunk_districts: int | None = None,
    quantile_method: QuantileMethod = "radix16",
) -> MonteCarloResult:
    """Run ``draws`` forecasts with uncertain fields and return quantile bands.

    Args:
        inputs: the base input (apply a scenario first with :func:`.apply_scenario`).
        uncertain: the uncertain fields and their distributions.
        draws: number of draws (≥ 1).
        seed: seed or :class:`numpy.random.Generator`; the same seed gives the same result.
        quantiles: in [0, 1], e.g. P10/P50/P90.
        metrics: which bands to compute (each costs a sort of draws × cells).
        dtype: working precision of the draws (``float32`` default, see module docstring).
        chunk_districts: districts per chunk (memory ∝ chunk); default keeps each metric's
            chunk near a million values (cache-sized: faster than big chunks).
        quantile_method: ``"radix16"`` (default, within 0.001 % of the spread of the draws)
            or ``"exact"``; see :func:`quantile_bands`.

    Example: ``run_monte_carlo(inp, [Uncertain("attrition", Beta(0.05, 0.01))], seed=1)``.
    """
    if draws < 1 or any(not 0 <= q <= 1 for q in quantiles):
        raise ForecastInputError(
            E.VALUE_OUT_OF_RANGE, "draws", "Draws must be at least 1 and quantiles in 0 to 1."
        )
    unknown = [m for m in metrics if m not in _METRIC_NAMES]
    if unknown:
        raise ForecastInputError(E.UNKNOWN_FIELD, unknown[0], f"Unknown metric '{unknown[0]}'.")
    rng = np.random.default_rng(seed)
    drawn = _draw_all(inputs, uncertain, rng, draws)
    dims = inputs.dims()
    years, n_d, n_s = dims["year"] + 1, dims["district"], dims["subject"]
    if chunk_districts is None:
        chunk_districts = max(1, 1_000_000 // (years * n_s * draws))
    bands = {m: np.empty((len(quantiles), years, n_d, n_s)) for m in metrics}
    last_admission = dims["year"] - inputs.quota.programme_length  # quota defined up to here
    base = base_values(inputs, compact=True)
    for start in range(0, n_d, chunk_districts):
        cut = slice(start, min(start + chunk_districts, n_d))
        get = field_values(inputs, drawn, cut, dtype, base)
        out = simulate(inputs, get, dtype, n_districts=cut.stop - cut.start, report=False)
        if "cumulative_hiring_need" in metrics:
            out["cumulative_hiring_need"] = np.cumsum(out["hiring_need"], axis=0)
        for metric in metrics:
            values = out[metric]
            target = bands[metric][:, :, cut]
            if metric == "quota":
                defined = max(last_admission + 1, 0)
                target[:, defined:] = np.nan
                values = values[:defined]
                target = target[:, :defined]
                if not defined:
                    continue
            if values.shape[-1] == 1:  # no uncertain field reaches this metric
                target[:] = values[..., 0]
            else:
                if not (values.flags.writeable and values.flags.c_contiguous):
                    values = np.array(values)
                target[:] = quantile_bands(
                    values,
                    quantiles,
                    method=quantile_method,
                    integer=metric == "quota",
                )
    for array in bands.values():
        array.flags.writeable = False
    return MonteCarloResult(
        years=inputs.years,
        districts=inputs.districts,
        subjects=inputs.subjects,
        quantiles=tuple(float(q) for q in quantiles),
        draws=draws,
        **bands,
    )
