"""Eligibility constraints applied before matching.

An ineligible (applicant, host) pair is removed from the applicant's list and from the host's
ranking (the pair becomes mutually unacceptable, Roth & Sotomayor 1990, ch. 5), so it can neither
be matched nor form a blocking pair. The reason is kept for the explanations.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from .market import PreferencesLike, as_csr
from .types import CSR, MatchingInputError, PairStatus

EARTH_RADIUS_KM = 6371.0088


def _sets(values: Any, n_rows: int, what: str) -> CSR:
    """A per-row set of ids: a 1-D array (one id per row) or a ragged list of ids."""
    if isinstance(values, np.ndarray) and values.ndim == 1:
        arr = values.astype(np.int64)
        sets = CSR(np.arange(len(arr) + 1, dtype=np.int64), arr)
    elif isinstance(values, CSR):
        sets = as_csr(values, what)
    else:
        rows = list(values)
        if all(isinstance(r, int | np.integer) for r in rows):
            rows = [[r] for r in rows]
        sets = as_csr(rows, what)
    if sets.n_rows != n_rows:
        raise MatchingInputError(
            "length_mismatch",
            f"The {what} has {sets.n_rows} rows but {n_rows} were expected.",
            field=what,
        )
    return sets


def _pair_in_set(
    rows: npt.NDArray[np.integer[Any]], probe: npt.NDArray[np.integer[Any]], sets: CSR
) -> Any:
    """For each pair ``i``: is ``probe[i]`` in ``sets`` row ``rows[i]``? (sort-based join).

    Negative ids mean "none" and never match.
    """
    owner = np.repeat(np.arange(sets.n_rows, dtype=np.int64), np.diff(sets.indptr))
    keep = sets.indices >= 0
    owner, members = owner[keep], sets.indices[keep]
    width = int(max(members.max(initial=0), probe.max(initial=0))) + 1
    keys = np.unique(owner * width + members)
    q = rows * width + probe
    if not len(keys):
        return np.zeros(len(q), dtype=bool)
    pos = np.searchsorted(keys, q)
    pos[pos == len(keys)] = 0
    return (keys[pos] == q) & (probe >= 0)


def haversine_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Great-circle distance in kilometres between points given in degrees (haversine formula).

    >>> round(float(haversine_km(41.31, 69.28, 39.65, 66.96)), 0)  # Tashkent - Samarkand
    269.0
    """
    p1, l1, p2, l2 = (np.radians(np.asarray(x, dtype=np.float64)) for x in (lat1, lon1, lat2, lon2))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def eligibility_status(
    preferences: PreferencesLike,
    n_hosts: int,
    *,
    applicant_subject: npt.ArrayLike | None = None,
    host_subjects: Any = None,
    applicant_languages: Any = None,
    host_language: npt.ArrayLike | None = None,
    distance_km: npt.ArrayLike | None = None,
    applicant_coords: npt.ArrayLike | None = None,
    host_coords: npt.ArrayLike | None = None,
    max_distance_km: float | npt.ArrayLike | None = None,
) -> npt.NDArray[np.int8]:
    """Eligibility of every preference entry: 0 if eligible, else a :class:`PairStatus` code.

    Checks, first failure wins:

    * **subject** - the applicant's specialty ``applicant_subject[a]`` is among the subjects host
      ``h`` takes (``host_subjects``: one id per host or a list of ids per host);
    * **language** - the host's language of instruction ``host_language[h]`` is among the
      applicant's languages (``applicant_languages``: one id per applicant or a list each);
    * **distance** - the travel distance is at most ``max_distance_km`` (a number or one per
      applicant); distances come from ``distance_km`` (aligned with the preference entries) or
      from ``applicant_coords``/``host_coords`` (``(lat, lon)`` rows in degrees, haversine).

    Pass the result as ``eligibility=`` to :func:`build_market` or :func:`stable_match`.

    >>> eligibility_status([[0, 1]], 2, applicant_subject=[5], host_subjects=[[5, 6], [7]]).tolist()
    [0, 2]
    """
    prefs = as_csr(preferences, "preferences")
    n = prefs.n_rows
    hosts = prefs.indices
    apps = np.repeat(np.arange(n, dtype=np.int64), np.diff(prefs.indptr))
    status = np.zeros(len(hosts), dtype=np.int8)
    if (applicant_subject is None) != (host_subjects is None):
        raise MatchingInputError(
            "bad_structure",
            "The subject constraint needs both the applicants' subjects and the hosts' subjects.",
            field="subject",
        )
    if applicant_subject is not None:
        subj = np.asarray(applicant_subject, dtype=np.int64)
        if subj.shape != (n,):
            raise MatchingInputError(
                "length_mismatch",
                f"The applicant subject has {subj.size} values but there are {n} applicants.",
                field="applicant_subject",
            )
        ok = _pair_in_set(hosts, subj[apps], _sets(host_subjects, n_hosts, "host subjects"))
        status[~ok & (status == 0)] = PairStatus.INELIGIBLE_SUBJECT
    if (applicant_languages is None) != (host_language is None):
        raise MatchingInputError(
            "bad_structure",
            "The language constraint needs both the applicants' languages and the hosts' language.",
            field="language",
        )
    if host_language is not None:
        lang = np.asarray(host_language, dtype=np.int64)
        if lang.shape != (n_hosts,):
            raise MatchingInputError(
                "length_mismatch",
                f"The host language has {lang.size} values but there are {n_hosts} hosts.",
                field="host_language",
            )
        ok = _pair_in_set(apps, lang[hosts], _sets(applicant_languages, n, "applicant languages"))
        status[~ok & (status == 0)] = PairStatus.INELIGIBLE_LANGUAGE
    if max_distance_km is not None:
        dist = _distances(prefs, apps, distance_km, applicant_coords, host_coords)
        limit = np.asarray(max_distance_km, dtype=np.float64)
        if limit.ndim == 1:
            if limit.shape != (n,):
                raise MatchingInputError(
                    "length_mismatch",
                    f"The maximum distance has {limit.size} values but there are {n} applicants.",
                    field="max_distance_km",
                )
            limit = limit[apps]
        too_far = ~(dist <= limit)
        status[too_far & (status == 0)] = PairStatus.INELIGIBLE_DISTANCE
    return status


def _distances(
    prefs: CSR,
    apps: npt.NDArray[np.int64],
    distance_km: npt.ArrayLike | None,
    applicant_coords: npt.ArrayLike | None,
    host_coords: npt.ArrayLike | None,
) -> npt.NDArray[np.float64]:
    nnz = len(prefs.indices)
    if distance_km is not None:
        dist = np.asarray(distance_km, dtype=np.float64)
        if dist.shape != (nnz,):
            raise MatchingInputError(
                "length_mismatch",
                f"There are {dist.size} distances but the preferences have {nnz} entries.",
                field="distance_km",
            )
        return dist
    if applicant_coords is None or host_coords is None:
        raise MatchingInputError(
            "bad_structure",
            "A maximum distance needs distances or the coordinates of applicants and hosts.",
            field="max_distance_km",
        )
    ac = np.asarray(applicant_coords, dtype=np.float64).reshape(-1, 2)
    hc = np.asarray(host_coords, dtype=np.float64).reshape(-1, 2)
    if len(ac) != prefs.n_rows:
        raise MatchingInputError(
            "length_mismatch",
            f"There are {len(ac)} applicant coordinates but {prefs.n_rows} applicants.",
            field="applicant_coords",
        )
    if nnz and prefs.indices.max() >= len(hc):
        raise MatchingInputError(
            "length_mismatch",
            f"There are {len(hc)} host coordinates but host {int(prefs.indices.max())} is listed.",
            field="host_coords",
        )
    a, h = ac[apps], hc[prefs.indices]
    return haversine_km(a[:, 0], a[:, 1], h[:, 0], h[:, 1])
