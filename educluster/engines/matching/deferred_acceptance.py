"""Many-to-one deferred acceptance: the applicant-optimal and the host-optimal stable matching.

References: D. Gale and L. S. Shapley, "College admissions and the stability of marriage",
American Mathematical Monthly 69 (1962) 9-15; A. E. Roth and M. Sotomayor, *Two-Sided Matching*
(Cambridge University Press, 1990), ch. 5; D. G. McVitie and L. B. Wilson, "The stable marriage
problem", CACM 14 (1971) 486-490 (one proposal at a time, the order does not change the result).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from . import _kernels
from ._kernels import ro
from .market import HostRankingsLike, PreferencesLike, build_market, make_result
from .types import Market, MatchingInputError, MatchKind, MatchResult

Proposing = Literal["applicants", "hosts"]


def deferred_acceptance(market: Market, *, proposing: Proposing = "applicants") -> MatchResult:
    """Stable matching of ``market`` by deferred acceptance.

    ``proposing="applicants"``: applicants propose down their lists and each host tentatively
    holds the best applicants up to its capacity, rejecting the rest; the result is the
    applicant-optimal stable matching, which every applicant weakly prefers to any other stable
    matching and which is strategy-proof for applicants (Gale & Shapley 1962; Roth 1982;
    Roth & Sotomayor 1990, thm 5.16). ``proposing="hosts"``: hosts offer their free seats down
    their rankings and applicants hold their best offer; the result is the host-optimal stable
    matching (Roth & Sotomayor 1990, ch. 5). Both run in O(pairs * log capacity).

    Two applicants and two hosts who disagree: each side gets its first choice when it proposes.

    >>> m = build_market([[0, 1], [1, 0]], [[1, 0], [0, 1]], [1, 1])
    >>> deferred_acceptance(m).assignment.tolist()
    [0, 1]
    >>> deferred_acceptance(m, proposing="hosts").assignment.tolist()
    [1, 0]
    """
    if not market.has_host_rankings:
        raise MatchingInputError(
            "missing_host_rankings",
            "Deferred acceptance needs host rankings; "
            "use optimal_assignment when hosts do not rank.",
            field="host_rankings",
        )
    if proposing == "applicants":
        effective = np.minimum(market.capacities, np.diff(market.host_indptr))
        kernel = (
            _kernels.da_applicants_packed
            if max(market.n_pairs, market.n_applicants) < _kernels.PACK_LIMIT
            else _kernels.da_applicants
        )
        assign, entry = kernel(
            market.pref_indptr,
            market.pref_hosts,
            market.pair_rank,
            ro(effective),
            market.n_hosts,
        )
        kind = MatchKind.APPLICANT_OPTIMAL_STABLE
    elif proposing == "hosts":
        assign, entry = _kernels.da_hosts(
            market.host_indptr,
            market.host_applicants,
            market.host_entry,
            market.capacities,
            market.n_applicants,
        )
        kind = MatchKind.HOST_OPTIMAL_STABLE
    else:
        raise MatchingInputError(
            "bad_option", f"The proposing side must be 'applicants' or 'hosts', not {proposing!r}."
        )
    return make_result(market, assign, entry, kind=kind, stable=True)


def stable_match(
    preferences: PreferencesLike,
    host_rankings: HostRankingsLike,
    capacities: npt.ArrayLike,
    *,
    proposing: Proposing = "applicants",
    eligibility: npt.ArrayLike | None = None,
) -> MatchResult:
    """Build the market (:func:`build_market`) and run :func:`deferred_acceptance` in one call.

    Gale & Shapley's (1962) college-admissions example in miniature: two colleges with one seat
    each, three applicants.

    >>> stable_match([[0, 1], [1, 0], [0]], [[2, 0, 1], [0, 1]], [1, 1]).as_dict()
    {0: 1, 1: None, 2: 0}
    """
    market = build_market(preferences, host_rankings, capacities, eligibility=eligibility)
    return deferred_acceptance(market, proposing=proposing)
