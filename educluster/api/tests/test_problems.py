from rest_framework.test import APIClient


def test_it_answers_404_as_problem_details_in_the_request_language(api_as):
    response = api_as("outsider", language="en").get("/api/v1/agreements/1/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 404 and body["title"] == "Not found."
    assert body["type"].endswith("/not-found") and body["instance"] == "/api/v1/agreements/1/"
    russian = api_as("outsider", language="ru").get("/api/v1/agreements/1/")
    assert russian["Content-Language"] == "ru"


def test_it_follows_the_preferred_language_without_accept_language(cast, token_for):
    user = cast["outsider"]
    user.preferred_language = "ru"
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for('outsider')}")
    response = client.get("/api/v1/agreements/1/")
    assert response["Content-Language"] == "ru"


def test_it_requires_authentication(db):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/clusters/")
    assert response.status_code == 401
    assert response.json()["title"] == "Authentication is required."


def test_it_lists_field_errors_with_pointers(api_as, school_occurrence):
    response = api_as("head").post(
        f"/api/v1/occurrences/{school_occurrence.pk}/reports/",
        {"value_achieved": "-1", "text": ""},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["type"].endswith("/invalid-request")
    fields = {e["field"]: e for e in body["errors"]}
    assert set(fields) == {"value_achieved", "text"}
    assert fields["text"]["pointer"] == "#/text"


def test_it_reports_a_service_rule_as_a_problem(api_as, school_occurrence):
    """A rule the shared service enforces (not the serializer) arrives as per-field errors."""
    response = api_as("head").post(
        f"/api/v1/occurrences/{school_occurrence.pk}/reports/",
        {"value_achieved": "3", "text": "   "},
        format="multipart",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["text"]
    assert errors[0]["detail"] == "Describe what was done."
