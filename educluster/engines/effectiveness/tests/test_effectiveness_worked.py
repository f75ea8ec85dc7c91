"""Worked examples computed by hand: three members, three indicators, every policy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from educluster.engines.effectiveness import (
    ENGINE_VERSION,
    IndicatorSpec,
    MissingPolicy,
    Unit,
    compute_index,
)

# fill rate: higher is better, target 0.8, weight 2
# time to fill (days): lower is better, target 30, weight 1
# trainee hours: higher is better, min–max across members, weight 1
SPECS = [
    IndicatorSpec("fill", direction="higher", weight=2, normalisation="target", target=0.8),
    IndicatorSpec("ttf", direction="lower", weight=1, normalisation="target", target=30),
    IndicatorSpec("hours", direction="higher", weight=1, normalisation="minmax"),
]
UNITS = [
    Unit("A", kind="school", values={"fill": 0.4, "ttf": 60, "hours": 100}),
    Unit("B", kind="school", values={"fill": 0.8, "ttf": 20, "hours": 300}),
    Unit("C", kind="university", values={"fill": 1.0, "ttf": None, "hours": 200}),
]


def test_it_normalises_each_indicator_as_stated() -> None:
    result = compute_index(SPECS, UNITS)
    scores = {u.id: {t.code: t.score for t in u.trace} for u in result.units}
    # fill: 0.4/0.8 = 0.5; 0.8/0.8 = 1; 1.0/0.8 capped at 1.
    # ttf: 30/60 = 0.5; 20 <= 30 scores 1; C missing.
    # hours: lo 100, hi 300 -> (100-100)/200 = 0, (300-100)/200 = 1, (200-100)/200 = 0.5.
    assert scores == {
        "A": {"fill": 0.5, "ttf": 0.5, "hours": 0.0},
        "B": {"fill": 1.0, "ttf": 1.0, "hours": 1.0},
        "C": {"fill": 1.0, "ttf": None, "hours": 0.5},
    }
    hours = next(r for r in result.ranges if r.code == "hours")
    assert (hours.low, hours.high, hours.n_values) == (100.0, 300.0, 3)


def test_it_renormalises_the_weights_of_a_unit_with_a_missing_value() -> None:
    result = compute_index(SPECS, UNITS, policy=MissingPolicy.renormalise())
    a, b, c = (result.unit(x) for x in "ABC")
    # A: weights 2, 1, 1 of 4 -> 0.5·0.5 + 0.25·0.5 + 0.25·0 = 0.375
    assert a.index == pytest.approx(0.375)
    assert [t.effective_weight for t in a.trace] == [0.5, 0.25, 0.25]
    assert [t.contribution for t in a.trace] == [0.25, 0.125, 0.0]
    assert b.index == pytest.approx(1.0)
    # C has fill and hours only: weights 2/3 and 1/3 -> 2/3·1 + 1/3·0.5 = 5/6; coverage 3/4.
    assert c.index == pytest.approx(5 / 6)
    assert c.coverage == pytest.approx(0.75)
    assert c.missing == ("ttf",)
    assert [t.effective_weight for t in c.trace] == pytest.approx([2 / 3, 0.0, 1 / 3])
    assert [(u.id, u.rank) for u in result.units] == [("A", 3.0), ("B", 1.0), ("C", 2.0)]
    assert [(u.id, u.rank_in_kind) for u in result.units] == [("A", 2.0), ("B", 1.0), ("C", 1.0)]
    # Cluster, equal weights: (0.375 + 1 + 5/6) / 3.
    assert result.cluster.index == pytest.approx((0.375 + 1 + 5 / 6) / 3)
    assert result.cluster.weighting == "equal"
    assert dict(result.cluster.by_kind) == pytest.approx(
        {"school": (0.375 + 1) / 2, "university": 5 / 6}
    )
    assert result.version == ENGINE_VERSION


def test_it_scores_a_missing_value_as_zero_under_the_zero_policy() -> None:
    result = compute_index(SPECS, UNITS, policy=MissingPolicy.zero())
    c = result.unit("C")
    # 0.5·1 + 0.25·0 + 0.25·0.5 = 0.625
    assert c.index == pytest.approx(0.625)
    assert [t.effective_weight for t in c.trace] == [0.5, 0.25, 0.25]
    assert result.unit("A").index == pytest.approx(0.375)


def test_it_excludes_a_unit_below_the_minimum_coverage() -> None:
    result = compute_index(SPECS, UNITS, policy=MissingPolicy.exclude_unit(1.0))
    assert result.excluded == ("C",)
    c = result.unit("C")
    assert (c.index, c.rank, c.rank_in_kind, c.coverage) == (None, None, None, 0.75)
    assert all(t.contribution == 0.0 for t in c.trace)
    assert [(u.id, u.rank) for u in result.units if u.rank] == [("A", 2.0), ("B", 1.0)]
    assert result.cluster.index == pytest.approx((0.375 + 1) / 2)
    # At a threshold of 0.75, C is kept and renormalised.
    kept = compute_index(SPECS, UNITS, policy=MissingPolicy.exclude_unit(0.75))
    assert kept.unit("C").index == pytest.approx(5 / 6)


def test_it_weights_the_cluster_aggregate_by_size_when_given() -> None:
    result = compute_index(SPECS, UNITS, sizes={"A": 100, "B": 300, "C": 600})
    # (100·0.375 + 300·1 + 600·5/6) / 1000 = 0.8375
    assert result.cluster.index == pytest.approx(0.8375)
    assert result.cluster.weighting == "size"
    assert dict(result.cluster.members) == pytest.approx({"A": 0.1, "B": 0.3, "C": 0.6})


def test_it_scores_lower_is_better_against_its_target() -> None:
    spec = IndicatorSpec("ttf", direction="lower", target=30)
    units = [Unit(i, values={"ttf": v}) for i, v in enumerate([0, 15, 30, 60, 120, -5])]
    result = compute_index([spec], units)
    assert [u.index for u in result.units] == [1.0, 1.0, 1.0, 0.5, 0.25, 1.0]


def test_it_scores_every_unit_one_when_min_max_is_degenerate() -> None:
    spec = IndicatorSpec("x", normalisation="minmax", direction="lower")
    result = compute_index([spec], [Unit(1, values={"x": 5}), Unit(2, values={"x": 5})])
    assert [u.index for u in result.units] == [1.0, 1.0]
    assert [u.rank for u in result.units] == [1.0, 1.0]


def test_it_breaks_ties_by_min_or_average_rank() -> None:
    spec = IndicatorSpec("x", target=10)
    units = [Unit(k, values={"x": v}) for k, v in zip("abcd", [10, 5, 5, 1], strict=True)]
    by_min = compute_index([spec], units, ties="min")
    by_average = compute_index([spec], units, ties="average")
    assert [u.rank for u in by_min.units] == [1.0, 2.0, 2.0, 4.0]
    assert [u.rank for u in by_average.units] == [1.0, 2.5, 2.5, 4.0]


def test_it_applies_an_indicator_only_to_its_kind() -> None:
    specs = [
        IndicatorSpec("fill", target=1.0),
        IndicatorSpec("research", target=0.5, weight=3, kind="university"),
    ]
    units = [
        Unit("s", kind="school", values={"fill": 0.5}),
        Unit("u", kind="university", values={"fill": 0.5, "research": 0.5}),
    ]
    result = compute_index(specs, units, policy=MissingPolicy.zero())
    school, university = result.unit("s"), result.unit("u")
    assert [t.code for t in school.trace] == ["fill"]
    assert (school.index, school.coverage) == (0.5, 1.0)
    # 1/4·0.5 + 3/4·1 = 0.875
    assert university.index == pytest.approx(0.875)


def test_it_gives_no_index_to_a_unit_without_values_under_renormalise() -> None:
    spec = IndicatorSpec("x", target=1.0)
    result = compute_index([spec], [Unit(1, values={"x": 1.0}), Unit(2, values={})])
    assert result.excluded == (2,)
    assert result.unit(2).coverage == 0.0
    assert compute_index([spec], [Unit(2)], policy=MissingPolicy.zero()).unit(2).index == 0.0


def test_it_accepts_decimal_and_numpy_numbers_as_the_database_gives_them() -> None:
    import numpy as np

    spec = IndicatorSpec("x", target=Decimal("0.80"), weight=np.float32(2))  # type: ignore[arg-type]
    one: Any = np.int64(1)
    units = [Unit(1, values={"x": Decimal("0.40")}), Unit(2, values={"x": one})]
    result = compute_index([spec], units, sizes={1: Decimal(1), 2: np.float64(3)})
    assert [u.index for u in result.units] == [0.5, 1.0]
    assert result.cluster.index == pytest.approx(0.875)


def test_it_keeps_the_inputs_with_the_result_to_reproduce_it() -> None:
    result = compute_index(SPECS, UNITS)
    assert result.specs == tuple(SPECS)
    assert result.policy == MissingPolicy.renormalise() and result.ties == "min"
    assert result.by_id()["B"] is result.unit("B")
    assert compute_index(list(result.specs), UNITS, policy=result.policy) == result


def test_it_stays_finite_for_values_and_weights_near_the_float_limits() -> None:
    specs = [
        IndicatorSpec("x", normalisation="minmax", weight=1e308),
        IndicatorSpec("y", target=1e-300, weight=1e308),
    ]
    units = [
        Unit(1, values={"x": -1.7e308, "y": 1e-300}),
        Unit(2, values={"x": 1.7e308, "y": 0.0}),
        Unit(3, values={"x": 0.0, "y": 5e-301}),
    ]
    result = compute_index(specs, units)
    assert [u.index for u in result.units] == pytest.approx([0.5, 0.5, 0.5])
    assert result.unit(1).trace[0].base_weight == 1e308
    from educluster.engines.effectiveness import sensitivity

    bands = sensitivity(specs, units, draws=20, spread=0.5)
    assert all(u.overall is not None for u in bands.units)
