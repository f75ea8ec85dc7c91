from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from educluster.agreements import services
from educluster.agreements.audit import verify_chain
from educluster.agreements.models import Agreement, AuditEvent, FulfilmentReport, Occurrence
from educluster.agreements.selectors import compliance, waiting_for

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_it_runs_the_whole_mutual_control_cycle(agreement, school_occurrence, cast):
    head, coordinator = cast["head"], cast["coordinator"]
    assert school_occurrence.is_overdue
    report = services.report_submit(
        actor=head,
        occurrence=school_occurrence,
        value_achieved=Decimal(5),
        text="5 came",
        files=[SimpleUploadedFile("order.pdf", PDF_BYTES)],
    )
    assert report.evidence.count() == 1
    services.report_decide(actor=coordinator, report=report, confirm=False, comment="8 agreed")
    school_occurrence.refresh_from_db()
    assert school_occurrence.state == Occurrence.State.DISPUTED
    answer = services.report_submit(
        actor=head,
        occurrence=school_occurrence,
        value_achieved=Decimal(8),
        text="3 more came on Monday",
    )
    assert answer.version == 2
    services.report_decide(actor=coordinator, report=answer, confirm=True)
    school_occurrence.refresh_from_db()
    assert school_occurrence.state == Occurrence.State.CONFIRMED
    assert not school_occurrence.is_overdue
    actions = list(agreement.events.order_by("id").values_list("action", flat=True))
    assert actions[-4:] == [
        "report_submitted",
        "report_disputed",
        "report_resubmitted",
        "report_confirmed",
    ]


def test_it_refuses_a_report_from_the_other_side(agreement, school_occurrence, cast):
    with pytest.raises(PermissionDenied):
        services.report_submit(
            actor=cast["faculty"],
            occurrence=school_occurrence,
            value_achieved=Decimal(8),
            text="x",
        )


def test_it_lets_nobody_confirm_their_own_report(agreement, department_occurrence, cast):
    coordinator = cast["coordinator"]
    report = services.report_submit(
        actor=coordinator, occurrence=department_occurrence, value_achieved=Decimal(4), text="done"
    )
    with pytest.raises(ValidationError):
        services.report_decide(actor=coordinator, report=report, confirm=True)
    with pytest.raises(PermissionDenied):  # the department cannot control its own obligation
        services.report_decide(actor=cast["admin"], report=report, confirm=True)
    services.report_decide(actor=cast["head"], report=report, confirm=True)


def test_it_refuses_a_second_decision(agreement, school_occurrence, cast):
    report = services.report_submit(
        actor=cast["head"], occurrence=school_occurrence, value_achieved=Decimal(8), text="ok"
    )
    services.report_decide(actor=cast["coordinator"], report=report, confirm=True)
    with pytest.raises(services.AlreadyDecided):
        services.report_decide(
            actor=cast["coordinator"], report=report, confirm=False, comment="no"
        )
    assert FulfilmentReport.objects.get(pk=report.pk).decision == "confirmed"


def test_it_refuses_a_second_report_while_one_waits(agreement, school_occurrence, cast):
    services.report_submit(
        actor=cast["head"], occurrence=school_occurrence, value_achieved=Decimal(8), text="ok"
    )
    with pytest.raises(ValidationError):
        services.report_submit(
            actor=cast["head"],
            occurrence=school_occurrence,
            value_achieved=Decimal(8),
            text="again",
        )


def test_it_refuses_evidence_that_is_not_what_it_claims(agreement, school_occurrence, cast):
    with pytest.raises(ValidationError) as error:
        services.report_submit(
            actor=cast["head"],
            occurrence=school_occurrence,
            value_achieved=Decimal(8),
            text="ok",
            files=[SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image")],
        )
    assert "photo.jpg" in error.value.messages[0]
    school_occurrence.refresh_from_db()
    assert school_occurrence.state == Occurrence.State.OPEN  # nothing half-written
    assert not school_occurrence.reports.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_date": "outside"}, "due_date"),
        ({"target_value": Decimal(0)}, "target_value"),
        ({"counterpart": "same"}, "counterpart"),
        ({"party": "stranger"}, "party"),
    ],
)
def test_it_names_the_field_of_a_bad_obligation(agreement, cast, changes, field, cluster):
    school = agreement.parties.get(institution__code="CHR-SCH-3")
    department = agreement.parties.get(institution__code="CHDPI-TSA")
    fields = {
        "party": school,
        "counterpart": department,
        "area": "research",
        "description": "x",
        "recurrence": "once",
        "due_date": timezone.localdate(),
        "target_value": Decimal(1),
        "target_unit": "x",
    }
    for key, value in changes.items():
        if value == "outside":
            value = agreement.valid_to + timedelta(days=1)
        elif value == "same":
            value = school
        elif value == "stranger":
            other = Agreement.objects.exclude(pk=agreement.pk).first()
            value = other.parties.first()
        fields[key] = value
    with pytest.raises(ValidationError) as error:
        services.obligation_create(actor=cast["coordinator"], agreement=agreement, **fields)
    assert field in error.value.message_dict


def test_it_follows_the_lifecycle_and_needs_a_reason_to_terminate(agreement, cast):
    with pytest.raises(ValidationError):
        services.agreement_transition(actor=cast["coordinator"], agreement=agreement, to="draft")
    with pytest.raises(ValidationError) as error:
        services.agreement_transition(
            actor=cast["coordinator"], agreement=agreement, to="terminated"
        )
    assert "reason" in error.value.message_dict
    services.agreement_transition(
        actor=cast["coordinator"], agreement=agreement, to="terminated", reason="School closed"
    )
    assert agreement.status == "terminated"


def test_it_renews_with_the_same_parties_and_obligations(agreement, cast):
    successor = services.agreement_renew(
        actor=cast["coordinator"],
        agreement=agreement,
        number="T-2",
        valid_from=agreement.valid_to + timedelta(days=1),
        valid_to=agreement.valid_to + timedelta(days=365),
    )
    assert successor.predecessor == agreement and successor.status == "draft"
    assert set(successor.parties.values_list("institution__code", flat=True)) == {
        "CHDPI-TSA",
        "CHR-SCH-3",
    }
    assert successor.obligations.count() == 2
    assert all(
        successor.within_term(o.due_date)
        for o in Occurrence.objects.filter(obligation__agreement=successor)
    )


def test_it_detects_a_row_altered_outside_the_application(agreement):
    checked, breaks = verify_chain()
    assert checked > 0 and not breaks
    victim = AuditEvent.objects.filter(agreement=agreement).order_by("id")[2]
    AuditEvent.objects.filter(pk=victim.pk).update(actor_name="Someone else")
    _checked, breaks = verify_chain()
    assert [(b.event_id, b.reason) for b in breaks] == [(victim.pk, "altered")]


def test_it_detects_a_removed_row(agreement):
    victim = AuditEvent.objects.filter(agreement=agreement).order_by("id")[1]
    AuditEvent.objects.filter(pk=victim.pk).delete()
    _checked, breaks = verify_chain()
    assert breaks and breaks[0].reason == "unlinked"


def test_it_counts_compliance(agreement, school_occurrence, department_occurrence, cast):
    data = compliance(Agreement.objects.filter(pk=agreement.pk))
    c = data.by_agreement[agreement.pk]
    assert (c.total, c.due, c.confirmed, c.overdue) == (2, 1, 0, 1)
    report = services.report_submit(
        actor=cast["head"], occurrence=school_occurrence, value_achieved=Decimal(8), text="ok"
    )
    services.report_decide(actor=cast["coordinator"], report=report, confirm=True)
    data = compliance(Agreement.objects.filter(pk=agreement.pk))
    c = data.by_agreement[agreement.pk]
    assert (c.confirmed, c.overdue, c.confirmed_on_time, c.on_time_rate) == (1, 0, 0, 0)
    school = school_occurrence.obligation.party.institution
    assert data.matrix[(school.pk, "practice_employment")].confirmed == 1


def test_it_lists_what_waits_for_each_side(
    agreement, school_occurrence, department_occurrence, cast
):
    head_waiting = waiting_for(cast["head"])
    assert school_occurrence in head_waiting.my_obligations  # overdue
    assert department_occurrence not in head_waiting.my_obligations
    report = services.report_submit(
        actor=cast["coordinator"],
        occurrence=department_occurrence,
        value_achieved=Decimal(4),
        text="done",
    )
    assert report in waiting_for(cast["head"]).to_confirm
    assert report not in waiting_for(cast["coordinator"]).to_confirm
    assert not waiting_for(cast["outsider"])
