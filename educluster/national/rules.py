"""Who reads the national view: platform administrators and analysts.

A global analyst (an analyst role without a cluster) and an administrator see every cluster;
an analyst of particular clusters sees those clusters side by side. Nobody else finds the pages
(coordinators, heads, faculty, students, mentors and outsiders get *not found*). What is shown is
aggregates only: counts, shares and sums per cluster and region — no pupil or staff rows.
"""

import rules

from educluster.accounts.scoping import scope_for


@rules.predicate
def reads_national_view(user) -> bool:
    scope = scope_for(user)
    return scope.sees_everything or bool(scope.analyst_cluster_ids)


rules.add_perm("national.view", reads_national_view)
