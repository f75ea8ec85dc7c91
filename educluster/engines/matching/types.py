"""Plain data types of the matching engine: inputs, results and the domain error.

Conventions used throughout the engine:

* applicants are ``0..n-1`` and hosts ``0..m-1``;
* every rank and position is **0-based** and *lower is better* (the first choice has position 0,
  the best applicant of a host has host rank 0); the UI adds one when it shows them;
* ``-1`` means "none" (unmatched applicant, no rank, no cut-off).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


class MatchingInputError(ValueError):
    """Bad input for the matching engine.

    ``code`` is stable and meant for translation by the caller; ``applicant``, ``host`` and
    ``other_applicant`` name the offending ids when there are any. The message is a plain English
    sentence such as ``"Applicant 3 ranks host 7 twice."``.

    Codes: ``length_mismatch``, ``bad_structure``, ``unknown_host``, ``unknown_applicant``,
    ``duplicate_choice``, ``duplicate_ranked_applicant``, ``negative_capacity``, ``invalid_rank``,
    ``tied_ranks``, ``missing_host_rankings``, ``bad_option``, ``cost_overflow``.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        applicant: int | None = None,
        host: int | None = None,
        other_applicant: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.applicant = applicant
        self.host = host
        self.other_applicant = other_applicant
        self.field = field


@dataclass(frozen=True, eq=False)
class CSR:
    """A ragged list of integer lists in compressed sparse row form.

    Row ``i`` is ``indices[indptr[i]:indptr[i + 1]]``. Used for applicants' preference lists (row =
    applicant, values = hosts, best first) and hosts' ranking lists (row = host, values =
    applicants, best first).

    >>> CSR.from_lists([[2, 0], [], [1]]).indptr.tolist()
    [0, 2, 2, 3]
    """

    indptr: npt.NDArray[np.integer[Any]]
    indices: npt.NDArray[np.integer[Any]]

    @classmethod
    def from_lists(cls, rows: Any) -> CSR:
        """Build from a sequence of integer sequences (``[[2, 0], [], [1]]``)."""
        rows = list(rows)
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        total = int(indptr[-1])
        if total == 0:
            return cls(indptr, np.zeros(0, dtype=np.int64))
        flat = [x for r in rows for x in r]
        try:
            indices = np.asarray(flat)
        except (TypeError, ValueError, OverflowError) as exc:
            raise MatchingInputError(
                "bad_structure", "Every id in a list must be an integer."
            ) from exc
        if indices.ndim != 1 or indices.dtype.kind not in "iu":
            raise MatchingInputError("bad_structure", "Every id in a list must be an integer.")
        indices = indices.astype(np.int64, copy=False)
        return cls(indptr, indices)

    @property
    def n_rows(self) -> int:
        """Number of rows."""
        return len(self.indptr) - 1

    def row(self, i: int) -> npt.NDArray[np.integer[Any]]:
        """Row ``i`` as an array view."""
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def to_lists(self) -> list[list[int]]:
        """Row lists of Python ints."""
        return [self.row(i).tolist() for i in range(self.n_rows)]


@dataclass(frozen=True, eq=False)
class PairRanks:
    """Hosts' ranks given per preference entry, aligned with the applicants' preference CSR.

    ``values[k]`` is the rank, at host ``preferences.indices[k]``, of the applicant who listed it in
    entry ``k``; lower is better, a negative value means the host does not rank that applicant.
    Ranks must be strict within a host. This is the form :func:`priority_rankings` returns.
    """

    values: npt.NDArray[np.integer[Any]]


class PairStatus(enum.IntEnum):
    """Why a (applicant, host) pair that the applicant listed is or is not in the market."""

    ACCEPTABLE = 0
    NOT_RANKED_BY_HOST = 1
    INELIGIBLE_SUBJECT = 2
    INELIGIBLE_LANGUAGE = 3
    INELIGIBLE_DISTANCE = 4
    INELIGIBLE_OTHER = 5

    @property
    def code(self) -> str:
        """Stable lower-case code for translation."""
        return self.name.lower()


class MatchKind(enum.StrEnum):
    """What produced a :class:`MatchResult`."""

    APPLICANT_OPTIMAL_STABLE = "applicant_optimal_stable"
    HOST_OPTIMAL_STABLE = "host_optimal_stable"
    MIN_TOTAL_RANK = "min_total_rank"
    MIN_TOTAL_DISTANCE = "min_total_distance"


def _frozen(a: npt.ArrayLike, dtype: Any = np.int64, *, copy: bool = False) -> Any:
    """Read-only array; ``copy`` detaches it from a caller's array that may change later."""
    arr = np.array(a, dtype=dtype, copy=True) if copy else np.ascontiguousarray(a, dtype=dtype)
    view = arr.view()
    view.setflags(write=False)
    return view


@dataclass(frozen=True, eq=False)
class Market:
    """A validated matching market; build it with :func:`build_market`.

    Entry ``k`` of the applicants' preference CSR (``pref_indptr``, ``pref_hosts``) is one pair
    the applicant listed. ``pair_status[k]`` says whether it stays in the market
    (:class:`PairStatus`); ``pair_rank[k]`` is the applicant's 0-based position among the host's
    acceptable candidates (``-1`` when the pair is not acceptable). The host side lists each host's
    acceptable candidates best first: ``host_indptr``, ``host_applicants`` and ``host_entry`` (the
    preference entry ``k`` of that pair).
    """

    n_applicants: int
    n_hosts: int
    capacities: IntArray
    pref_indptr: IntArray
    pref_hosts: IntArray
    pair_status: npt.NDArray[np.int8]
    pair_rank: IntArray
    host_indptr: IntArray
    host_applicants: IntArray
    host_entry: IntArray
    has_host_rankings: bool = True

    def choices(self, applicant: int) -> IntArray:
        """Hosts listed by ``applicant``, best first (including pairs removed from the market)."""
        return self.pref_hosts[self.pref_indptr[applicant] : self.pref_indptr[applicant + 1]]

    def candidates(self, host: int) -> IntArray:
        """Acceptable applicants of ``host``, best first."""
        return self.host_applicants[self.host_indptr[host] : self.host_indptr[host + 1]]

    def entry_of(self, applicant: int, host: int) -> int:
        """Preference entry index of the pair, or -1 if the applicant did not list the host."""
        lo = int(self.pref_indptr[applicant])
        hits = np.flatnonzero(self.choices(applicant) == host)
        return lo + int(hits[0]) if len(hits) else -1

    @property
    def n_pairs(self) -> int:
        """Number of listed pairs (preference entries)."""
        return len(self.pref_hosts)

    @cached_property
    def entry_applicant(self) -> IntArray:
        """Applicant id of every preference entry."""
        return _frozen(
            np.repeat(np.arange(self.n_applicants, dtype=np.int64), np.diff(self.pref_indptr))
        )


@dataclass(frozen=True)
class MatchStats:
    """Summary figures of a result. Shares are fractions of all applicants (0 when none)."""

    n_applicants: int
    n_matched: int
    share_matched: float
    share_first_choice: float
    share_top3: float
    mean_choice_position: float
    seats: int
    seats_filled: int


@dataclass(frozen=True, eq=False)
class MatchResult:
    """Outcome of a matching run.

    ``assignment[a]`` is the host of applicant ``a`` or ``-1``. ``choice_position[a]`` is the
    0-based position of that host in the list the applicant submitted, ``host_rank[a]`` the
    applicant's 0-based rank among the host's acceptable candidates (``-1`` when unmatched).
    Host ``h`` admitted ``admitted[admitted_indptr[h]:admitted_indptr[h + 1]]``, best first.
    ``stable`` is ``True`` only for deferred-acceptance results; optimal-assignment results are
    labelled ``stable=False`` because they may have blocking pairs.
    """

    kind: MatchKind
    stable: bool
    assignment: IntArray
    choice_position: IntArray
    host_rank: IntArray
    admitted_indptr: IntArray
    admitted: IntArray
    stats: MatchStats
    total_cost: int | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def admitted_by(self, host: int) -> IntArray:
        """Applicants admitted by ``host``, best first."""
        return self.admitted[self.admitted_indptr[host] : self.admitted_indptr[host + 1]]

    @cached_property
    def hosts_admitted(self) -> tuple[tuple[int, ...], ...]:
        """Admitted applicants per host as tuples of ints (convenient for small markets)."""
        return tuple(
            tuple(self.admitted_by(h).tolist()) for h in range(len(self.admitted_indptr) - 1)
        )

    @cached_property
    def host_cutoff(self) -> IntArray:
        """Host rank of the last (worst-ranked) applicant each host admitted, ``-1`` if none."""
        counts = np.diff(self.admitted_indptr)
        cut = np.full(len(counts), -1, dtype=np.int64)
        has = counts > 0
        last = self.admitted[self.admitted_indptr[1:][has] - 1]
        cut[has] = self.host_rank[last]
        return _frozen(cut)

    def as_dict(self) -> dict[int, int | None]:
        """``{applicant: host or None}`` for small markets and tests."""
        return {a: (h if h >= 0 else None) for a, h in enumerate(self.assignment.tolist())}


@dataclass(frozen=True)
class Problem:
    """One validity problem found by :func:`check_matching`."""

    code: str
    message: str
    applicant: int | None = None
    host: int | None = None


@dataclass(frozen=True, eq=False)
class CheckReport:
    """Validity problems and blocking pairs of an assignment.

    ``blocking_pairs`` is an ``(k, 2)`` array of ``(applicant, host)`` rows. When the market has no
    host rankings stability cannot be judged and ``stability_checked`` is ``False``.
    """

    problems: tuple[Problem, ...]
    blocking_pairs: npt.NDArray[np.int64]
    stability_checked: bool = True

    @property
    def is_valid(self) -> bool:
        """No validity problem."""
        return not self.problems

    @property
    def is_stable(self) -> bool:
        """Valid and without blocking pairs (and stability could be checked)."""
        return self.is_valid and self.stability_checked and len(self.blocking_pairs) == 0


@dataclass(frozen=True)
class HigherChoice:
    """A host the applicant listed above their match, and why they did not get it.

    ``reason`` codes: ``below_cutoff`` (the host filled its seats with applicants it ranks higher:
    ``applicant_rank > cutoff``), ``no_seats`` (capacity 0), ``not_ranked_by_host``,
    ``ineligible_subject``, ``ineligible_language``, ``ineligible_distance``, ``ineligible_other``
    and, only for results that are not stable, ``not_stable`` (the host would have taken them).
    """

    host: int
    choice_position: int
    reason: str
    applicant_rank: int
    cutoff: int
    capacity: int
    admitted: int


@dataclass(frozen=True)
class Explanation:
    """Why an applicant got what they got: the match and every host they preferred to it."""

    applicant: int
    host: int
    choice_position: int
    host_rank: int
    higher_choices: tuple[HigherChoice, ...]
