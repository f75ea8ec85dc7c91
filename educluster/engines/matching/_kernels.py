"""Compiled inner loops of the matching engine.

The loops are written in the subset of Python that Numba compiles (``numba.njit``, cached on
disk). Without Numba installed they run as ordinary Python: same results, much slower. All
arrays are ``int64`` (``status`` is ``int8``), ids are 0-based, ``-1`` means none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np

try:  # pragma: no cover - exercised implicitly
    import numba

    HAVE_NUMBA = True

    def jit[F: Callable[..., Any]](fn: F) -> F:
        """Compile ``fn`` with Numba in nopython mode, caching the machine code on disk."""
        return cast(F, numba.njit(cache=True, nogil=True)(fn))

except ImportError:  # pragma: no cover
    HAVE_NUMBA = False

    def jit[F: Callable[..., Any]](fn: F) -> F:
        """Numba is not installed: run ``fn`` as plain Python."""
        return fn


#: Ids and entry counts below this fit the packed kernels' 32-bit halves.
PACK_LIMIT = 2**31


def ro(a: Any) -> Any:
    """Read-only int64 view, so every kernel is compiled for one array type only."""
    v = np.asarray(a, dtype=np.int64).view()
    v.flags.writeable = False
    return v


@jit
def check_lists(indptr: Any, indices: Any, n_cols: int) -> tuple[int, int, int]:
    """First problem in a ragged id list: ``(code, row, value)``.

    ``code`` is 0 when every value is in ``0..n_cols-1`` and no row repeats a value, 1 for an
    out-of-range value and 2 for a repeated value. O(rows + entries) with a stamp array.
    """
    stamp = np.full(n_cols, -1, np.int64)
    for i in range(indptr.shape[0] - 1):
        for k in range(indptr[i], indptr[i + 1]):
            c = indices[k]
            if c < 0 or c >= n_cols:
                return 1, i, c
            if stamp[c] == i:
                return 2, i, c
            stamp[c] = i
    return 0, -1, -1


@jit
def host_side_from_lists(
    pref_indptr: Any,
    pref_hosts: Any,
    status: Any,
    host_indptr: Any,
    host_apps: Any,
    n_applicants: int,
    n_hosts: int,
) -> tuple[Any, Any, Any, Any]:
    """Join the applicants' lists with the hosts' ranking lists in linear time.

    ``status`` (modified in place) enters with 0 for eligible entries and a reason code for
    ineligible ones; eligible entries whose host does not list the applicant get status 1
    (``NOT_RANKED_BY_HOST``). Returns ``(pair_rank, h_indptr, h_apps, h_entry)``: every host's
    acceptable candidates best first, and each entry's 0-based position among them.

    The eligible entries are first grouped by host (a counting sort); then, host by host, a
    scratch array indexed by applicant (small enough to stay in cache) maps the host's candidates
    to their entries while the host's list is read in order.
    """
    nnz = pref_hosts.shape[0]
    cnt = np.zeros(n_hosts + 1, np.int64)
    for k in range(nnz):
        if status[k] == 0:
            cnt[pref_hosts[k] + 1] += 1
    for h in range(n_hosts):
        cnt[h + 1] += cnt[h]
    total = cnt[n_hosts]
    by_host_entry = np.empty(total, np.int64)
    by_host_app = np.empty(total, np.int64)
    fill = cnt[:-1].copy()
    for a in range(n_applicants):
        for k in range(pref_indptr[a], pref_indptr[a + 1]):
            if status[k] == 0:
                h = pref_hosts[k]
                p = fill[h]
                by_host_entry[p] = k
                by_host_app[p] = a
                fill[h] = p + 1
    scratch = np.full(n_applicants, -1, np.int64)
    pair_rank = np.full(nnz, -1, np.int64)
    h_indptr = np.zeros(n_hosts + 1, np.int64)
    h_apps = np.empty(total, np.int64)
    h_entry = np.empty(total, np.int64)
    p = 0
    for h in range(n_hosts):
        lo = cnt[h]
        hi = cnt[h + 1]
        if lo < hi:
            for t in range(lo, hi):
                scratch[by_host_app[t]] = by_host_entry[t]
            r = 0
            for j in range(host_indptr[h], host_indptr[h + 1]):
                a = host_apps[j]
                k = scratch[a]
                if k >= 0:
                    pair_rank[k] = r
                    h_apps[p] = a
                    h_entry[p] = k
                    r += 1
                    p += 1
            for t in range(lo, hi):
                scratch[by_host_app[t]] = -1
        h_indptr[h + 1] = p
    for k in range(nnz):
        if status[k] == 0 and pair_rank[k] < 0:
            status[k] = 1
    return pair_rank, h_indptr, h_apps[:p], h_entry[:p]


@jit
def host_side_from_lists_packed(
    pref_indptr: Any,
    pref_hosts: Any,
    status: Any,
    host_indptr: Any,
    host_apps: Any,
    n_applicants: int,
    n_hosts: int,
) -> tuple[Any, Any, Any, Any]:
    """:func:`host_side_from_lists` with each grouped (entry, applicant) pair packed into one
    int64 (entry in the high 32 bits): half the memory traffic of the counting sort, which is
    what the join spends its time on. Needs fewer than 2**31 entries and applicants
    (:data:`PACK_LIMIT`); same results."""
    nnz = pref_hosts.shape[0]
    cnt = np.zeros(n_hosts + 1, np.int64)
    for k in range(nnz):
        if status[k] == 0:
            cnt[pref_hosts[k] + 1] += 1
    for h in range(n_hosts):
        cnt[h + 1] += cnt[h]
    total = cnt[n_hosts]
    by_host = np.empty(total, np.int64)
    fill = cnt[:-1].copy()
    for a in range(n_applicants):
        for k in range(pref_indptr[a], pref_indptr[a + 1]):
            if status[k] == 0:
                h = pref_hosts[k]
                p = fill[h]
                by_host[p] = (k << 32) | a
                fill[h] = p + 1
    scratch = np.full(n_applicants, -1, np.int64)
    pair_rank = np.full(nnz, -1, np.int64)
    h_indptr = np.zeros(n_hosts + 1, np.int64)
    h_apps = np.empty(total, np.int64)
    h_entry = np.empty(total, np.int64)
    p = 0
    for h in range(n_hosts):
        lo = cnt[h]
        hi = cnt[h + 1]
        if lo < hi:
            for t in range(lo, hi):
                v = by_host[t]
                scratch[v & 0xFFFFFFFF] = v >> 32
            r = 0
            for j in range(host_indptr[h], host_indptr[h + 1]):
                a = host_apps[j]
                k = scratch[a]
                if k >= 0:
                    pair_rank[k] = r
                    h_apps[p] = a
                    h_entry[p] = k
                    r += 1
                    p += 1
            for t in range(lo, hi):
                scratch[by_host[t] & 0xFFFFFFFF] = -1
        h_indptr[h + 1] = p
    for k in range(nnz):
        if status[k] == 0 and pair_rank[k] < 0:
            status[k] = 1
    return pair_rank, h_indptr, h_apps[:p], h_entry[:p]


@jit
def host_side_from_values(
    pref_indptr: Any, pref_hosts: Any, status: Any, raw: Any, n_hosts: int, sort: bool
) -> tuple[Any, Any, Any, Any, int, int, int]:
    """Group acceptable entries (``status == 0``) by host and order them by ``raw`` rank.

    With ``sort=False`` the hosts keep the applicants' order (used when hosts do not rank).
    Returns ``(pair_rank, h_indptr, h_apps, h_entry, tie_host, tie_a, tie_b)``; ``tie_host`` is
    ``-1`` unless two candidates of one host share a raw rank.
    """
    nnz = pref_hosts.shape[0]
    n_app = pref_indptr.shape[0] - 1
    h_indptr = np.zeros(n_hosts + 1, np.int64)
    for k in range(nnz):
        if status[k] == 0:
            h_indptr[pref_hosts[k] + 1] += 1
    for h in range(n_hosts):
        h_indptr[h + 1] += h_indptr[h]
    total = h_indptr[n_hosts]
    h_apps = np.empty(total, np.int64)
    h_entry = np.empty(total, np.int64)
    fill = h_indptr[:-1].copy()
    for a in range(n_app):
        for k in range(pref_indptr[a], pref_indptr[a + 1]):
            if status[k] == 0:
                h = pref_hosts[k]
                h_apps[fill[h]] = a
                h_entry[fill[h]] = k
                fill[h] += 1
    pair_rank = np.full(nnz, -1, np.int64)
    tie_host = -1
    tie_a = -1
    tie_b = -1
    for h in range(n_hosts):
        lo = h_indptr[h]
        hi = h_indptr[h + 1]
        if sort and hi - lo > 1:
            seg = h_entry[lo:hi].copy()
            seg_apps = h_apps[lo:hi].copy()
            keys = np.empty(hi - lo, raw.dtype)
            for t in range(hi - lo):
                keys[t] = raw[seg[t]]
            order = np.argsort(keys, kind="mergesort")
            for t in range(hi - lo):
                h_entry[lo + t] = seg[order[t]]
                h_apps[lo + t] = seg_apps[order[t]]
            if tie_host < 0:
                for t in range(1, hi - lo):
                    if raw[h_entry[lo + t]] == raw[h_entry[lo + t - 1]]:
                        tie_host = h
                        tie_a = h_apps[lo + t - 1]
                        tie_b = h_apps[lo + t]
                        break
        if sort:
            for t in range(hi - lo):
                pair_rank[h_entry[lo + t]] = t
    return pair_rank, h_indptr, h_apps, h_entry, tie_host, tie_a, tie_b


@jit
def da_applicants(
    pref_indptr: Any, pref_hosts: Any, pair_rank: Any, cap: Any, n_hosts: int
) -> tuple[Any, Any]:
    """Applicant-proposing deferred acceptance (Gale & Shapley 1962), McVitie-Wilson order.

    Each host keeps its tentatively admitted applicants in a binary max-heap keyed by host rank, so
    a proposal costs O(log capacity). Entries with ``pair_rank < 0`` are not acceptable and are
    skipped. Returns ``(assignment, matched_entry)``.
    """
    n = pref_indptr.shape[0] - 1
    hoff = np.zeros(n_hosts + 1, np.int64)
    for h in range(n_hosts):
        hoff[h + 1] = hoff[h] + cap[h]
    heap_r = np.empty(hoff[n_hosts], np.int64)
    heap_a = np.empty(hoff[n_hosts], np.int64)
    size = np.zeros(n_hosts, np.int64)
    nxt = pref_indptr[:-1].copy()
    assign = np.full(n, -1, np.int64)
    entry = np.full(n, -1, np.int64)
    for start in range(n):
        a = start
        while a >= 0:
            k = nxt[a]
            end = pref_indptr[a + 1]
            displaced = -1
            placed = False
            while k < end:
                r = pair_rank[k]
                if r >= 0:
                    h = pref_hosts[k]
                    c = cap[h]
                    base = hoff[h]
                    s = size[h]
                    if s < c:
                        i = s
                        while i > 0:
                            par = (i - 1) >> 1
                            if heap_r[base + par] >= r:
                                break
                            heap_r[base + i] = heap_r[base + par]
                            heap_a[base + i] = heap_a[base + par]
                            i = par
                        heap_r[base + i] = r
                        heap_a[base + i] = a
                        size[h] = s + 1
                        placed = True
                    elif c > 0 and r < heap_r[base]:
                        displaced = heap_a[base]
                        i = 0
                        while True:
                            child = 2 * i + 1
                            if child >= c:
                                break
                            if child + 1 < c and heap_r[base + child + 1] > heap_r[base + child]:
                                child += 1
                            if heap_r[base + child] <= r:
                                break
                            heap_r[base + i] = heap_r[base + child]
                            heap_a[base + i] = heap_a[base + child]
                            i = child
                        heap_r[base + i] = r
                        heap_a[base + i] = a
                        placed = True
                    if placed:
                        assign[a] = h
                        entry[a] = k
                        break
                k += 1
            nxt[a] = k + 1 if placed else end
            if displaced >= 0:
                assign[displaced] = -1
                entry[displaced] = -1
            a = displaced
    return assign, entry


@jit
def da_applicants_packed(
    pref_indptr: Any, pref_hosts: Any, pair_rank: Any, cap: Any, n_hosts: int
) -> tuple[Any, Any]:
    """:func:`da_applicants` with one int64 heap key per held applicant, ``rank << 32 |
    applicant`` (a host's ranks are distinct, so the keys order as the ranks do), and each
    host's heap offset, size and capacity side by side: one array touched per heap step and
    one cache line per host instead of three. Needs fewer than 2**31 entries and applicants
    (:data:`PACK_LIMIT`); same results."""
    n = pref_indptr.shape[0] - 1
    # meta[3h]: heap base, meta[3h+1]: size, meta[3h+2]: capacity -- one cache line per host
    meta = np.empty(3 * n_hosts, np.int64)
    off = 0
    for h in range(n_hosts):
        meta[3 * h] = off
        meta[3 * h + 1] = 0
        meta[3 * h + 2] = cap[h]
        off += cap[h]
    heap = np.empty(off, np.int64)  # (rank << 32) | applicant; ranks are distinct per host
    nxt = pref_indptr[:-1].copy()
    assign = np.full(n, -1, np.int64)
    entry = np.full(n, -1, np.int64)
    for start in range(n):
        a = start
        while a >= 0:
            k = nxt[a]
            end = pref_indptr[a + 1]
            displaced = -1
            placed = False
            while k < end:
                r = pair_rank[k]
                if r >= 0:
                    h = pref_hosts[k]
                    base = meta[3 * h]
                    s = meta[3 * h + 1]
                    c = meta[3 * h + 2]
                    key = (r << 32) | a
                    if s < c:
                        i = s
                        while i > 0:
                            par = (i - 1) >> 1
                            pk = heap[base + par]
                            if pk >= key:
                                break
                            heap[base + i] = pk
                            i = par
                        heap[base + i] = key
                        meta[3 * h + 1] = s + 1
                        placed = True
                    elif c > 0 and key < heap[base]:
                        displaced = heap[base] & 0xFFFFFFFF
                        i = 0
                        while True:
                            child = 2 * i + 1
                            if child >= c:
                                break
                            ck = heap[base + child]
                            if child + 1 < c:
                                ck2 = heap[base + child + 1]
                                if ck2 > ck:
                                    child += 1
                                    ck = ck2
                            if ck <= key:
                                break
                            heap[base + i] = ck
                            i = child
                        heap[base + i] = key
                        placed = True
                    if placed:
                        assign[a] = h
                        entry[a] = k
                        break
                k += 1
            nxt[a] = k + 1 if placed else end
            if displaced >= 0:
                assign[displaced] = -1
                entry[displaced] = -1
            a = displaced
    return assign, entry


@jit
def da_hosts(
    h_indptr: Any, h_apps: Any, h_entry: Any, cap: Any, n_applicants: int
) -> tuple[Any, Any]:
    """Host-proposing deferred acceptance (Roth & Sotomayor 1990, ch. 5).

    Hosts with free seats offer them down their ranking; an applicant holds the offer they list
    first. ``h_entry`` is the applicant's preference entry index, so a lower entry is preferred.
    Returns ``(assignment, matched_entry)``.
    """
    m = h_indptr.shape[0] - 1
    nxt = h_indptr[:-1].copy()
    filled = np.zeros(m, np.int64)
    assign = np.full(n_applicants, -1, np.int64)
    held = np.full(n_applicants, -1, np.int64)
    stack = np.empty(m, np.int64)
    in_stack = np.zeros(m, np.bool_)
    top = 0
    for h in range(m - 1, -1, -1):
        stack[top] = h
        in_stack[h] = True
        top += 1
    while top > 0:
        top -= 1
        h = stack[top]
        in_stack[h] = False
        end = h_indptr[h + 1]
        j = nxt[h]
        while filled[h] < cap[h] and j < end:
            a = h_apps[j]
            e = h_entry[j]
            j += 1
            cur = held[a]
            if cur < 0:
                assign[a] = h
                held[a] = e
                filled[h] += 1
            elif e < cur:
                old = assign[a]
                filled[old] -= 1
                if not in_stack[old]:
                    stack[top] = old
                    in_stack[old] = True
                    top += 1
                assign[a] = h
                held[a] = e
                filled[h] += 1
        nxt[h] = j
    return assign, held


@jit
def admitted_lists(assign: Any, h_indptr: Any, h_apps: Any) -> tuple[Any, Any]:
    """Each host's admitted applicants in the host's order: ``(indptr, applicants)``."""
    m = h_indptr.shape[0] - 1
    out_ptr = np.zeros(m + 1, np.int64)
    out = np.empty(assign.shape[0], np.int64)
    p = 0
    for h in range(m):
        for j in range(h_indptr[h], h_indptr[h + 1]):
            a = h_apps[j]
            if assign[a] == h:
                out[p] = a
                p += 1
        out_ptr[h + 1] = p
    return out_ptr, out[:p]
