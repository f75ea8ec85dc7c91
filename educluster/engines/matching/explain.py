"""Explanations: "why not my first choice?" for every applicant.

For each host an applicant listed above their match, the answer is one of: the host filled its
seats with applicants it ranks higher (the applicant's host rank is worse than the host's
*cut-off*, the rank of the last applicant it admitted), the host has no seats, the host does not
rank the applicant, or the pair was ineligible. In a stable matching these are the only
possibilities: a host listed higher with a free seat, or with a cut-off below the applicant,
would form a blocking pair (Gale & Shapley 1962). Cut-offs are the "admission scores" of
Azevedo & Leshno (2016), "A supply and demand framework for two-sided matching markets", JPE 124.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .types import Explanation, HigherChoice, Market, MatchingInputError, MatchResult, PairStatus


def explain_applicant(market: Market, result: MatchResult, applicant: int) -> Explanation:
    """Explanation for one applicant: their host and every host they listed above it.

    Reason codes are those of :class:`HigherChoice`; for ``below_cutoff`` the applicant's rank at
    that host is always worse (greater) than the host's cut-off. For results that are not stable
    a higher host may have had room: its reason is then ``not_stable`` (or, when hosts do not
    rank, ``assigned_by_optimisation``).

    >>> from educluster.engines.matching import build_market, deferred_acceptance
    >>> m = build_market([[0, 1], [0]], [[1, 0], [0]], [1, 1])
    >>> e = explain_applicant(m, deferred_acceptance(m), 0)
    >>> e.host, [(c.host, c.reason, c.applicant_rank, c.cutoff) for c in e.higher_choices]
    (1, [(0, 'below_cutoff', 1, 0)])
    """
    if not 0 <= applicant < market.n_applicants:
        raise MatchingInputError(
            "unknown_applicant",
            f"Applicant {applicant} does not exist (there are {market.n_applicants} applicants).",
            applicant=applicant,
        )
    host = int(result.assignment[applicant])
    pos = int(result.choice_position[applicant])
    lo = int(market.pref_indptr[applicant])
    hi = lo + pos if host >= 0 else int(market.pref_indptr[applicant + 1])
    counts = np.diff(result.admitted_indptr)
    cutoffs = result.host_cutoff
    higher: list[HigherChoice] = []
    for k in range(lo, hi):
        g = int(market.pref_hosts[k])
        status = int(market.pair_status[k])
        rank = int(market.pair_rank[k])
        cap = int(market.capacities[g])
        admitted = int(counts[g])
        cutoff = int(cutoffs[g])
        if status != PairStatus.ACCEPTABLE:
            reason = PairStatus(status).code
        elif not market.has_host_rankings:
            reason = "assigned_by_optimisation"
        elif cap == 0:
            reason = "no_seats"
        elif admitted >= cap and rank > cutoff:
            reason = "below_cutoff"
        else:
            reason = "not_stable"
        higher.append(HigherChoice(g, k - lo, reason, rank, cutoff, cap, admitted))
    return Explanation(
        applicant=applicant,
        host=host,
        choice_position=pos,
        host_rank=int(result.host_rank[applicant]),
        higher_choices=tuple(higher),
    )


def explain(
    market: Market, result: MatchResult, applicants: Iterable[int] | None = None
) -> tuple[Explanation, ...]:
    """Explanations for ``applicants`` (default: everybody), see :func:`explain_applicant`.

    >>> from educluster.engines.matching import build_market, deferred_acceptance
    >>> m = build_market([[0], [0]], [[1, 0]], [1])
    >>> [e.host for e in explain(m, deferred_acceptance(m))]
    [-1, 0]
    """
    ids = range(market.n_applicants) if applicants is None else applicants
    return tuple(explain_applicant(market, result, int(a)) for a in ids)
