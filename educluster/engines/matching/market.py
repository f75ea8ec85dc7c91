"""Input validation and the :class:`Market` every algorithm of the engine works on.

A market is the set of (applicant, host) pairs that are *mutually acceptable*: the applicant
listed the host, the host ranks the applicant, and the pair passed the eligibility constraints.
Pairs the applicant listed but that were removed keep their reason (:class:`PairStatus`) so the
checker and the explanations can name it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from . import _kernels
from ._kernels import ro
from .types import (
    CSR,
    IntArray,
    Market,
    MatchingInputError,
    MatchKind,
    MatchResult,
    MatchStats,
    PairRanks,
    PairStatus,
    _frozen,
)

PreferencesLike = CSR | npt.NDArray[Any] | Sequence[Sequence[int]]
HostRankingsLike = (
    CSR | PairRanks | npt.NDArray[Any] | Sequence[Sequence[int]] | Sequence[Mapping[int, int]]
)

_NOT_INT = "must contain integers only"


def _int_array(values: Any, what: str, ndim: int = 1) -> IntArray:
    try:
        arr = np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise MatchingInputError("bad_structure", f"The {what} {_NOT_INT}.", field=what) from exc
    if arr.size == 0:
        return np.zeros(arr.shape if arr.ndim == ndim else (0,) * ndim, dtype=np.int64)
    if arr.ndim != ndim:
        raise MatchingInputError(
            "bad_structure", f"The {what} must be a {ndim}-dimensional array.", field=what
        )
    if arr.dtype.kind == "f" and np.all(np.isfinite(arr)) and np.all(arr == np.floor(arr)):
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise MatchingInputError("bad_structure", f"The {what} {_NOT_INT}.", field=what)
    return np.ascontiguousarray(arr, dtype=np.int64)


def _id_range(what: str, count: int) -> str:
    return f"there are no {what}s" if count == 0 else f"{what} ids run from 0 to {count - 1}"


def as_csr(rows: Any, what: str) -> CSR:
    """Validate a ragged list (CSR, list of lists, 2-D array of equal rows) as int64 CSR."""
    if isinstance(rows, np.ndarray) and rows.ndim == 2:
        n_rows, width = rows.shape
        rows = CSR(np.arange(n_rows + 1, dtype=np.int64) * width, rows.ravel())
    elif not isinstance(rows, CSR):
        rows = CSR.from_lists(rows)
    indptr = _int_array(rows.indptr, f"{what} indptr")
    indices = _int_array(rows.indices, f"{what} indices")
    if (
        len(indptr) == 0
        or indptr[0] != 0
        or indptr[-1] != len(indices)
        or np.any(np.diff(indptr) < 0)
    ):
        raise MatchingInputError(
            "bad_structure",
            f"The {what} indptr must start at 0, never decrease and end at the number of entries.",
            field=what,
        )
    return CSR(indptr, indices)


def validate_capacities(capacities: Any) -> IntArray:
    """Capacities as an int64 array; raise ``negative_capacity`` naming the first bad host."""
    cap = _int_array(capacities, "capacities")
    bad = np.flatnonzero(cap < 0)
    if len(bad):
        h = int(bad[0])
        raise MatchingInputError(
            "negative_capacity",
            f"Host {h} has a negative capacity ({int(cap[h])}).",
            host=h,
            field="capacities",
        )
    return cap


def validate_preferences(preferences: PreferencesLike, n_hosts: int) -> CSR:
    """Check applicants' lists: known hosts, no host listed twice."""
    prefs = as_csr(preferences, "preferences")
    code, a, h = _kernels.check_lists(ro(prefs.indptr), ro(prefs.indices), n_hosts)
    if code == 1:
        raise MatchingInputError(
            "unknown_host",
            f"Applicant {a} ranks host {h}, which does not exist ({_id_range('host', n_hosts)}).",
            applicant=int(a),
            host=int(h),
            field="preferences",
        )
    if code == 2:
        raise MatchingInputError(
            "duplicate_choice",
            f"Applicant {a} ranks host {h} twice.",
            applicant=int(a),
            host=int(h),
            field="preferences",
        )
    return prefs


def _validate_host_lists(lists: CSR, n_applicants: int, n_hosts: int) -> None:
    if lists.n_rows != n_hosts:
        raise MatchingInputError(
            "length_mismatch",
            f"There are {n_hosts} capacities but rankings for {lists.n_rows} hosts.",
            field="host_rankings",
        )
    code, h, a = _kernels.check_lists(ro(lists.indptr), ro(lists.indices), n_applicants)
    if code == 1:
        raise MatchingInputError(
            "unknown_applicant",
            f"Host {h} ranks applicant {a}, who does not exist "
            f"({_id_range('applicant', n_applicants)}).",
            applicant=int(a),
            host=int(h),
            field="host_rankings",
        )
    if code == 2:
        raise MatchingInputError(
            "duplicate_ranked_applicant",
            f"Host {h} ranks applicant {a} twice.",
            applicant=int(a),
            host=int(h),
            field="host_rankings",
        )


def _dict_ranks(dicts: Sequence[Mapping[int, int]], prefs: CSR, n_hosts: int) -> IntArray:
    """Raw rank of every preference entry from per-host ``{applicant: rank}`` dicts."""
    n = prefs.n_rows
    if len(dicts) != n_hosts:
        raise MatchingInputError(
            "length_mismatch",
            f"There are {n_hosts} capacities but rankings for {len(dicts)} hosts.",
            field="host_rankings",
        )
    for h, d in enumerate(dicts):
        for a, r in d.items():
            if not isinstance(a, int | np.integer) or isinstance(a, bool) or not 0 <= a < n:
                raise MatchingInputError(
                    "unknown_applicant",
                    f"Host {h} ranks applicant {a}, who does not exist "
                    f"({_id_range('applicant', n)}).",
                    applicant=int(a) if isinstance(a, int | np.integer) else None,
                    host=h,
                    field="host_rankings",
                )
            if not isinstance(r, int | np.integer) or isinstance(r, bool) or r < 0:
                raise MatchingInputError(
                    "invalid_rank",
                    f"Host {h} gives applicant {a} a rank that is not a whole number from 0 up.",
                    applicant=int(a),
                    host=h,
                    field="host_rankings",
                )
    hosts = prefs.indices.tolist()
    apps = np.repeat(np.arange(n), np.diff(prefs.indptr)).tolist()
    return np.fromiter(
        (dicts[h].get(a, -1) for h, a in zip(hosts, apps, strict=True)),
        dtype=np.int64,
        count=len(hosts),
    )


def _eligibility_status(eligibility: Any, nnz: int) -> npt.NDArray[np.int8]:
    if eligibility is None:
        return np.zeros(nnz, dtype=np.int8)
    arr = np.asarray(eligibility)
    if arr.ndim != 1 or len(arr) != nnz:
        raise MatchingInputError(
            "length_mismatch",
            f"The eligibility array has {arr.size} entries but the preferences have {nnz}.",
            field="eligibility",
        )
    if arr.dtype == np.bool_:
        return np.where(arr, 0, int(PairStatus.INELIGIBLE_OTHER)).astype(np.int8)
    codes = _int_array(arr, "eligibility")
    allowed = [0, *range(int(PairStatus.INELIGIBLE_SUBJECT), int(PairStatus.INELIGIBLE_OTHER) + 1)]
    if not np.all(np.isin(codes, allowed)):
        raise MatchingInputError(
            "bad_structure",
            "The eligibility codes must be 0 (eligible) or an ineligibility reason code.",
            field="eligibility",
        )
    return codes.astype(np.int8)


def build_market(
    preferences: PreferencesLike,
    host_rankings: HostRankingsLike | None,
    capacities: npt.ArrayLike,
    *,
    eligibility: npt.ArrayLike | None = None,
) -> Market:
    """Validate the inputs and build the market of mutually acceptable, eligible pairs.

    ``preferences``: applicant ``a``'s hosts, best first (list of lists, :class:`CSR`, or a 2-D
    array when everybody lists the same number of hosts).
    ``host_rankings``: each host's applicants best first (list of lists or :class:`CSR`), a 2-D
    rank matrix of shape ``(hosts, applicants)`` (negative = not ranked), a list of per-host dicts
    ``{applicant: rank}``, :class:`PairRanks` aligned with the preference entries, or ``None``
    when hosts do not rank (then only :func:`optimal_assignment` applies). Lower rank is better.
    ``capacities``: seats per host. ``eligibility``: optional array aligned with the preference
    entries, boolean (``True`` = eligible) or reason codes from :func:`eligibility_status`.
    Ineligible pairs and pairs the host does not rank leave the market (Roth & Sotomayor 1990,
    ch. 5: matching with unacceptable partners); applicants a host ranks but who did not list it
    are ignored. Linear time apart from sorting explicit rank values. The market keeps its own
    read-only copies of the preference arrays and capacities.

    >>> m = build_market([[0, 1], [0]], [[1, 0], [1]], [1, 1])
    >>> m.pair_rank.tolist(), m.pair_status.tolist()
    ([1, -1, 0], [0, 1, 0])
    """
    cap = validate_capacities(capacities)
    n_hosts = len(cap)
    prefs = validate_preferences(preferences, n_hosts)
    n = prefs.n_rows
    nnz = len(prefs.indices)
    status = _eligibility_status(eligibility, nnz)
    if host_rankings is None:
        raw = np.zeros(nnz, dtype=np.int64)
        out = _kernels.host_side_from_values(
            ro(prefs.indptr), ro(prefs.indices), status, ro(raw), n_hosts, False
        )
        pair_rank, h_indptr, h_apps, h_entry = out[:4]
        return _market(n, cap, prefs, status, pair_rank, h_indptr, h_apps, h_entry, ranked=False)
    if not isinstance(host_rankings, CSR | PairRanks | np.ndarray) and any(
        isinstance(d, Mapping) for d in host_rankings
    ):
        raw = _dict_ranks(host_rankings, prefs, n_hosts)  # type: ignore[arg-type]
        status[(raw < 0) & (status == 0)] = PairStatus.NOT_RANKED_BY_HOST
    elif isinstance(host_rankings, PairRanks):
        raw = _int_array(host_rankings.values, "pair ranks")
        if len(raw) != nnz:
            raise MatchingInputError(
                "length_mismatch",
                f"There are {len(raw)} pair ranks but the preferences have {nnz} entries.",
                field="host_rankings",
            )
        status[(raw < 0) & (status == 0)] = PairStatus.NOT_RANKED_BY_HOST
    elif isinstance(host_rankings, np.ndarray) and host_rankings.ndim == 2:
        matrix = _int_array(host_rankings, "rank matrix", ndim=2)
        if matrix.shape != (n_hosts, n):
            raise MatchingInputError(
                "length_mismatch",
                f"The rank matrix has shape {matrix.shape} but there are {n_hosts} hosts "
                f"and {n} applicants.",
                field="host_rankings",
            )
        apps = np.repeat(np.arange(n, dtype=np.int64), np.diff(prefs.indptr))
        raw = matrix[prefs.indices, apps] if nnz else np.zeros(0, dtype=np.int64)
        status[(raw < 0) & (status == 0)] = PairStatus.NOT_RANKED_BY_HOST
    else:
        lists = as_csr(host_rankings, "host rankings")
        _validate_host_lists(lists, n, n_hosts)
        join = (
            _kernels.host_side_from_lists_packed
            if max(nnz, n) < _kernels.PACK_LIMIT
            else _kernels.host_side_from_lists
        )
        pair_rank, h_indptr, h_apps, h_entry = join(
            ro(prefs.indptr),
            ro(prefs.indices),
            status,
            ro(lists.indptr),
            ro(lists.indices),
            n,
            n_hosts,
        )
        return _market(n, cap, prefs, status, pair_rank, h_indptr, h_apps, h_entry)
    out = _kernels.host_side_from_values(
        ro(prefs.indptr), ro(prefs.indices), status, ro(raw), n_hosts, True
    )
    pair_rank, h_indptr, h_apps, h_entry, tie_host, tie_a, tie_b = out
    if tie_host >= 0:
        raise MatchingInputError(
            "tied_ranks",
            f"Host {tie_host} gives applicants {tie_a} and {tie_b} the same rank; "
            "rankings must be strict (break ties with a lottery).",
            host=int(tie_host),
            applicant=int(tie_a),
            other_applicant=int(tie_b),
            field="host_rankings",
        )
    return _market(n, cap, prefs, status, pair_rank, h_indptr, h_apps, h_entry)


def _market(
    n: int,
    cap: IntArray,
    prefs: CSR,
    status: npt.NDArray[np.int8],
    pair_rank: IntArray,
    h_indptr: IntArray,
    h_apps: IntArray,
    h_entry: IntArray,
    *,
    ranked: bool = True,
) -> Market:
    return Market(
        n_applicants=n,
        n_hosts=len(cap),
        capacities=_frozen(cap, copy=True),
        pref_indptr=_frozen(prefs.indptr, copy=True),
        pref_hosts=_frozen(prefs.indices, copy=True),
        pair_status=_frozen(status, np.int8),
        pair_rank=_frozen(pair_rank),
        host_indptr=_frozen(h_indptr),
        host_applicants=_frozen(h_apps),
        host_entry=_frozen(h_entry),
        has_host_rankings=ranked,
    )


def make_result(
    market: Market,
    assignment: IntArray,
    entry: IntArray,
    *,
    kind: MatchKind,
    stable: bool,
    total_cost: int | None = None,
    extra: dict[str, Any] | None = None,
) -> MatchResult:
    """Assemble a :class:`MatchResult` from a valid assignment and each applicant's entry."""
    matched = assignment >= 0
    safe = np.where(matched, entry, 0)
    choice = np.where(matched, safe - market.pref_indptr[:-1], -1)
    rank = np.where(matched, market.pair_rank[safe], -1) if market.n_pairs else choice.copy()
    adm_ptr, adm = _kernels.admitted_lists(
        ro(assignment), market.host_indptr, market.host_applicants
    )
    n = market.n_applicants
    n_matched = int(matched.sum())
    return MatchResult(
        kind=kind,
        stable=stable,
        assignment=_frozen(assignment),
        choice_position=_frozen(choice),
        host_rank=_frozen(rank),
        admitted_indptr=_frozen(adm_ptr),
        admitted=_frozen(adm),
        stats=MatchStats(
            n_applicants=n,
            n_matched=n_matched,
            share_matched=n_matched / n if n else 0.0,
            share_first_choice=int((choice == 0).sum()) / n if n else 0.0,
            share_top3=int(((choice >= 0) & (choice < 3)).sum()) / n if n else 0.0,
            mean_choice_position=float(choice[matched].mean()) if n_matched else 0.0,
            seats=int(market.capacities.sum()),
            seats_filled=n_matched,
        ),
        total_cost=total_cost,
        extra=MappingProxyType(dict(extra or {})),
    )
