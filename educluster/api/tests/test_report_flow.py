"""The issue's "done when": a partner system reads a cluster's agreements and indicators and
files a report with evidence through the API alone; the counterpart confirms it; the audit chain
shows the same events a page records."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from educluster.agreements.audit import verify_chain
from educluster.agreements.models import AuditEvent, FulfilmentReport

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name="act.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_it_files_a_report_with_evidence_and_confirms_it_through_the_api_alone(
    api_as, cluster, agreement, cast
):
    head = api_as("head")
    # Read: the cluster, its goals and indicators, the agreement and its obligations.
    goals = head.get(f"/api/v1/clusters/{cluster.slug}/goals/").json()["results"]
    assert goals and "indicators" in goals[0]
    listed = head.get("/api/v1/agreements/", {"cluster": cluster.slug, "status": "active"})
    assert agreement.pk in [a["id"] for a in listed.json()["results"]]
    obligations = head.get("/api/v1/obligations/", {"agreement": agreement.pk}).json()["results"]
    mine = next(o for o in obligations if o["description"] == "Host trainees")
    occurrences = head.get(
        "/api/v1/occurrences/", {"obligation": mine["id"], "state": "open"}
    ).json()["results"]
    assert len(occurrences) == 1
    occurrence_id = occurrences[0]["id"]

    # Write: the obliged school files its report with a PDF.
    filed = head.post(
        f"/api/v1/occurrences/{occurrence_id}/reports/",
        {"value_achieved": "8", "text": "Eight trainees hosted.", "evidence": [_pdf()]},
        format="multipart",
    )
    assert filed.status_code == 201, filed.content
    report = filed.json()
    assert report["decision"] == "pending" and report["version"] == 1
    assert filed["Location"].endswith(f"/api/v1/reports/{report['id']}/")
    [evidence] = report["evidence"]
    assert evidence["original_name"] == "act.pdf"
    download = head.get(evidence["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert head.get(f"/api/v1/occurrences/{occurrence_id}/").json()["state"] == "reported"

    # The counterpart (the department: its coordinator) confirms it.
    coordinator = api_as("coordinator")
    decided = coordinator.post(f"/api/v1/reports/{report['id']}/decision/", {"decision": "confirm"})
    assert decided.status_code == 200, decided.content
    assert decided.json()["decision"] == "confirmed"
    assert head.get(f"/api/v1/occurrences/{occurrence_id}/").json()["state"] == "confirmed"

    # The audit chain records both, readable through the API, and stays intact.
    events = head.get(f"/api/v1/agreements/{agreement.pk}/events/").json()["results"]
    assert [e["action"] for e in events[:2]] == ["report_confirmed", "report_submitted"]
    assert events[1]["actor_name"] == cast["head"].display_name
    assert verify_chain([cluster.pk])[1] == []
    # A second decision is a conflict and changes nothing.
    again = coordinator.post(
        f"/api/v1/reports/{report['id']}/decision/", {"decision": "dispute", "comment": "x"}
    )
    assert again.status_code in (400, 409)
    assert FulfilmentReport.objects.get(pk=report["id"]).decision == "confirmed"


def test_it_records_the_same_event_as_the_page(
    api_as, client_as, school_occurrence, department_occurrence, cast
):
    """The head files through the API, the coordinator through the page: same event shape."""
    api = api_as("head").post(
        f"/api/v1/occurrences/{school_occurrence.pk}/reports/",
        {"value_achieved": "4", "text": "Done.", "evidence": [_pdf()]},
        format="multipart",
    )
    assert api.status_code == 201
    page = client_as("coordinator").post(
        reverse("agreements:report_submit", args=[department_occurrence.pk]),
        {"value_achieved": "4", "text": "Done.", "evidence": [_pdf()]},
    )
    assert page.status_code == 302
    by_api, by_page = AuditEvent.objects.filter(action="report_submitted").order_by("-id")[:2][::-1]
    assert by_api.actor == cast["head"] and by_page.actor == cast["coordinator"]
    assert by_api.object_type == by_page.object_type
    assert by_api.payload.keys() == by_page.payload.keys()
    assert {k: v for k, v in by_api.payload.items() if k != "occurrence"} == {
        k: v for k, v in by_page.payload.items() if k != "occurrence"
    }


def test_it_disputes_with_a_comment_and_refuses_without_one(api_as, school_occurrence):
    filed = api_as("head").post(
        f"/api/v1/occurrences/{school_occurrence.pk}/reports/",
        {"value_achieved": "2", "text": "Two."},
        format="multipart",
    )
    report_id = filed.json()["id"]
    coordinator = api_as("coordinator")
    refused = coordinator.post(f"/api/v1/reports/{report_id}/decision/", {"decision": "dispute"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "comment"
    disputed = coordinator.post(
        f"/api/v1/reports/{report_id}/decision/", {"decision": "dispute", "comment": "Only two?"}
    )
    assert disputed.json()["decision"] == "disputed"
    assert AuditEvent.objects.filter(action="report_disputed", object_id=report_id).exists()


def test_it_forbids_filing_or_deciding_without_the_right(api_as, school_occurrence):
    # The coordinator sees the school's occurrence but does not act for the school.
    refused = api_as("coordinator").post(
        f"/api/v1/occurrences/{school_occurrence.pk}/reports/",
        {"value_achieved": "2", "text": "Two."},
        format="multipart",
    )
    assert refused.status_code == 403
    filed = api_as("head").post(
        f"/api/v1/occurrences/{school_occurrence.pk}/reports/",
        {"value_achieved": "2", "text": "Two."},
        format="multipart",
    )
    # The head may not decide their own school's report; the outsider does not even see it.
    own = api_as("head").post(
        f"/api/v1/reports/{filed.json()['id']}/decision/", {"decision": "confirm"}
    )
    assert own.status_code in (400, 403)
    hidden = api_as("outsider").post(
        f"/api/v1/reports/{filed.json()['id']}/decision/", {"decision": "confirm"}
    )
    assert hidden.status_code == 404
    assert FulfilmentReport.objects.get(pk=filed.json()["id"]).decision == "pending"
