"""Invariances the statistics must obey, checked on generated rubric-like scores."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from educluster.engines.stats import (
    cronbach_alpha,
    describe,
    difference_in_differences,
    hedges_g,
    mann_whitney_u,
    paired_comparison,
    power_two_groups,
    sample_size_two_groups,
    welch_t_test,
)

PROPERTY = settings(max_examples=60, deadline=None)
# Whole rubric points keep shifted and scaled data exactly representable, so ties survive.
scores = st.lists(st.integers(0, 40).map(float), min_size=2, max_size=25)
shifts = st.integers(-1000, 1000).map(float)
scales = st.sampled_from([0.25, 0.5, 2.0, 3.0, 10.0])


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def varied(x: list[float], y: list[float]) -> bool:
    return len(set(x)) > 1 or len(set(y)) > 1


@PROPERTY
@given(scores, scores)
def test_it_flips_signs_when_the_groups_are_swapped(x: list[float], y: list[float]) -> None:
    assume(varied(x, y))
    forward, backward = welch_t_test(x, y), welch_t_test(y, x)
    assert close(forward.t, -backward.t) and close(forward.p_value, backward.p_value)
    assert close(forward.ci_low, -backward.ci_high)
    assert close(hedges_g(x, y).g, -hedges_g(y, x).g)
    u_xy, u_yx = mann_whitney_u(x, y), mann_whitney_u(y, x)
    assert u_xy.u_x == u_yx.u_y
    assert close(u_xy.rank_biserial, -u_yx.rank_biserial)
    assert close(u_xy.p_value, u_yx.p_value)


@PROPERTY
@given(scores, scores, shifts)
def test_it_ignores_a_constant_added_to_every_score(
    x: list[float], y: list[float], c: float
) -> None:
    assume(varied(x, y))
    xs, ys = [v + c for v in x], [v + c for v in y]
    assert close(welch_t_test(x, y).t, welch_t_test(xs, ys).t)
    assert close(welch_t_test(x, y).df, welch_t_test(xs, ys).df)
    assert close(hedges_g(x, y).g, hedges_g(xs, ys).g)
    assert mann_whitney_u(x, y) == mann_whitney_u(xs, ys)
    assert close(describe(x).sd, describe(xs).sd)


@PROPERTY
@given(scores, scores, scales)
def test_it_ignores_rescaling_the_scores(x: list[float], y: list[float], k: float) -> None:
    assume(varied(x, y))
    xs, ys = [v * k for v in x], [v * k for v in y]
    assert close(welch_t_test(x, y).t, welch_t_test(xs, ys).t)
    assert close(welch_t_test(x, y).p_value, welch_t_test(xs, ys).p_value)
    assert close(hedges_g(x, y).g, hedges_g(xs, ys).g)
    assert close(hedges_g(x, y).se, hedges_g(xs, ys).se)
    assert mann_whitney_u(x, y).u_x == mann_whitney_u(xs, ys).u_x


@PROPERTY
@given(scores, scores)
def test_its_intervals_contain_their_estimates(x: list[float], y: list[float]) -> None:
    assume(varied(x, y))
    welch = welch_t_test(x, y)
    assert welch.ci_low <= welch.difference <= welch.ci_high
    g = hedges_g(x, y)
    assert g.ci_low <= g.g <= g.ci_high
    d = describe(x)
    assert d.ci_low <= d.mean <= d.ci_high and d.minimum <= d.q1 <= d.median <= d.q3 <= d.maximum
    assert 0.0 <= mann_whitney_u(x, y).p_value <= 1.0


@PROPERTY
@given(st.data())
def test_it_pairs_consistently(data: st.DataObject) -> None:
    before = data.draw(scores)
    changes = data.draw(st.lists(st.integers(-5, 10), min_size=len(before), max_size=len(before)))
    assume(len(set(changes)) > 1)
    after = [b + c for b, c in zip(before, changes, strict=True)]
    result = paired_comparison(before, after)
    assert result.ci_low <= result.mean_difference <= result.ci_high
    reverse = paired_comparison(after, before)
    assert close(result.t, -reverse.t) and close(result.d_z, -reverse.d_z)
    shifted = paired_comparison([b + 7 for b in before], [a + 7 for a in after])
    assert close(result.t, shifted.t)
    assert result.wilcoxon is not None and 0.0 <= result.wilcoxon.p_value <= 1.0


@PROPERTY
@given(
    st.integers(3, 20).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(1, 5).map(float), min_size=n, max_size=n),
            min_size=3,
            max_size=25,
        )
    ),
    shifts,
)
def test_cronbach_alpha_stays_at_most_one_and_ignores_shifts(
    rows: list[list[float]], c: float
) -> None:
    matrix = np.asarray(rows).T  # respondents × items, items = the inner lists' count
    assume(np.ptp(matrix.sum(axis=1)) > 0)
    result = cronbach_alpha(matrix)
    assert result.alpha <= 1.0
    assert result.ci_low <= result.alpha <= result.ci_high
    assert close(result.alpha, cronbach_alpha(matrix + c).alpha)


cells = st.lists(st.integers(0, 30).map(float), min_size=2, max_size=8)


@PROPERTY
@given(cells, cells, cells, cells, st.integers(2, 4), shifts)
def test_the_did_flips_with_the_arms_and_ignores_shifts(
    c_pre: list[float],
    c_post: list[float],
    t_pre: list[float],
    t_post: list[float],
    per_arm: int,
    c: float,
) -> None:
    score = c_pre + c_post + t_pre + t_post
    treated = [0] * (len(c_pre) + len(c_post)) + [1] * (len(t_pre) + len(t_post))
    post = [0] * len(c_pre) + [1] * len(c_post) + [0] * len(t_pre) + [1] * len(t_post)
    cluster = [10 * t + i % per_arm for i, t in enumerate(treated)]
    try:
        result = difference_in_differences(score, treated, post, cluster)
    except ValueError as error:
        assume(getattr(error, "code", "") != "zero_variance")
        raise
    assert result.ci_low <= result.estimate <= result.ci_high
    swapped = difference_in_differences(score, [1 - t for t in treated], post, cluster)
    assert close(result.estimate, -swapped.estimate) and close(result.se, swapped.se)
    shifted = difference_in_differences([s + c for s in score], treated, post, cluster)
    assert close(result.estimate, shifted.estimate) and close(result.se, shifted.se)
    assert result.few_clusters


@PROPERTY
@given(st.floats(0.1, 1.5), st.integers(2, 200), st.sampled_from([0.01, 0.05, 0.1]))
def test_power_grows_with_size_and_sample_size_reaches_it(d: float, n: int, alpha: float) -> None:
    smaller = power_two_groups(d, n, alpha=alpha).power
    larger = power_two_groups(d, n + 1, alpha=alpha).power
    assert alpha <= smaller <= larger <= 1.0
    size = sample_size_two_groups(d, alpha=alpha, power=0.8)
    assert size.achieved_power >= 0.8
    if size.n_x > 2:
        assert power_two_groups(d, size.n_x - 1, alpha=alpha).power < 0.8
