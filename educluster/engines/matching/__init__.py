"""Matching engine: stable matching of applicants to hosts with capacities (pure Python + NumPy).

* :func:`build_market` validates inputs and removes unacceptable and ineligible pairs;
* :func:`deferred_acceptance` / :func:`stable_match` give the applicant-optimal or host-optimal
  stable matching (Gale & Shapley 1962; Roth & Sotomayor 1990);
* :func:`priority_rankings` / :func:`rank_by_criteria` compute hosts' rankings from a priority
  rule with one seeded lottery for ties (Abdulkadiroğlu & Sönmez 2003);
* :func:`eligibility_status` applies subject, language and distance constraints;
* :func:`check_matching` lists validity problems and blocking pairs;
* :func:`explain` answers "why not my first choice" with host cut-offs;
* :func:`optimal_assignment` minimises total rank or distance by min-cost flow (not stable).

Inner loops are compiled with Numba when it is installed (``HAVE_NUMBA``).
"""

from ._kernels import HAVE_NUMBA
from .check import check_matching
from .deferred_acceptance import deferred_acceptance, stable_match
from .eligibility import eligibility_status, haversine_km
from .explain import explain, explain_applicant
from .market import build_market
from .optimal import optimal_assignment
from .priority import lottery, priority_rankings, rank_by_criteria
from .types import (
    CSR,
    CheckReport,
    Explanation,
    HigherChoice,
    Market,
    MatchingInputError,
    MatchKind,
    MatchResult,
    MatchStats,
    PairRanks,
    PairStatus,
    Problem,
)

__all__ = [
    "CSR",
    "HAVE_NUMBA",
    "CheckReport",
    "Explanation",
    "HigherChoice",
    "Market",
    "MatchKind",
    "MatchResult",
    "MatchStats",
    "MatchingInputError",
    "PairRanks",
    "PairStatus",
    "Problem",
    "build_market",
    "check_matching",
    "deferred_acceptance",
    "eligibility_status",
    "explain",
    "explain_applicant",
    "haversine_km",
    "lottery",
    "optimal_assignment",
    "priority_rankings",
    "rank_by_criteria",
    "stable_match",
]
