"""Property tests (hypothesis) of deferred acceptance, priority rankings and the lottery."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.matching import (
    CSR,
    MatchKind,
    build_market,
    check_matching,
    deferred_acceptance,
    lottery,
    priority_rankings,
    stable_match,
)

from ._support import (
    all_assignments,
    is_individually_rational,
    markets,
    naive_blocking_pairs,
    position,
    within_capacity,
)

FAST = settings(max_examples=80, deadline=None)


@FAST
@given(markets())
def test_it_returns_stable_valid_matchings_for_both_sides(market_lists) -> None:
    prefs, hosts, caps = market_lists
    market = build_market(prefs, hosts, caps)
    for side in ("applicants", "hosts"):
        result = deferred_acceptance(market, proposing=side)
        assign = result.assignment.tolist()
        assert result.stable
        assert naive_blocking_pairs(prefs, hosts, caps, assign) == set()
        assert is_individually_rational(prefs, hosts, assign)
        assert within_capacity(caps, assign)
        report = check_matching(market, assign)
        assert report.is_stable, report


@FAST
@given(markets())
def test_it_makes_every_applicant_weakly_prefer_the_applicant_proposing_result(
    market_lists,
) -> None:
    prefs, hosts, caps = market_lists
    a_res = stable_match(prefs, hosts, caps).assignment.tolist()
    h_res = stable_match(prefs, hosts, caps, proposing="hosts").assignment.tolist()
    for a in range(len(prefs)):
        assert position(prefs, a, a_res[a]) <= position(prefs, a, h_res[a])
    # Rural hospitals theorem (Roth 1986): same applicants matched, same seats filled per host.
    assert [h >= 0 for h in a_res] == [h >= 0 for h in h_res]
    assert sorted(h for h in a_res if h >= 0) == sorted(h for h in h_res if h >= 0)


@settings(max_examples=50, deadline=None)
@given(markets(max_applicants=5, max_hosts=3, max_capacity=2))
def test_it_finds_the_applicant_optimal_among_all_stable_matchings(market_lists) -> None:
    prefs, hosts, caps = market_lists
    stable = [
        s
        for s in all_assignments(prefs, caps)
        if is_individually_rational(prefs, hosts, s)
        and not naive_blocking_pairs(prefs, hosts, caps, s)
    ]
    a_res = stable_match(prefs, hosts, caps).assignment.tolist()
    h_res = stable_match(prefs, hosts, caps, proposing="hosts").assignment.tolist()
    assert tuple(a_res) in stable and tuple(h_res) in stable
    for s in stable:
        for a in range(len(prefs)):
            assert position(prefs, a, a_res[a]) <= position(prefs, a, s[a])
            assert position(prefs, a, h_res[a]) >= position(prefs, a, s[a])


@FAST
@given(markets(), st.integers(0, 2**32 - 1))
def test_it_is_deterministic_for_a_seed(market_lists, seed) -> None:
    prefs, _, caps = market_lists
    grades = np.round(np.linspace(3.0, 5.0, len(prefs)) * 2) / 2  # many ties
    runs = []
    for _ in range(2):
        ranks = priority_rankings(prefs, len(caps), seed=seed, grade_average=grades)
        runs.append(stable_match(prefs, ranks, caps).assignment.tolist())
    assert runs[0] == runs[1]


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**31), st.integers(0, 2**31))
def test_it_breaks_ties_by_one_lottery_that_changes_with_the_seed(seed_a, seed_b) -> None:
    n, m = 12, 3
    prefs = [[(a + j) % m for j in range(m)] for a in range(n)]
    grades = np.full(n, 4.0)  # everybody tied: only the lottery decides
    results = {}
    for seed in (seed_a, seed_b):
        ranks = priority_rankings(prefs, m, seed=seed, grade_average=grades)
        market = build_market(prefs, ranks, [2, 2, 2])
        # single tie-breaking: every host orders its candidates by the same lottery numbers
        draw = lottery(n, seed)
        for h in range(m):
            cands = market.candidates(h).tolist()
            assert cands == sorted(cands, key=lambda a: draw[a])
        result = deferred_acceptance(market)
        assert check_matching(market, result.assignment).is_stable
        results[seed] = (draw.tolist(), result.assignment.tolist())
    if seed_a != seed_b:
        assert results[seed_a][0] != results[seed_b][0]  # 12! permutations: equal w.p. ~2e-9


@FAST
@given(markets(max_applicants=10, max_hosts=5))
def test_it_gives_the_same_result_for_every_input_form(market_lists) -> None:
    prefs, hosts, caps = market_lists
    n, m = len(prefs), len(caps)
    expected = stable_match(prefs, hosts, caps).assignment.tolist()
    csr = CSR.from_lists(prefs)
    matrix = np.full((m, n), -1)
    for h, lst in enumerate(hosts):
        matrix[h, lst] = np.arange(len(lst)) * 3 + 5  # any increasing numbers will do
    dicts = [{a: r * 2 for r, a in enumerate(lst)} for lst in hosts]
    for form in (CSR.from_lists(hosts), matrix, dicts):
        assert stable_match(csr, form, np.asarray(caps)).assignment.tolist() == expected
    market = build_market(prefs, hosts, caps)
    assert market.pair_rank.tolist() == build_market(prefs, matrix, caps).pair_rank.tolist()
    assert stable_match(prefs, hosts, caps).kind is MatchKind.APPLICANT_OPTIMAL_STABLE
