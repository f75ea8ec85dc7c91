"""Checker: validity problems and blocking pairs of any assignment (ours, imported or edited).

A pair (a, h) *blocks* an assignment when both find each other acceptable, ``a`` is unmatched or
lists ``h`` above their host, and ``h`` has a free seat or admitted someone it ranks below ``a``
(Gale & Shapley 1962; Roth & Sotomayor 1990, def. 5.3). An assignment is stable when it is valid
(individually rational, within capacities) and has no blocking pair.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .types import CheckReport, Market, MatchingInputError, PairStatus, Problem

_REASON_TEXT = {
    PairStatus.INELIGIBLE_SUBJECT: "the subject does not match",
    PairStatus.INELIGIBLE_LANGUAGE: "the language of instruction does not match",
    PairStatus.INELIGIBLE_DISTANCE: "the host is too far away",
    PairStatus.INELIGIBLE_OTHER: "the pair was excluded",
}


def check_matching(market: Market, assignment: npt.ArrayLike) -> CheckReport:
    """Every validity problem and every blocking pair of ``assignment`` in ``market``.

    ``assignment[a]`` is applicant ``a``'s host or ``-1``. Problem codes: ``unknown_host``,
    ``not_ranked_by_applicant``, ``not_ranked_by_host``, ``ineligible_subject``,
    ``ineligible_language``, ``ineligible_distance``, ``ineligible_other`` and
    ``capacity_exceeded``. Blocking pairs are returned as ``(applicant, host)`` rows ordered by
    applicant and then by the applicant's list; they are not computed (``stability_checked`` is
    ``False``) when hosts do not rank. Vectorised, O(pairs).

    >>> from educluster.engines.matching import build_market
    >>> m = build_market([[0, 1], [1, 0]], [[1, 0], [0, 1]], [1, 1])
    >>> check_matching(m, [1, 0]).is_stable, check_matching(m, [-1, 0]).blocking_pairs.tolist()
    (True, [[0, 1], [1, 1]])
    """
    arr = np.asarray(assignment)
    if arr.shape != (market.n_applicants,):
        raise MatchingInputError(
            "length_mismatch",
            f"The assignment has {arr.size} entries but there are {market.n_applicants} "
            "applicants.",
            field="assignment",
        )
    if arr.size and arr.dtype.kind not in "iu":
        raise MatchingInputError(
            "bad_structure", "The assignment must contain host ids (integers).", field="assignment"
        )
    assign = arr.astype(np.int64)
    m = market.n_hosts
    problems: list[Problem] = []
    unknown = (assign < -1) | (assign >= m)
    for a in np.flatnonzero(unknown).tolist():
        h = int(assign[a])
        problems.append(
            Problem(
                "unknown_host", f"Applicant {a} is matched to host {h}, which does not exist.", a, h
            )
        )
    assign = np.where(unknown, -1, assign)
    matched = assign >= 0

    apps = market.entry_applicant
    here = assign[apps] == market.pref_hosts
    entry = np.full(market.n_applicants, -1, dtype=np.int64)
    hit = np.flatnonzero(here)
    entry[apps[hit]] = hit
    status = np.full(market.n_applicants, -1, dtype=np.int64)
    status[entry >= 0] = market.pair_status[entry[entry >= 0]]
    for a in np.flatnonzero(matched & (status != PairStatus.ACCEPTABLE)).tolist():
        problems.append(_pair_problem(a, int(assign[a]), int(status[a])))
    acceptable = matched & (status == PairStatus.ACCEPTABLE)

    counts = np.bincount(assign[matched], minlength=m)
    for h in np.flatnonzero(counts > market.capacities).tolist():
        problems.append(
            Problem(
                "capacity_exceeded",
                f"Host {h} admits {int(counts[h])} applicants but has {int(market.capacities[h])} "
                "seats.",
                None,
                h,
            )
        )
    if not market.has_host_rankings:
        return CheckReport(tuple(problems), np.zeros((0, 2), dtype=np.int64), False)

    big = np.iinfo(np.int64).max
    # An applicant holding an unacceptable host prefers every acceptable one, and a host holding an
    # unacceptable applicant prefers every acceptable one: both count as "worse than anything".
    held_entry = np.where(acceptable, entry, big)
    worst = np.full(m, -1, dtype=np.int64)
    np.maximum.at(worst, assign[acceptable], market.pair_rank[entry[acceptable]])
    bad_hosts = assign[matched & ~acceptable]
    worst[bad_hosts] = big
    free = counts < market.capacities
    k = np.arange(market.n_pairs, dtype=np.int64)
    hosts = market.pref_hosts
    block = (
        (market.pair_status == PairStatus.ACCEPTABLE)
        & (k < held_entry[apps])
        & (free[hosts] | (market.pair_rank < worst[hosts]))
    )
    pairs = np.stack([apps[block], hosts[block]], axis=1).astype(np.int64)
    return CheckReport(tuple(problems), pairs, True)


def _pair_problem(a: int, h: int, status: int) -> Problem:
    if status < 0:
        return Problem(
            "not_ranked_by_applicant",
            f"Applicant {a} is matched to host {h}, which they did not rank.",
            a,
            h,
        )
    reason = PairStatus(status)
    if reason == PairStatus.NOT_RANKED_BY_HOST:
        return Problem(
            "not_ranked_by_host",
            f"Applicant {a} is matched to host {h}, which does not rank them.",
            a,
            h,
        )
    return Problem(
        reason.code,
        f"Applicant {a} is matched to host {h} but is not eligible: {_REASON_TEXT[reason]}.",
        a,
        h,
    )
