"""Published worked examples with exact expected results for both proposing sides."""

from __future__ import annotations

import doctest
import importlib
import itertools

import pytest

from educluster.engines.matching import build_market, check_matching, stable_match


def _from_ranking_matrix(matrix: list[list[tuple[int, int]]]) -> tuple[list[list[int]], ...]:
    """Gale & Shapley's ranking matrix: cell (i, j) = (man i's rank of woman j, her rank of him)."""
    n = len(matrix)
    prefs = [sorted(range(n), key=lambda w: matrix[a][w][0]) for a in range(n)]
    hosts = [sorted(range(n), key=lambda a: matrix[a][w][1]) for w in range(n)]
    return prefs, hosts


# D. Gale and L. S. Shapley, "College admissions and the stability of marriage", American
# Mathematical Monthly 69 (1962), Example 1: men alpha, beta, gamma (applicants 0-2), women A, B,
# C (hosts 0-2). Of the six marriages three are stable: every man gets his first choice, every
# woman gets her first choice, or everybody gets their second choice.
GS_EXAMPLE_1 = [
    [(1, 3), (2, 2), (3, 1)],
    [(3, 1), (1, 3), (2, 2)],
    [(2, 2), (3, 1), (1, 3)],
]

# Gale & Shapley (1962), Example 2: four men and four women with exactly one stable set of
# marriages, alpha-C, beta-D, gamma-A, delta-B.
GS_EXAMPLE_2 = [
    [(1, 3), (2, 3), (3, 2), (4, 3)],
    [(1, 4), (4, 1), (3, 3), (2, 2)],
    [(2, 2), (1, 4), (3, 4), (4, 1)],
    [(4, 1), (2, 2), (3, 1), (1, 4)],
]


def test_it_reproduces_gale_shapley_example_1_for_both_sides() -> None:
    prefs, hosts = _from_ranking_matrix(GS_EXAMPLE_1)
    men_optimal = stable_match(prefs, hosts, [1, 1, 1])
    women_optimal = stable_match(prefs, hosts, [1, 1, 1], proposing="hosts")
    assert men_optimal.assignment.tolist() == [0, 1, 2]  # alpha-A, beta-B, gamma-C
    assert women_optimal.assignment.tolist() == [2, 0, 1]  # alpha-C, beta-A, gamma-B
    market = build_market(prefs, hosts, [1, 1, 1])
    stable = {p for p in itertools.permutations(range(3)) if check_matching(market, p).is_stable}
    assert stable == {(0, 1, 2), (2, 0, 1), (1, 2, 0)}


def test_it_reproduces_gale_shapley_example_2_unique_stable_set() -> None:
    prefs, hosts = _from_ranking_matrix(GS_EXAMPLE_2)
    for side in ("applicants", "hosts"):
        assert stable_match(prefs, hosts, [1] * 4, proposing=side).assignment.tolist() == [
            2,
            3,
            0,
            1,
        ]


def test_it_reproduces_malkevitch_ten_stable_marriages_extremes() -> None:
    # J. Malkevitch (York College, CUNY), "Gale-Shapley example with ten stable marriages":
    # m1: w1 w2 w3 w4, m2: w2 w1 w4 w3, m3: w3 w4 w1 w2, m4: w4 w3 w2 w1 and
    # w1: m4 m3 m2 m1, w2: m3 m4 m1 m2, w3: m2 m1 m4 m3, w4: m1 m2 m3 m4. Men proposing gives
    # every man his first choice, women proposing every woman hers; ten matchings are stable.
    men = [[0, 1, 2, 3], [1, 0, 3, 2], [2, 3, 0, 1], [3, 2, 1, 0]]
    women = [[3, 2, 1, 0], [2, 3, 0, 1], [1, 0, 3, 2], [0, 1, 2, 3]]
    assert stable_match(men, women, [1] * 4).assignment.tolist() == [0, 1, 2, 3]
    assert stable_match(men, women, [1] * 4, proposing="hosts").assignment.tolist() == [3, 2, 1, 0]
    market = build_market(men, women, [1] * 4)
    count = sum(check_matching(market, p).is_stable for p in itertools.permutations(range(4)))
    assert count == 10


def test_it_reproduces_the_plus_maths_four_couples_example() -> None:
    # "Finding stable sets of pairings: an example", Plus Magazine (plus.maths.org): men Andy,
    # Colin, Jamie, Ross; women Anne, Elena, Heather, Laura. Men proposing ends with
    # Anne-Jamie, Elena-Ross, Heather-Andy, Laura-Colin (here also the only stable matching).
    men = [[0, 1, 2, 3], [0, 1, 2, 3], [1, 2, 0, 3], [2, 0, 1, 3]]
    women = [[2, 3, 0, 1], [3, 0, 1, 2], [0, 1, 2, 3], [3, 2, 0, 1]]
    for side in ("applicants", "hosts"):
        assert stable_match(men, women, [1] * 4, proposing=side).assignment.tolist() == [
            2,
            3,
            0,
            1,
        ]


def test_it_reproduces_the_matching_package_hospital_resident_example() -> None:
    # Hospital-resident example of the ``matching`` package README (Wilde, Knight & Gillard,
    # JOSS 5(48) 2169, 2020): residents A, S, D, J, L; hospitals M, C, G with two seats each.
    # Resident-optimal: M {L, S}, C {D, A}, G {J}; the hospital-optimal matching is the same.
    residents = ["A", "S", "D", "J", "L"]
    hospitals = ["M", "C", "G"]
    r_prefs = {"A": "C", "S": "CM", "D": "CMG", "J": "CGM", "L": "MCG"}
    h_prefs = {"M": "DLSJ", "C": "DASLJ", "G": "DJL"}
    prefs = [[hospitals.index(h) for h in r_prefs[r]] for r in residents]
    hosts = [[residents.index(r) for r in h_prefs[h]] for h in hospitals]
    for side in ("applicants", "hosts"):
        result = stable_match(prefs, hosts, [2, 2, 2], proposing=side)
        admitted = [{residents[a] for a in adm} for adm in result.hosts_admitted]
        assert admitted == [{"L", "S"}, {"D", "A"}, {"J"}]
        # admitted lists come best first in the host's order
        assert [residents[a] for a in result.admitted_by(1)] == ["D", "A"]


@pytest.mark.parametrize(
    "module",
    [
        "types",
        "market",
        "deferred_acceptance",
        "priority",
        "eligibility",
        "check",
        "explain",
        "optimal",
    ],
)
def test_it_keeps_the_docstring_examples_true(module: str) -> None:
    mod = importlib.import_module(f"educluster.engines.matching.{module}")
    result = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
