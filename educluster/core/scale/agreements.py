"""Cooperation agreements: the university and ten member schools each, two obligations per
school (open lessons each term, practice seats once), their occurrences and past reports."""

from datetime import date, timedelta
from decimal import Decimal

from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    FulfilmentReport,
    Obligation,
    Occurrence,
)
from educluster.agreements.models.obligations import Area, Recurrence
from educluster.agreements.schedule import occurrence_dates

from .base import Run, aware
from .places import World

SCHOOLS_PER_AGREEMENT = 10


def agreements(run: Run, world: World) -> None:
    rng, anchor = run.rng, run.plan.anchor
    valid_from = anchor.replace(year=anchor.year - 1)
    valid_to = anchor.replace(year=anchor.year + 2) - timedelta(days=1)
    once_due = anchor + timedelta(days=200)
    made: list[Agreement] = []
    groups: list[tuple[int, list]] = []
    for c, cluster in enumerate(world.clusters):
        members = world.members[c]
        for k, start in enumerate(range(0, len(members), SCHOOLS_PER_AGREEMENT), start=1):
            made.append(
                Agreement(
                    cluster=cluster,
                    number=f"{c + 1:02d}/{k:03d}",
                    title=f"Hamkorlik toʻgʻrisida shartnoma № {k}",
                    signed_on=valid_from - timedelta(days=rng.randint(1, 20)),
                    valid_from=valid_from,
                    valid_to=valid_to,
                    status=Agreement.Status.ACTIVE,
                    created_by=world.coordinators[c],
                )
            )
            groups.append((c, members[start : start + SCHOOLS_PER_AGREEMENT]))
    run.insert(Agreement, made, "agreements_agreement")
    parties: list[AgreementParty] = []
    leads: list[AgreementParty] = []
    for agreement, (c, schools) in zip(made, groups, strict=True):
        lead = AgreementParty(agreement=agreement, institution=world.universities[c])
        leads.append(lead)
        parties.append(lead)
        parties += [AgreementParty(agreement=agreement, institution=s) for s in schools]
    run.insert(AgreementParty, parties, "agreements_agreementparty")
    world.extra["agreement_of_host"] = {
        p.institution_id: p.agreement_id for p in parties if p.institution_id in world.lab_teachers
    }
    lead_of = {lead.agreement_id: lead for lead in leads}
    obligations: list[Obligation] = []
    for party in parties:
        lead = lead_of[party.agreement_id]
        if party is lead:
            continue
        obligations.append(
            Obligation(
                agreement_id=party.agreement_id,
                party=party,
                counterpart=lead,
                area=Area.EDUCATIONAL_METHODOLOGICAL,
                description="Talabalar uchun ochiq darslar oʻtkazish",
                recurrence=Recurrence.TERM,
                target_value=Decimal(2),
                target_unit="dars",
                evidence_required="Dars ishlanmasi va fotosuratlar",
            )
        )
        obligations.append(
            Obligation(
                agreement_id=party.agreement_id,
                party=party,
                counterpart=lead,
                area=Area.PRACTICE_EMPLOYMENT,
                description="Pedagogik amaliyot uchun oʻrinlar ajratish",
                recurrence=Recurrence.ONCE,
                due_date=once_due,
                target_value=Decimal(4),
                target_unit="oʻrin",
            )
        )
    run.insert(Obligation, obligations, "agreements_obligation")
    term_dates = occurrence_dates(Recurrence.TERM, start=valid_from, end=valid_to)
    cluster_of = {a.pk: c for a, (c, _s) in zip(made, groups, strict=True)}
    occurrences: list[Occurrence] = []
    for obligation in obligations:
        dates = term_dates if obligation.recurrence == Recurrence.TERM else [once_due]
        for due in dates:
            state = Occurrence.State.OPEN
            if due < anchor:
                r = rng.random()
                state = (
                    Occurrence.State.CONFIRMED
                    if r < 0.8
                    else Occurrence.State.REPORTED
                    if r < 0.9
                    else Occurrence.State.DISPUTED
                    if r < 0.95
                    else Occurrence.State.OPEN
                )
            occurrences.append(
                Occurrence(
                    obligation=obligation,
                    due_date=due,
                    state=state,
                    confirmed_at=aware(due - timedelta(days=rng.randint(0, 10)))
                    if state == Occurrence.State.CONFIRMED
                    else None,
                )
            )
    run.insert(Occurrence, occurrences, "agreements_occurrence")
    reports = run.writer(FulfilmentReport)
    for occurrence in occurrences:
        if occurrence.state == Occurrence.State.OPEN:
            continue
        coordinator = world.coordinators[cluster_of[occurrence.obligation.agreement_id]]
        submitted = _submitted(occurrence, rng.randint(3, 25))
        decided = occurrence.state in (Occurrence.State.CONFIRMED, Occurrence.State.DISPUTED)
        reports.add(
            FulfilmentReport(
                occurrence=occurrence,
                value_achieved=occurrence.obligation.target_value,
                text="Reja boʻyicha bajarildi.",
                submitted_by=coordinator,
                submitted_at=submitted,
                decision=FulfilmentReport.Decision.CONFIRMED
                if occurrence.state == Occurrence.State.CONFIRMED
                else FulfilmentReport.Decision.DISPUTED
                if occurrence.state == Occurrence.State.DISPUTED
                else FulfilmentReport.Decision.PENDING,
                decided_by=coordinator if decided else None,
                decided_at=occurrence.confirmed_at or submitted if decided else None,
            )
        )
    reports.done()


def _submitted(occurrence: Occurrence, days_before: int):
    due: date = occurrence.due_date
    return aware(due - timedelta(days=days_before), hour=10)
