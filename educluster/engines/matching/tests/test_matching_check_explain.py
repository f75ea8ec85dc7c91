"""Checker, explanations and the optimal-assignment mode."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.matching import (
    MatchKind,
    build_market,
    check_matching,
    deferred_acceptance,
    eligibility_status,
    explain,
    explain_applicant,
    optimal_assignment,
)

from ._support import all_assignments, markets, naive_blocking_pairs

FAST = settings(max_examples=80, deadline=None)


@FAST
@given(markets(), st.data())
def test_it_finds_an_injected_blocking_pair(market_lists, data) -> None:
    prefs, hosts, caps = market_lists
    market = build_market(prefs, hosts, caps)
    assign = deferred_acceptance(market).assignment.copy()
    matched = np.flatnonzero(assign >= 0).tolist()
    if not matched:
        return
    a = data.draw(st.sampled_from(matched))
    h = int(assign[a])
    assign[a] = -1  # h now has a free seat that a wants
    report = check_matching(market, assign)
    assert report.is_valid and not report.is_stable
    pairs = {tuple(p) for p in report.blocking_pairs.tolist()}
    assert (a, h) in pairs
    assert pairs == naive_blocking_pairs(prefs, hosts, caps, assign.tolist())


@FAST
@given(markets(max_applicants=6, max_hosts=3, max_capacity=2), st.data())
def test_it_lists_exactly_the_textbook_blocking_pairs_of_any_assignment(market_lists, data) -> None:
    prefs, hosts, caps = market_lists
    market = build_market(prefs, hosts, caps)
    valid = [s for s in all_assignments(prefs, caps)]
    assign = list(data.draw(st.sampled_from(valid)))
    report = check_matching(market, assign)
    ir = all(h < 0 or a in hosts[h] for a, h in enumerate(assign))
    assert report.is_valid == ir
    if ir:
        pairs = {tuple(p) for p in report.blocking_pairs.tolist()}
        assert pairs == naive_blocking_pairs(prefs, hosts, caps, assign)


def test_it_reports_validity_problems_with_codes() -> None:
    prefs = [[0, 1], [0], [1]]
    hosts = [[0, 1], [0]]  # host 1 does not rank applicant 2
    market = build_market(prefs, hosts, [1, 1])
    report = check_matching(market, [0, 0, 1])
    codes = sorted((p.code, p.applicant, p.host) for p in report.problems)
    assert codes == [("capacity_exceeded", None, 0), ("not_ranked_by_host", 2, 1)]
    report = check_matching(market, [-1, 1, 7])
    codes = sorted((p.code, p.applicant, p.host) for p in report.problems)
    assert codes == [("not_ranked_by_applicant", 1, 1), ("unknown_host", 2, 7)]
    assert (
        "Applicant 1" in report.problems[1].message or "Applicant 1" in report.problems[0].message
    )


def test_it_reports_an_ineligible_match() -> None:
    prefs = [[0, 1]]
    status = eligibility_status(prefs, 2, applicant_subject=[3], host_subjects=[[3], [4]])
    market = build_market(prefs, [[0], [0]], [1, 1], eligibility=status)
    report = check_matching(market, [1])
    assert [p.code for p in report.problems] == ["ineligible_subject"]


@FAST
@given(markets())
def test_it_explains_every_higher_choice_consistently(market_lists) -> None:
    prefs, hosts, caps = market_lists
    market = build_market(prefs, hosts, caps)
    for side in ("applicants", "hosts"):
        result = deferred_acceptance(market, proposing=side)
        for e in explain(market, result):
            listed = prefs[e.applicant]
            stop = listed.index(e.host) if e.host >= 0 else len(listed)
            assert [c.host for c in e.higher_choices] == listed[:stop]
            for c in e.higher_choices:
                assert c.reason != "not_stable"
                if c.reason == "below_cutoff":
                    assert c.applicant_rank > c.cutoff >= 0
                    assert c.admitted >= c.capacity
                    assert hosts[c.host].index(e.applicant) > max(
                        hosts[c.host].index(b) for b in result.admitted_by(c.host).tolist()
                    )
                elif c.reason == "not_ranked_by_host":
                    assert e.applicant not in hosts[c.host]
                else:
                    assert c.reason == "no_seats" and caps[c.host] == 0


def test_it_explains_ineligibility_and_cutoffs() -> None:
    # Applicant 0 lists host 0 (full of better applicants), host 1 (wrong language), host 2.
    prefs = [[0, 1, 2], [0], [0]]
    hosts = [[1, 2, 0], [0], [0]]
    status = eligibility_status(
        prefs, 3, applicant_languages=[[1], [1], [1]], host_language=[1, 2, 1]
    )
    market = build_market(prefs, hosts, [2, 1, 1], eligibility=status)
    result = deferred_acceptance(market)
    e = explain_applicant(market, result, 0)
    assert (e.host, e.choice_position) == (2, 2)
    reasons = [(c.host, c.reason, c.applicant_rank, c.cutoff) for c in e.higher_choices]
    assert reasons == [(0, "below_cutoff", 2, 1), (1, "ineligible_language", -1, -1)]


def test_it_labels_optimal_results_as_not_stable_and_explains_so() -> None:
    # Stable: 0 -> host 0 (host prefers 0), 1 -> nothing. Optimal places both.
    prefs = [[0, 1], [0]]
    hosts = [[0, 1], [0]]
    market = build_market(prefs, hosts, [1, 1])
    result = optimal_assignment(market)
    assert result.kind is MatchKind.MIN_TOTAL_RANK and result.stable is False
    assert result.assignment.tolist() == [1, 0]
    report = check_matching(market, result.assignment)
    assert report.is_valid and report.blocking_pairs.tolist() == [[0, 0]]
    assert explain_applicant(market, result, 0).higher_choices[0].reason == "not_stable"


def _brute_force(prefs, caps, cost, unmatched_cost=None):
    best = None
    for s in all_assignments(prefs, caps):
        total = sum(cost[a][prefs[a].index(h)] for a, h in enumerate(s) if h >= 0)
        unmatched = sum(h < 0 for h in s)
        key = (
            (unmatched, total)
            if unmatched_cost is None
            else (0, total + unmatched * unmatched_cost)
        )
        best = key if best is None or key < best else best
    return best


@settings(max_examples=60, deadline=None)
@given(markets(max_applicants=5, max_hosts=3, max_capacity=2), st.integers(1, 4))
def test_it_minimises_total_rank_like_brute_force(market_lists, penalty) -> None:
    prefs, _, caps = market_lists
    market = build_market(prefs, None, caps)
    cost = [[i + 1 for i in range(len(lst))] for lst in prefs]
    result = optimal_assignment(market)
    n_unmatched = int((result.assignment < 0).sum())
    assert (n_unmatched, result.total_cost) == _brute_force(prefs, caps, cost)
    assert result.extra["total_rank"] == result.total_cost
    assert check_matching(market, result.assignment).is_valid
    result = optimal_assignment(market, unmatched_cost=penalty)
    assert (0, result.total_cost) == _brute_force(prefs, caps, cost, penalty)


@settings(max_examples=40, deadline=None)
@given(markets(max_applicants=5, max_hosts=3, max_capacity=2), st.data())
def test_it_minimises_total_distance_like_brute_force(market_lists, data) -> None:
    prefs, _, caps = market_lists
    nnz = sum(len(lst) for lst in prefs)
    km = data.draw(st.lists(st.integers(0, 50), min_size=nnz, max_size=nnz))
    market = build_market(prefs, None, caps)
    result = optimal_assignment(market, objective="distance", distance_km=km, distance_unit_km=1)
    assert result.kind is MatchKind.MIN_TOTAL_DISTANCE
    it = iter(km)
    cost = [[next(it) for _ in lst] for lst in prefs]
    n_unmatched = int((result.assignment < 0).sum())
    assert (n_unmatched, result.total_cost) == _brute_force(prefs, caps, cost)
