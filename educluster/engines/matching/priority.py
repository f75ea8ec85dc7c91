"""Hosts' rankings computed from a priority rule, ties broken by one seeded lottery.

Single tie-breaking: one random permutation of the applicants is drawn and shared by every host,
which (unlike a separate lottery per host) avoids needless instability-driven inefficiency
(Abdulkadiroğlu & Sönmez 2003, "School choice: a mechanism design approach", AER 93(3);
Abdulkadiroğlu, Pathak & Roth 2009, "Strategy-proofness versus efficiency in matching with
indifferences", AER 99(5)).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .market import PreferencesLike, as_csr
from .types import IntArray, MatchingInputError, PairRanks


def lottery(n_applicants: int, seed: int) -> IntArray:
    """Lottery number of every applicant (a permutation of ``0..n-1``; lower wins).

    Drawn once from ``numpy.random.default_rng(seed)`` so the same seed always gives the same
    numbers; every host uses the same numbers (single tie-breaking).

    >>> sorted(lottery(4, seed=7).tolist())
    [0, 1, 2, 3]
    """
    return np.random.default_rng(seed).permutation(n_applicants).astype(np.int64)


def _per_applicant(values: npt.ArrayLike | None, n: int, what: str) -> npt.NDArray[np.float64]:
    arr = np.asarray(values, dtype=np.float64)
    if arr.shape != (n,):
        raise MatchingInputError(
            "length_mismatch",
            f"The {what} has {arr.size} values but there are {n} applicants.",
            field=what,
        )
    return arr


def priority_rankings(
    preferences: PreferencesLike,
    n_hosts: int,
    *,
    seed: int,
    grade_average: npt.ArrayLike,
    targeted_host: npt.ArrayLike | None = None,
    applicant_district: npt.ArrayLike | None = None,
    host_district: npt.ArrayLike | None = None,
) -> PairRanks:
    """Hosts' rankings by the default admission priority rule, as :class:`PairRanks`.

    Every host ranks the applicants who listed it by, in order:

    1. a targeted-training contract with this host (``targeted_host[a] == h``; ``-1`` = none);
    2. residence in the host's district (``applicant_district[a] == host_district[h]``);
    3. grade average, higher first (a missing ``nan`` grade counts as the lowest);
    4. the seeded lottery (:func:`lottery`), one draw shared by all hosts.

    The rank value is ``class * n + position`` where ``class`` (0-3) encodes criteria 1-2 and
    ``position`` is the applicant's place in the single order by grade then lottery, so ranks are
    strict and the national case costs one sort of the applicants, not of the pairs.

    >>> ranks = priority_rankings([[0], [0], [0]], 1, seed=1, grade_average=[3.0, 4.5, 3.0],
    ...                           targeted_host=[-1, -1, 0])
    >>> int(np.argmin(ranks.values)), int(np.argmax(ranks.values)) in (0, 1)
    (2, True)
    """
    prefs = as_csr(preferences, "preferences")
    n = prefs.n_rows
    grade = _per_applicant(grade_average, n, "grade average")
    grade = np.where(np.isnan(grade), -np.inf, grade)
    draw = lottery(n, seed)
    order = np.lexsort((draw, -grade))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n, dtype=np.int64)
    apps = np.repeat(np.arange(n, dtype=np.int64), np.diff(prefs.indptr))
    hosts = prefs.indices
    klass = np.zeros(len(hosts), dtype=np.int64)
    if targeted_host is not None:
        target = _per_applicant(targeted_host, n, "targeted host").astype(np.int64)
        klass += 2 * (target[apps] != hosts)
    if applicant_district is not None or host_district is not None:
        if applicant_district is None or host_district is None:
            raise MatchingInputError(
                "bad_structure",
                "Residence priority needs both the applicants' and the hosts' districts.",
                field="district",
            )
        a_dist = _per_applicant(applicant_district, n, "applicant district")
        h_dist = np.asarray(host_district, dtype=np.float64)
        if h_dist.shape != (n_hosts,):
            raise MatchingInputError(
                "length_mismatch",
                f"The host district has {h_dist.size} values but there are {n_hosts} hosts.",
                field="host district",
            )
        klass += a_dist[apps] != h_dist[hosts]
    return PairRanks(klass * max(n, 1) + position[apps])


def rank_by_criteria(
    preferences: PreferencesLike, criteria: Sequence[npt.ArrayLike], *, seed: int
) -> PairRanks:
    """Hosts' rankings from any criteria given per preference entry, as :class:`PairRanks`.

    ``criteria[0]`` is compared first; lower values are better (negate "higher is better"
    figures); equal values fall through to the next criterion and finally to the seeded lottery
    shared by all hosts. Each array is aligned with the preference entries.

    >>> rank_by_criteria([[0], [0]], [[1, 0]], seed=3).values.tolist()
    [1, 0]
    """
    prefs = as_csr(preferences, "preferences")
    n = prefs.n_rows
    nnz = len(prefs.indices)
    keys = []
    for i, c in enumerate(criteria):
        arr = np.asarray(c, dtype=np.float64)
        if arr.shape != (nnz,):
            raise MatchingInputError(
                "length_mismatch",
                f"Criterion {i} has {arr.size} values but the preferences have {nnz} entries.",
                field="criteria",
            )
        keys.append(arr)
    apps = np.repeat(np.arange(n, dtype=np.int64), np.diff(prefs.indptr))
    draw = lottery(n, seed)[apps]
    order = np.lexsort((draw, *reversed(keys)))
    ranks = np.empty(nnz, dtype=np.int64)
    ranks[order] = np.arange(nnz, dtype=np.int64)
    return PairRanks(ranks)
