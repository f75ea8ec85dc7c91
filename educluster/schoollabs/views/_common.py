from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

# Personal acts and minors' data: Django lets a superuser pass every ``has_perm``; these rules
# are asked directly, so a platform administrator neither logs a trainee's hours nor reads
# pupils' results (see :mod:`educluster.schoollabs.rules`).
STRICT = {
    "schoollabs.log_hours",
    "schoollabs.decide_hours",
    "schoollabs.evaluate_trainee",
    "schoollabs.view_pupil_data",
    "schoollabs.manage_study",
}


def allowed(request: HttpRequest, perm: str, obj: Any = None) -> bool:
    if perm in STRICT:
        return request.user.is_authenticated and rules.has_perm(perm, request.user, obj)
    return request.user.has_perm(perm, obj)


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not allowed(request, perm, obj):
        raise PermissionDenied


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
