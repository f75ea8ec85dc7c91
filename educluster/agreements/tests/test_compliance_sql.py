"""The compliance figures counted by the database equal a plain count over the occurrences."""

from collections import defaultdict
from dataclasses import fields

from django.utils import timezone

from educluster.agreements.models import Agreement, FulfilmentReport, Occurrence
from educluster.agreements.selectors import Compliance, compliance


def _plain(occurrence: Occurrence, today) -> dict[str, int]:
    """One occurrence's contribution, written out as the figures are defined."""
    confirmed = occurrence.state == Occurrence.State.CONFIRMED
    return {
        "total": 1,
        "due": int(occurrence.due_date <= today),
        "confirmed": int(confirmed),
        "confirmed_on_time": int(occurrence.confirmed_on_time),
        "reported": int(occurrence.state == Occurrence.State.REPORTED),
        "disputed": int(occurrence.state == Occurrence.State.DISPUTED),
        "overdue": int(not confirmed and occurrence.due_date < today),
        "open": int(occurrence.state == Occurrence.State.OPEN and occurrence.due_date >= today),
        "disputes_raised": sum(
            r.decision == FulfilmentReport.Decision.DISPUTED for r in occurrence.reports.all()
        ),
    }


def test_it_counts_compliance_in_sql_like_a_plain_loop(cluster):
    today = timezone.localdate()
    agreements = Agreement.objects.filter(cluster=cluster)
    occurrences = Occurrence.objects.filter(obligation__agreement__in=agreements).select_related(
        "obligation__party"
    )
    assert occurrences.exclude(state=Occurrence.State.OPEN).exists()  # the demo has every state
    expected: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for occ in occurrences.prefetch_related("reports"):
        ob = occ.obligation
        for key in (
            ("agreement", ob.agreement_id),
            ("member", ob.party.institution_id),
            ("cell", ob.party.institution_id, ob.area),
            ("total",),
        ):
            for name, value in _plain(occ, today).items():
                expected[key][name] += value
    data = compliance(agreements, today=today)

    def figures(c: Compliance) -> dict[str, int]:
        return {f.name: getattr(c, f.name) for f in fields(Compliance)}

    got = {("agreement", k): figures(v) for k, v in data.by_agreement.items()}
    got |= {("member", k): figures(v) for k, v in data.by_member.items()}
    got |= {("cell", *k): figures(v) for k, v in data.matrix.items()}
    got[("total",)] = figures(data.total)
    assert got == {k: dict(v) for k, v in expected.items()}
    assert set(data.members) == {k[1] for k in expected if k[0] == "member"}
    assert all(a.pk == pk for pk, a in data.agreements.items())
