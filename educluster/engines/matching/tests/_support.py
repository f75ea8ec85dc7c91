"""Shared helpers for the matching-engine tests: instance strategies and naive references."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np
from hypothesis import strategies as st

Lists = list[list[int]]


@st.composite
def markets(
    draw: st.DrawFn,
    max_applicants: int = 8,
    max_hosts: int = 4,
    max_capacity: int = 3,
    reciprocal: bool = False,
) -> tuple[Lists, Lists, list[int]]:
    """``(preferences, host_rankings, capacities)`` with strict lists.

    With ``reciprocal`` every host ranks exactly the applicants who listed it, every applicant
    lists a host and every host is listed (the form the ``matching`` package requires);
    otherwise hosts rank a random subset of all applicants.
    """
    n = draw(st.integers(1 if reciprocal else 0, max_applicants))
    m = draw(st.integers(1, max_hosts))
    prefs: Lists = []
    for _ in range(n):
        perm = draw(st.permutations(range(m)))
        prefs.append(list(perm[: draw(st.integers(1 if reciprocal else 0, m))]))
    if reciprocal:  # renumber the hosts somebody listed as 0..m'-1
        listed = sorted({h for lst in prefs for h in lst})
        new_id = {h: i for i, h in enumerate(listed)}
        prefs = [[new_id[h] for h in lst] for lst in prefs]
        m = len(listed)
    hosts: Lists = []
    for h in range(m):
        order = list(draw(st.permutations(range(n))))
        if reciprocal:
            hosts.append([a for a in order if h in prefs[a]])
        else:
            hosts.append(order[: draw(st.integers(0, n))])
    caps = [draw(st.integers(0, max_capacity)) for _ in range(m)]
    return prefs, hosts, caps


def acceptable(prefs: Lists, hosts: Lists, a: int, h: int) -> bool:
    return h in prefs[a] and a in hosts[h]


def naive_blocking_pairs(
    prefs: Lists, hosts: Lists, caps: Sequence[int], assign: Sequence[int]
) -> set[tuple[int, int]]:
    """Blocking pairs by the textbook definition, with plain loops (independent of the engine)."""
    out = set()
    for a, lst in enumerate(prefs):
        cur = assign[a]
        for h in lst:
            if cur >= 0 and lst.index(h) >= lst.index(cur):
                break
            if not acceptable(prefs, hosts, a, h):
                continue
            admitted = [b for b, g in enumerate(assign) if g == h]
            if len(admitted) < caps[h] or any(
                hosts[h].index(a) < hosts[h].index(b) for b in admitted
            ):
                out.add((a, h))
    return out


def is_individually_rational(prefs: Lists, hosts: Lists, assign: Sequence[int]) -> bool:
    return all(h < 0 or acceptable(prefs, hosts, a, h) for a, h in enumerate(assign))


def within_capacity(caps: Sequence[int], assign: Sequence[int]) -> bool:
    counts = np.bincount([h for h in assign if h >= 0], minlength=len(caps))
    return bool(np.all(counts <= np.asarray(caps)))


def all_assignments(prefs: Lists, caps: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every assignment within capacities where applicants only get hosts they listed."""
    for combo in itertools.product(*[[-1, *lst] for lst in prefs]):
        if within_capacity(caps, combo):
            yield combo


def position(prefs: Lists, a: int, h: int) -> int:
    """Applicant ``a``'s 0-based position of ``h`` (unmatched = worse than any host)."""
    return prefs[a].index(h) if h >= 0 else 10**9
