"""Input validation, eligibility constraints, priority rules, results and the plain-Python path."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings

from educluster.engines.matching import (
    CSR,
    MatchingInputError,
    PairRanks,
    PairStatus,
    _kernels,
    build_market,
    check_matching,
    deferred_acceptance,
    eligibility_status,
    optimal_assignment,
    priority_rankings,
    rank_by_criteria,
    stable_match,
)

from ._support import markets


def _error(*args, **kwargs) -> MatchingInputError:
    with pytest.raises(MatchingInputError) as info:
        stable_match(*args, **kwargs)
    return info.value


def test_it_refuses_an_applicant_ranking_a_host_twice() -> None:
    err = _error([[0], [1, 0, 1]], [[0, 1], [1]], [1, 1])
    assert (err.code, err.applicant, err.host) == ("duplicate_choice", 1, 1)
    assert str(err) == "Applicant 1 ranks host 1 twice."


def test_it_refuses_an_unknown_host() -> None:
    err = _error([[0, 5]], [[0]], [1])
    assert (err.code, err.applicant, err.host) == ("unknown_host", 0, 5)
    assert "Applicant 0 ranks host 5" in str(err)


def test_it_refuses_a_negative_capacity() -> None:
    err = _error([[0]], [[0], []], [1, -2])
    assert (err.code, err.host) == ("negative_capacity", 1)
    assert str(err) == "Host 1 has a negative capacity (-2)."


def test_it_refuses_mismatched_lengths() -> None:
    assert _error([[0]], [[0], [0]], [1]).code == "length_mismatch"
    assert _error([[0]], np.zeros((2, 1), dtype=int), [1]).code == "length_mismatch"
    assert _error([[0]], PairRanks(np.array([0, 1])), [1]).code == "length_mismatch"
    assert _error([[0]], [[0]], [1], eligibility=[True, False]).code == "length_mismatch"


def test_it_refuses_host_list_problems() -> None:
    err = _error([[0], [0]], [[1, 3]], [1])
    assert (err.code, err.host, err.applicant) == ("unknown_applicant", 0, 3)
    err = _error([[0], [0]], [[1, 0, 1]], [1])
    assert (err.code, err.host, err.applicant) == ("duplicate_ranked_applicant", 0, 1)
    err = _error([[0], [0]], [{0: 1, 1: -1}], [1])
    assert (err.code, err.host, err.applicant) == ("invalid_rank", 0, 1)
    err = _error([[0], [0]], [{0: 1, 4: 2}], [1])
    assert (err.code, err.applicant) == ("unknown_applicant", 4)


def test_it_refuses_tied_ranks_and_names_both_applicants() -> None:
    err = _error([[0], [0], [0]], [{0: 1, 1: 2, 2: 1}], [1])
    assert (err.code, err.host, {err.applicant, err.other_applicant}) == ("tied_ranks", 0, {0, 2})


def test_it_refuses_malformed_structures() -> None:
    assert _error([[0.5]], [[0]], [1]).code == "bad_structure"
    assert _error(CSR(np.array([0, 2]), np.array([0])), [[0]], [1]).code == "bad_structure"
    assert _error([[0]], [[0]], [1.5]).code == "bad_structure"
    assert _error([[0]], [[0]], [1], proposing="both").code == "bad_option"


def test_it_needs_host_rankings_for_deferred_acceptance() -> None:
    market = build_market([[0]], None, [1])
    with pytest.raises(MatchingInputError) as info:
        deferred_acceptance(market)
    assert info.value.code == "missing_host_rankings"
    assert optimal_assignment(market).assignment.tolist() == [0]
    assert check_matching(market, [0]).stability_checked is False


def test_it_ignores_ties_and_strangers_outside_the_market() -> None:
    # Host 0 gives applicants 1 and 2 the same rank, but applicant 2 did not apply: no tie.
    result = stable_match([[0], [0], []], [{0: 3, 1: 1, 2: 1}], [1])
    assert result.assignment.tolist() == [-1, 0, -1]


def test_it_removes_ineligible_pairs_from_both_sides() -> None:
    prefs = [[0, 1, 2], [0, 1]]
    status = eligibility_status(
        prefs,
        3,
        applicant_subject=[7, 8],
        host_subjects=np.array([7, 8, 7]),
        applicant_languages=[1, 2],
        host_language=[1, 2, 2],
        applicant_coords=[(41.31, 69.28), (41.31, 69.28)],  # Tashkent
        host_coords=[(41.30, 69.25), (41.32, 69.30), (39.65, 66.96)],  # Samarkand is 269 km
        max_distance_km=[100, 10],
    )
    assert status.tolist() == [
        PairStatus.ACCEPTABLE,
        PairStatus.INELIGIBLE_SUBJECT,
        PairStatus.INELIGIBLE_LANGUAGE,
        PairStatus.INELIGIBLE_SUBJECT,
        PairStatus.ACCEPTABLE,
    ]
    far = eligibility_status([[0]], 1, distance_km=[12.5], max_distance_km=10)
    assert far.tolist() == [PairStatus.INELIGIBLE_DISTANCE]
    market = build_market(prefs, [[1, 0], [0, 1], [0]], [1, 1, 1], eligibility=status)
    result = deferred_acceptance(market)
    assert result.assignment.tolist() == [0, 1]
    assert 0 not in market.candidates(1).tolist() and 0 not in market.candidates(2).tolist()


def test_it_applies_the_priority_rule_in_order() -> None:
    # All five apply to host 0 (district 9). Targeted contract first, then residents, then grade.
    prefs = [[0]] * 5
    ranks = priority_rankings(
        prefs,
        1,
        seed=11,
        grade_average=[5.0, 4.0, 3.0, 4.5, np.nan],
        targeted_host=[-1, -1, 0, -1, -1],
        applicant_district=[1, 9, 1, 1, 9],
        host_district=[9],
    )
    order = np.argsort(ranks.values).tolist()
    assert order == [2, 1, 4, 0, 3]
    assert stable_match(prefs, ranks, [2]).admitted_by(0).tolist() == [2, 1]


def test_it_ranks_by_arbitrary_criteria_with_the_lottery_last() -> None:
    prefs = [[0, 1], [0, 1], [1]]
    ranks = rank_by_criteria(prefs, [[1, 0, 0, 0, 0]], seed=5).values
    assert ranks[0] > ranks[2]  # applicant 0 loses on the criterion at host 0
    entry_at_host_1 = [1, 3, 4]
    from educluster.engines.matching import lottery

    draw = lottery(3, seed=5)
    assert np.argsort(ranks[entry_at_host_1]).tolist() == np.argsort(draw).tolist()


def test_it_returns_frozen_results_with_stats() -> None:
    prefs = [[0, 1], [0, 1], [0, 1], [1]]
    hosts = [[0, 1, 2], [3, 2, 1, 0]]
    result = stable_match(prefs, hosts, [1, 2])
    assert result.assignment.tolist() == [0, -1, 1, 1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.stable = False  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        result.assignment[0] = 3
    s = result.stats
    assert (s.n_applicants, s.n_matched, s.seats, s.seats_filled) == (4, 3, 3, 3)
    assert s.share_matched == 0.75
    assert s.share_first_choice == pytest.approx(np.mean(result.choice_position == 0))
    assert s.share_top3 == 0.75
    assert result.host_cutoff.tolist() == [0, 1]  # host 1 admitted ranks 0 and 1
    assert result.as_dict() == {0: 0, 1: None, 2: 1, 3: 1}


@settings(max_examples=30, deadline=None)
@given(markets(max_applicants=7, max_hosts=4))
def test_it_gives_the_same_results_without_numba(market_lists) -> None:
    prefs, hosts, caps = market_lists
    expected = [
        stable_match(prefs, hosts, caps, proposing=s).assignment.tolist()
        for s in ("applicants", "hosts")
    ]
    names = [
        "check_lists",
        "host_side_from_lists",
        "host_side_from_values",
        "da_applicants",
        "da_hosts",
        "admitted_lists",
    ]
    with pytest.MonkeyPatch.context() as mp:
        for name in names:
            fn = getattr(_kernels, name)
            mp.setattr(_kernels, name, getattr(fn, "py_func", fn))
        got = [
            stable_match(prefs, hosts, caps, proposing=s).assignment.tolist()
            for s in ("applicants", "hosts")
        ]
        ranks = [{a: r for r, a in enumerate(lst)} for lst in hosts]
        got_dicts = stable_match(prefs, ranks, caps).assignment.tolist()
    assert got == expected
    assert got_dicts == expected[0]


def test_it_handles_empty_markets_and_huge_capacities() -> None:
    empty = stable_match([], [[], []], [1, 1])
    assert empty.assignment.tolist() == [] and empty.stats.share_matched == 0.0
    result = stable_match([[0], [0], [1, 0]], [[2, 0, 1], [2]], [10**12, 0])
    assert result.assignment.tolist() == [0, 0, 0]
    assert result.admitted_by(0).tolist() == [2, 0, 1]


def test_it_explains_optimal_results_without_host_rankings() -> None:
    from educluster.engines.matching import explain_applicant

    market = build_market([[0, 1], [0]], None, [1, 1])
    assert market.entry_of(0, 1) == 1 and market.entry_of(1, 1) == -1
    result = optimal_assignment(market)
    e = explain_applicant(market, result, 0)
    assert (e.host, e.host_rank) == (1, -1)
    assert [c.reason for c in e.higher_choices] == ["assigned_by_optimisation"]
    with pytest.raises(MatchingInputError) as info:
        explain_applicant(market, result, 9)
    assert info.value.code == "unknown_applicant"


def test_it_accepts_a_rectangular_preference_array() -> None:
    prefs = np.array([[0, 1], [1, 0], [0, 1]])
    expected = stable_match(prefs.tolist(), [[2, 0, 1], [1, 0, 2]], [1, 1]).assignment.tolist()
    got = stable_match(prefs, [[2, 0, 1], [1, 0, 2]], [1, 1]).assignment.tolist()
    assert got == expected == [-1, 1, 0]
