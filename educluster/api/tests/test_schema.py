"""The OpenAPI schema documents every URL of the API; the docs are served from our static."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from educluster.api import urls as api_urls


def _patterns(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _normalise(route: str) -> str:
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "{}", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "{}", route)
    return "/api/" + route.replace("\\.", ".")


def test_it_documents_every_url_under_v1(client_as):
    response = client_as("coordinator").get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    documented = {re.sub(r"\{[^}]+\}", "{}", path) for path in schema["paths"]}
    served = {
        _normalise(route)
        for route in _patterns(api_urls.urlpatterns)
        if route.startswith("v1/") and "format" not in route
    }
    assert served, "no API routes found"
    assert served - documented == set()
    assert documented - served == set()
    assert "personalToken" in schema["components"]["securitySchemes"]
    # The write endpoints declare their request bodies (multipart with files for a report).
    report_post = schema["paths"]["/api/v1/occurrences/{id}/reports/"]["post"]
    assert "multipart/form-data" in report_post["requestBody"]["content"]
    # The writes of the last session and the new reads are documented with their bodies.
    paths = schema["paths"]
    assert "application/json" in paths["/api/v1/activities/"]["post"]["requestBody"]["content"]
    for verb in ("approve", "return"):
        decide = paths[f"/api/v1/placements/{{placement_pk}}/hours/{{id}}/{verb}/"]["post"]
        assert "requestBody" in decide and "200" in decide["responses"]
    assert "post" in paths["/api/v1/placements/{placement_pk}/hours/"]
    assert "get" in paths["/api/v1/clusters/{cluster_slug}/positions/"]
    assert "get" in paths["/api/v1/clusters/{cluster_slug}/positions/{id}/"]
    assert "get" in paths["/api/v1/placement-rounds/{id}/statistics/"]
    # Every operation documents its errors as problem details, so clients can rely on them.
    problem = {"$ref": "#/components/schemas/Problem"}
    for item in paths.values():
        for operation in item.values():
            for code in ("400", "401", "403", "404", "429", "4XX"):
                body = operation["responses"][code]["content"]["application/problem+json"]
                assert body["schema"] == problem
    assert schema["components"]["schemas"]["Problem"]["required"] == [
        "type",
        "title",
        "status",
        "detail",
    ]


def test_it_serves_the_docs_without_any_cdn(client_as):
    response = client_as("head").get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "<style" not in html
    script = client_as("head").get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()


def test_it_is_resolvable_from_the_root_urlconf():
    assert get_resolver().resolve("/api/v1/clusters/").url_name == "cluster-list"


def test_it_answers_a_repeated_read_with_304(api_as):
    client = api_as("coordinator")
    first = client.get("/api/v1/clusters/")
    etag = first["ETag"]
    again = client.get("/api/v1/clusters/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
