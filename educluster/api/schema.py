"""The token authentication as an OpenAPI security scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "educluster.api.authentication.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token."}


# Every error answer is a problem detail (``educluster.api.exceptions``); the schema says so, so
# that clients (and the schemathesis tests) can rely on the error bodies as on the successes.
PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error, as RFC 9457 problem details, in the request's language.",
    "properties": {
        "type": {"type": "string", "description": "A URI reference naming the kind of error."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "The request's path."},
        "errors": {
            "type": "array",
            "description": "Validation errors: one per field and message.",
            "items": {
                "type": "object",
                "properties": {
                    "detail": {"type": "string"},
                    "code": {"type": "string"},
                    "field": {"type": "string"},
                    "pointer": {"type": "string", "description": "A JSON pointer, e.g. #/hours."},
                },
                "required": ["detail", "code"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
_ERRORS = {
    "400": "The request is not valid: see `errors`.",
    "401": "No valid token was given.",
    "403": "The token's owner may not do this.",
    "404": "Not found, or outside the token's scope.",
    "429": "Too many requests for this token: slow down.",
    "4XX": "Another client error (method, format, conflict, size).",
}


def document_problem_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: add the problem-details error responses to every
    operation (an operation's own documented error responses are kept)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in _ERRORS.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
    return result
