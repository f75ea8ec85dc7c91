"""Hypothesis properties of the index: bounds, traceability, monotonicity, invariances."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.effectiveness import (
    IndicatorSpec,
    MissingPolicy,
    Unit,
    compute_index,
    sensitivity,
)

POLICIES = st.sampled_from(
    [MissingPolicy.renormalise(), MissingPolicy.zero(), MissingPolicy.exclude_unit(0.5)]
)
VALUES = st.one_of(
    st.none(), st.floats(-100, 100, allow_nan=False, allow_infinity=False, allow_subnormal=False)
)


@st.composite
def problems(draw: Any) -> tuple[list[IndicatorSpec], list[Unit]]:
    m = draw(st.integers(1, 5))
    specs = []
    for j in range(m):
        by_target = draw(st.booleans())
        specs.append(
            IndicatorSpec(
                f"i{j}",
                direction=draw(st.sampled_from(["higher", "lower"])),
                weight=draw(st.floats(0.0, 10.0, allow_subnormal=False)),
                normalisation="target" if by_target else "minmax",
                target=draw(st.floats(0.1, 100.0)) if by_target else None,
            )
        )
    if all(s.weight == 0 for s in specs):
        specs[0] = dataclasses.replace(specs[0], weight=1.0)
    n = draw(st.integers(1, 8))
    units = [
        Unit(
            i,
            kind=draw(st.sampled_from(["school", "university"])),
            values={s.code: draw(VALUES) for s in specs},
        )
        for i in range(n)
    ]
    return specs, units


@settings(max_examples=150, deadline=None)
@given(problems(), POLICIES)
def test_it_keeps_the_index_in_0_1_and_equal_to_its_contributions(
    problem: tuple[list[IndicatorSpec], list[Unit]], policy: MissingPolicy
) -> None:
    specs, units = problem
    result = compute_index(specs, units, policy=policy)
    for score in result.units:
        assert 0.0 <= score.coverage <= 1.0
        if score.index is None:
            assert score.rank is None
            continue
        assert 0.0 <= score.index <= 1.0
        assert sum(t.contribution for t in score.trace) == pytest.approx(score.index, abs=1e-12)
        assert sum(t.effective_weight for t in score.trace) == pytest.approx(1.0)
        assert score.rank is not None and score.rank_in_kind is not None
        assert 1 <= score.rank_in_kind <= score.rank <= len(units)


@settings(max_examples=150, deadline=None)
@given(problems(), POLICIES, st.data())
def test_it_never_lowers_an_index_when_a_value_improves(
    problem: tuple[list[IndicatorSpec], list[Unit]], policy: MissingPolicy, data: Any
) -> None:
    specs, units = problem
    i = data.draw(st.integers(0, len(units) - 1))
    spec = data.draw(st.sampled_from(specs))
    old = units[i].values[spec.code]
    if old is None:
        return
    step = data.draw(st.floats(0.001, 100.0))
    better = old + step if spec.direction == "higher" else old - step
    improved = list(units)
    improved[i] = dataclasses.replace(units[i], values={**units[i].values, spec.code: better})
    before = compute_index(specs, units, policy=policy).units[i].index
    after = compute_index(specs, improved, policy=policy).units[i].index
    assert (before is None) == (after is None)
    if before is not None and after is not None:
        assert after >= before - 1e-12


@settings(max_examples=100, deadline=None)
@given(problems(), POLICIES, st.randoms(use_true_random=False))
def test_it_does_not_depend_on_the_order_of_units_or_indicators(
    problem: tuple[list[IndicatorSpec], list[Unit]], policy: MissingPolicy, rnd: Any
) -> None:
    specs, units = problem
    shuffled_specs, shuffled_units = list(specs), list(units)
    rnd.shuffle(shuffled_specs)
    rnd.shuffle(shuffled_units)
    base = compute_index(specs, units, policy=policy)
    other = compute_index(shuffled_specs, shuffled_units, policy=policy)
    assert [u.id for u in other.units] == [u.id for u in shuffled_units]
    for unit in units:
        a, b = base.unit(unit.id), other.unit(unit.id)
        assert (a.rank, a.rank_in_kind) == (b.rank, b.rank_in_kind)
        assert a.index == pytest.approx(b.index, abs=1e-12)
        assert {t.code: t.contribution for t in a.trace} == pytest.approx(
            {t.code: t.contribution for t in b.trace}, abs=1e-12
        )
    assert base.cluster.index == pytest.approx(other.cluster.index, abs=1e-12)
    s1 = sensitivity(specs, units, policy=policy, draws=30, seed=3, spread=0.4)
    s2 = sensitivity(shuffled_specs, shuffled_units, policy=policy, draws=30, seed=3, spread=0.4)
    for unit in units:
        assert s1.unit(unit.id) == s2.unit(unit.id)


@settings(max_examples=100, deadline=None)
@given(problems(), POLICIES, st.floats(0.01, 1000.0))
def test_it_ignores_a_common_scale_of_the_weights(
    problem: tuple[list[IndicatorSpec], list[Unit]], policy: MissingPolicy, factor: float
) -> None:
    specs, units = problem
    scaled = [dataclasses.replace(s, weight=float(s.weight) * factor) for s in specs]
    base = compute_index(specs, units, policy=policy)
    other = compute_index(scaled, units, policy=policy)
    for a, b in zip(base.units, other.units, strict=True):
        assert a.rank == b.rank
        assert a.index == pytest.approx(b.index, abs=1e-12)
        assert a.coverage == pytest.approx(b.coverage)


@settings(max_examples=80, deadline=None)
@given(problems(), POLICIES, st.integers(0, 2**32 - 1))
def test_it_keeps_the_base_ranks_when_the_spread_is_zero(
    problem: tuple[list[IndicatorSpec], list[Unit]], policy: MissingPolicy, seed: int
) -> None:
    specs, units = problem
    base = compute_index(specs, units, policy=policy)
    result = sensitivity(specs, units, policy=policy, draws=20, seed=seed, spread=0.0)
    for score, item in zip(base.units, result.units, strict=True):
        if score.rank is None:
            assert item.overall is None
            continue
        assert item.overall is not None and item.in_kind is not None
        band = item.overall
        assert band.base == score.rank
        assert band.median == band.p5 == band.p95 == band.rank_min == band.rank_max == score.rank
        assert band.p_same_rank == 1.0
        assert item.in_kind.median == score.rank_in_kind
    if result.spearman_median is not None:
        assert result.spearman_min == pytest.approx(1.0)
