"""The adapter between a round's rows and the matching engine.

Rows become integer-id arrays (engine applicant ``i`` is the ``i``-th applicant by primary key,
host ``j`` the ``j``-th host), the engine matches, and its result comes back as rows. Loading
reads plain tuples (no model instances) and storing writes in bulk, so a round of 20,000
applicants loads and stores in seconds (see ``bench/bench_placements_db.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
from django.utils.translation import gettext as _

from educluster.core.text import fold
from educluster.engines.matching import (
    CSR,
    Explanation,
    Market,
    MatchingInputError,
    MatchResult,
    PairRanks,
    build_market,
    check_matching,
    deferred_acceptance,
    eligibility_status,
    explain,
    haversine_km,
    optimal_assignment,
    rank_by_criteria,
)
from educluster.placements.models import (
    Applicant,
    Host,
    HostRanking,
    PlacementRound,
    Preference,
)
from educluster.placements.services.storage import HostFigures, ResultRow

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass
class RoundInput:
    """A round as arrays. ``*_ids`` map engine indices back to primary keys."""

    applicant_ids: Ints
    host_ids: Ints
    preferences: CSR
    capacities: Ints
    host_rankings: PairRanks | None
    eligibility: npt.NDArray[np.int8] | None
    distance_km: Floats | None
    host_district: Ints = field(default_factory=lambda: np.zeros(0, np.int64))
    host_subject: list[str] = field(default_factory=list)

    @property
    def n_applicants(self) -> int:
        return len(self.applicant_ids)

    @property
    def n_hosts(self) -> int:
        return len(self.host_ids)


@dataclass
class RoundOutcome:
    market: Market
    result: MatchResult
    explanations: tuple[Explanation, ...]
    blocking_pairs: int


def _float(value: Decimal | float | None) -> float:
    return float("nan") if value is None else float(value)


def _index(sorted_ids: Ints, ids: Ints, missing: int) -> Ints:
    """Position of each id in ``sorted_ids``; ``missing`` where it is not there."""
    if len(sorted_ids) == 0:
        return np.full(len(ids), missing, dtype=np.int64)
    pos = np.searchsorted(sorted_ids, ids)
    pos_clipped = np.minimum(pos, len(sorted_ids) - 1)
    return np.where(sorted_ids[pos_clipped] == ids, pos_clipped, missing).astype(np.int64)


def load_round_input(rnd: PlacementRound) -> RoundInput:
    """Read a round's hosts, applicants, preferences and rankings as engine arrays."""
    hosts = list(
        Host.objects.filter(round=rnd)
        .order_by("pk")
        .values_list(
            "pk",
            "capacity",
            "ranking",
            "subject",
            "language_id",
            "institution__district_id",
            "institution__latitude",
            "institution__longitude",
        )
    )
    applicants = list(
        Applicant.objects.filter(round=rnd)
        .order_by("pk")
        .values_list(
            "pk",
            "specialty",
            "district_id",
            "grade_average",
            "targeted_district_id",
            "home_latitude",
            "home_longitude",
        )
    )
    host_ids = np.array([h[0] for h in hosts], dtype=np.int64)
    app_ids = np.array([a[0] for a in applicants], dtype=np.int64)
    n, m = len(app_ids), len(host_ids)
    pref_rows = np.array(
        Preference.objects.filter(applicant__round=rnd)
        .order_by("applicant_id", "position")
        .values_list("applicant_id", "host_id"),
        dtype=np.int64,
    ).reshape(-1, 2)
    pref_app = _index(app_ids, pref_rows[:, 0], -1)
    known = pref_app >= 0
    pref_app = pref_app[known]
    # A host of another round maps to id m, which the engine reports as an unknown host.
    pref_host = _index(host_ids, pref_rows[known, 1], m)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(pref_app, minlength=n), out=indptr[1:])
    prefs = CSR(indptr, pref_host)

    capacities = np.array([h[1] for h in hosts], dtype=np.int64)
    host_district = np.array([h[5] for h in hosts], dtype=np.int64)
    app_district = np.array([a[2] or -1 for a in applicants], dtype=np.int64)
    targeted = np.array([a[4] or -1 for a in applicants], dtype=np.int64)
    grade = np.array([_float(a[3]) for a in applicants], dtype=np.float64)

    entry_app = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    valid_host = pref_host < m
    safe_host = np.where(valid_host, pref_host, 0)

    rankings: PairRanks | None = None
    if rnd.method == PlacementRound.Method.STABLE and m:
        rankings = _host_rankings(
            rnd,
            prefs,
            entry_app,
            safe_host,
            hosts,
            host_ids,
            app_ids,
            host_district,
            app_district,
            targeted,
            grade,
        )

    distance = None
    if rnd.max_distance_km is not None or rnd.method == PlacementRound.Method.MIN_DISTANCE:
        distance = _distances(applicants, hosts, entry_app, safe_host)

    eligibility = None
    if m and n and valid_host.all():
        eligibility = _eligibility(rnd, prefs, hosts, applicants, app_ids, distance)
    return RoundInput(
        applicant_ids=app_ids,
        host_ids=host_ids,
        preferences=prefs,
        capacities=capacities,
        host_rankings=rankings,
        eligibility=eligibility,
        distance_km=distance,
        host_district=host_district,
        host_subject=[h[3] for h in hosts],
    )


def _host_rankings(
    rnd: PlacementRound,
    prefs: CSR,
    entry_app: Ints,
    entry_host: Ints,
    hosts: list[tuple[Any, ...]],
    host_ids: Ints,
    app_ids: Ints,
    host_district: Ints,
    app_district: Ints,
    targeted: Ints,
    grade: Floats,
) -> PairRanks:
    """The priority rule for every host, replaced by the host's own ranking where it has one.

    Priority: a targeted-training contract for the host's district, then residence in the
    district, then the higher grade average, then the round's seeded lottery (one draw shared
    by all hosts). Ranks are compared only within a host, so the two kinds can be mixed.
    """
    n = len(app_ids)
    h_district = host_district[entry_host]
    contract = (targeted[entry_app] != h_district).astype(np.float64)
    residence = (app_district[entry_app] != h_district).astype(np.float64)
    worse_grade = np.where(np.isnan(grade), np.inf, -grade)[entry_app]
    ranks = rank_by_criteria(
        prefs, [contract, residence, worse_grade], seed=int(rnd.lottery_seed)
    ).values.copy()
    explicit = np.array([h[2] == Host.Ranking.EXPLICIT for h in hosts], dtype=bool)
    if explicit.any():
        rows = np.array(
            HostRanking.objects.filter(
                host__round=rnd, host__ranking=Host.Ranking.EXPLICIT
            ).values_list("host_id", "applicant_id", "position"),
            dtype=np.int64,
        ).reshape(-1, 3)
        r_host = _index(host_ids, rows[:, 0], -1)
        r_app = _index(app_ids, rows[:, 1], -1)
        ok = (r_host >= 0) & (r_app >= 0)
        keys = r_host[ok] * max(n, 1) + r_app[ok]
        order = np.argsort(keys)
        keys, positions = keys[order], rows[ok, 2][order] - 1
        on_explicit = explicit[entry_host]
        probe = entry_host * max(n, 1) + entry_app
        found = _index(keys, probe, -1)
        ranks = np.where(on_explicit, np.where(found >= 0, positions[found], -1), ranks)
    return PairRanks(ranks)


def _distances(
    applicants: list[tuple[Any, ...]],
    hosts: list[tuple[Any, ...]],
    entry_app: Ints,
    entry_host: Ints,
) -> Floats:
    """Travel distance of every listed pair; 0 where a coordinate is unknown (not excluded)."""
    a_lat = np.array([_float(a[5]) for a in applicants])
    a_lon = np.array([_float(a[6]) for a in applicants])
    h_lat = np.array([_float(h[6]) for h in hosts])
    h_lon = np.array([_float(h[7]) for h in hosts])
    if not len(entry_app):
        return np.zeros(0)
    dist = haversine_km(a_lat[entry_app], a_lon[entry_app], h_lat[entry_host], h_lon[entry_host])
    return np.where(np.isfinite(dist), dist, 0.0)


def _eligibility(
    rnd: PlacementRound,
    prefs: CSR,
    hosts: list[tuple[Any, ...]],
    applicants: list[tuple[Any, ...]],
    app_ids: Ints,
    distance: Floats | None,
) -> npt.NDArray[np.int8] | None:
    """Subject, language and distance constraints through the engine's eligibility check.

    A host without a subject takes every specialty and one without a language every
    applicant; an applicant who lists no language is not restricted by language.
    """
    m = len(hosts)
    kwargs: dict[str, Any] = {}
    if rnd.check_subject and any(h[3] for h in hosts):
        codes: dict[str, int] = {}
        for text in [h[3] for h in hosts] + [a[1] for a in applicants]:
            if text:
                codes.setdefault(fold(text), len(codes) + 1)
        everything = [0, *codes.values()]
        kwargs["applicant_subject"] = np.array(
            [codes[fold(a[1])] if a[1] else 0 for a in applicants], dtype=np.int64
        )
        kwargs["host_subjects"] = [[codes[fold(h[3])]] if h[3] else everything for h in hosts]
    if rnd.check_language and any(h[4] for h in hosts):
        spoken: dict[int, list[int]] = {}
        for applicant_id, language_id in Applicant.languages.through.objects.filter(
            applicant__round=rnd
        ).values_list("applicant_id", "language_id"):
            spoken.setdefault(applicant_id, []).append(language_id)
        all_languages = sorted({h[4] for h in hosts if h[4]} | {0})
        kwargs["host_language"] = np.array([h[4] or 0 for h in hosts], dtype=np.int64)
        kwargs["applicant_languages"] = [
            [0, *spoken[int(a)]] if int(a) in spoken else all_languages for a in app_ids
        ]
    if rnd.max_distance_km is not None and distance is not None:
        kwargs["distance_km"] = distance
        kwargs["max_distance_km"] = float(rnd.max_distance_km)
    if not kwargs:
        return None
    return eligibility_status(prefs, m, **kwargs)


def solve(rnd: PlacementRound, data: RoundInput) -> RoundOutcome:
    """Run the round's method on its arrays. Raises :class:`MatchingInputError` on bad input."""
    market = build_market(
        data.preferences, data.host_rankings, data.capacities, eligibility=data.eligibility
    )
    if rnd.method == PlacementRound.Method.STABLE:
        result = deferred_acceptance(market)
    elif rnd.method == PlacementRound.Method.MIN_DISTANCE:
        result = optimal_assignment(market, objective="distance", distance_km=data.distance_km)
    else:
        result = optimal_assignment(market, objective="rank")
    report = check_matching(market, result.assignment)
    return RoundOutcome(
        market=market,
        result=result,
        explanations=explain(market, result),
        blocking_pairs=len(report.blocking_pairs),
    )


def _one_based(value: int) -> int | None:
    return value + 1 if value >= 0 else None


def result_rows(data: RoundInput, outcome: RoundOutcome) -> list[ResultRow]:
    """One row per applicant: (applicant id, host id, choice, host rank, explanation), with the
    explanation's hosts as primary keys and every position and rank 1-based."""
    host_ids = data.host_ids.tolist()
    rows: list[ResultRow] = []
    for e, applicant_id in zip(outcome.explanations, data.applicant_ids.tolist(), strict=True):
        rows.append(
            (
                applicant_id,
                host_ids[e.host] if e.host >= 0 else None,
                _one_based(e.choice_position),
                _one_based(e.host_rank),
                [
                    {
                        "host": host_ids[c.host],
                        "position": c.choice_position + 1,
                        "reason": c.reason,
                        "rank": _one_based(c.applicant_rank),
                        "cutoff": _one_based(c.cutoff),
                        "capacity": c.capacity,
                        "admitted": c.admitted,
                    }
                    for c in e.higher_choices
                ],
            )
        )
    return rows


def host_figures(data: RoundInput, outcome: RoundOutcome) -> list[HostFigures]:
    """(host id, admitted, 1-based cut-off or None) for every host."""
    result = outcome.result
    counts = np.diff(result.admitted_indptr).tolist()
    cutoffs = result.host_cutoff.tolist()
    return [
        (pk, count, _one_based(cut))
        for pk, count, cut in zip(data.host_ids.tolist(), counts, cutoffs, strict=True)
    ]


def run_statistics(rnd: PlacementRound, data: RoundInput, outcome: RoundOutcome) -> dict:
    """The figures stored with a run: shares, seats, and how far down the lists people got."""
    result = outcome.result
    stats = result.stats
    choice = result.choice_position
    histogram = np.bincount(choice[choice >= 0], minlength=1).tolist()
    return {
        "method": rnd.method,
        "stable": bool(result.stable),
        "applicants": stats.n_applicants,
        "matched": stats.n_matched,
        "unmatched": stats.n_applicants - stats.n_matched,
        "share_matched": stats.share_matched,
        "share_first_choice": stats.share_first_choice,
        "share_top3": stats.share_top3,
        "mean_choice": stats.mean_choice_position + 1 if stats.n_matched else None,
        "seats": stats.seats,
        "seats_filled": stats.seats_filled,
        "seats_unfilled": stats.seats - stats.seats_filled,
        "blocking_pairs": outcome.blocking_pairs,
        "pairs": int(outcome.market.n_pairs),
        "eligible_pairs": int((outcome.market.pair_status == 0).sum()),
        "choice_histogram": histogram,
        "total_cost": result.total_cost,
    }


def _applicant_name(data: RoundInput, index: int | None) -> str:
    if index is None or not 0 <= index < data.n_applicants:
        return _("an applicant")
    applicant = (
        Applicant.objects.select_related("person").filter(pk=int(data.applicant_ids[index])).first()
    )
    return applicant.person.full_name if applicant else _("an applicant")


def _host_name(data: RoundInput, index: int | None) -> str:
    if index is None or not 0 <= index < data.n_hosts:
        return _("a host")
    host = Host.objects.select_related("institution").filter(pk=int(data.host_ids[index])).first()
    return str(host) if host else _("a host")


def engine_error_message(error: MatchingInputError, data: RoundInput) -> str:
    """The engine's error as a plain sentence in the active language, naming the rows."""
    names = {
        "applicant": _applicant_name(data, error.applicant),
        "other": _applicant_name(data, error.other_applicant),
        "host": _host_name(data, error.host),
    }
    sentences = {
        "unknown_host": _("%(applicant)s ranks a host that is not part of this round."),
        "duplicate_choice": _("%(applicant)s ranks %(host)s twice."),
        "negative_capacity": _("%(host)s has a number of seats below zero."),
        "unknown_applicant": _("%(host)s ranks an applicant who is not part of this round."),
        "duplicate_ranked_applicant": _("%(host)s ranks %(applicant)s twice."),
        "tied_ranks": _("%(host)s gives %(applicant)s and %(other)s the same rank."),
        "invalid_rank": _("%(host)s gives %(applicant)s a rank that is not a whole number."),
        "missing_host_rankings": _("Stable matching needs the hosts' rankings."),
        "cost_overflow": _("The distances are too large to optimise; check the coordinates."),
    }
    sentence = sentences.get(
        error.code, _("The round's data cannot be matched (engine code “%(code)s”).")
    )
    return sentence % {**names, "code": error.code}


def explanation_hosts(explanations: Iterable[dict]) -> set[int]:
    """Primary keys of the hosts named in stored explanations."""
    return {int(item["host"]) for item in explanations}
