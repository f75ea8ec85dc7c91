"""The packed kernels (32-bit halves of one int64) give exactly what the plain ones give."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.matching import CSR, _kernels, build_market, deferred_acceptance
from educluster.engines.matching._kernels import ro

from ._support import markets


def _join_inputs(prefs, hosts, n, m, eligible):
    p = CSR.from_lists(prefs)
    h = CSR.from_lists(hosts)
    status = np.where(eligible[: len(p.indices)], 0, 9).astype(np.int8)
    return ro(p.indptr), ro(p.indices), status, ro(h.indptr), ro(h.indices), n, m


@settings(max_examples=80, deadline=None)
@given(markets(max_applicants=12, max_hosts=5, max_capacity=3), st.randoms())
def test_it_joins_host_lists_like_the_plain_kernel(market, rnd):
    prefs, hosts, _ = market
    n, m = len(prefs), len(hosts)
    eligible = np.array([rnd.random() < 0.8 for _ in range(sum(map(len, prefs)))], dtype=bool)
    plain_in = _join_inputs(prefs, hosts, n, m, eligible)
    packed_in = _join_inputs(prefs, hosts, n, m, eligible)
    plain = _kernels.host_side_from_lists(*plain_in)
    packed = _kernels.host_side_from_lists_packed(*packed_in)
    for a, b in zip(plain, packed, strict=True):
        assert np.array_equal(a, b)
    assert np.array_equal(plain_in[2], packed_in[2])  # the statuses it updates


@settings(max_examples=80, deadline=None)
@given(markets(max_applicants=15, max_hosts=5, max_capacity=4))
def test_it_runs_deferred_acceptance_like_the_plain_kernel(market):
    prefs, hosts, caps = market
    built = build_market(prefs, hosts, caps)
    cap = ro(np.minimum(built.capacities, np.diff(built.host_indptr)))
    args = (built.pref_indptr, built.pref_hosts, built.pair_rank, cap, built.n_hosts)
    plain = _kernels.da_applicants(*args)
    packed = _kernels.da_applicants_packed(*args)
    assert np.array_equal(plain[0], packed[0]) and np.array_equal(plain[1], packed[1])
    assert np.array_equal(deferred_acceptance(built).assignment, plain[0])


def test_it_matches_a_large_random_round_like_the_plain_kernels():
    rng = np.random.default_rng(5)
    n, m, k = 3_000, 300, 8
    prefs = np.stack([rng.choice(m, k, replace=False) for _ in range(n)])
    hosts = [list(rng.permutation(np.flatnonzero((prefs == h).any(axis=1)))) for h in range(m)]
    caps = rng.integers(0, 15, m)
    built = build_market(prefs, hosts, caps)
    cap = ro(np.minimum(built.capacities, np.diff(built.host_indptr)))
    args = (built.pref_indptr, built.pref_hosts, built.pair_rank, cap, built.n_hosts)
    assert np.array_equal(_kernels.da_applicants(*args)[0], _kernels.da_applicants_packed(*args)[0])
