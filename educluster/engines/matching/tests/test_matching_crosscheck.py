"""Cross-check against an independent implementation: the ``matching`` package (1.4.3)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings

from educluster.engines import matching as engine

from ._support import markets

HospitalResident = pytest.importorskip("matching.games").HospitalResident


def _reference(prefs: list[list[int]], hosts: list[list[int]], caps: list[int], optimal: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            {a: lst for a, lst in enumerate(prefs)},
            {h: lst for h, lst in enumerate(hosts)},
            dict(enumerate(caps)),
        )
        solved = game.solve(optimal=optimal)
    assign = [-1] * len(prefs)
    for hospital, residents in solved.items():
        for r in residents:
            assign[r.name] = hospital.name
    return assign


def _usable(prefs: list[list[int]], hosts: list[list[int]]) -> bool:
    # ``matching`` needs every player to rank somebody.
    return bool(prefs) and all(prefs) and all(hosts)


@settings(max_examples=60, deadline=None)
@given(markets(max_applicants=25, max_hosts=6, max_capacity=4, reciprocal=True))
def test_it_matches_the_matching_package_on_random_instances(market_lists) -> None:
    prefs, hosts, caps = market_lists
    caps = [max(c, 1) for c in caps]
    assert _usable(prefs, hosts)
    ours_a = engine.stable_match(prefs, hosts, caps).assignment.tolist()
    ours_h = engine.stable_match(prefs, hosts, caps, proposing="hosts").assignment.tolist()
    assert ours_a == _reference(prefs, hosts, caps, "resident")
    assert ours_h == _reference(prefs, hosts, caps, "hospital")


def test_it_matches_the_matching_package_on_a_larger_skewed_instance() -> None:
    rng = np.random.default_rng(2024)
    n, m, k = 300, 30, 6
    weight = rng.lognormal(0, 1, m)
    prefs = [
        rng.choice(m, size=k, replace=False, p=weight / weight.sum()).tolist() for _ in range(n)
    ]
    hosts = []
    for h in range(m):
        cands = [a for a in range(n) if h in prefs[a]]
        hosts.append(rng.permutation(cands).tolist())
    caps = (1 + rng.multinomial(int(1.1 * n) - m, np.full(m, 1 / m))).tolist()
    if not _usable(prefs, hosts):
        pytest.skip("a host nobody listed")
    for side, optimal in (("applicants", "resident"), ("hosts", "hospital")):
        ours = engine.stable_match(prefs, hosts, caps, proposing=side).assignment.tolist()  # type: ignore[arg-type]
        assert ours == _reference(prefs, hosts, caps, optimal)
