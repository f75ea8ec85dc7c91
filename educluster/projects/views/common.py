"""Helpers the project views share."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from educluster.core.utils import verbose_name
from educluster.projects.models import Project

_PROJECT_FIELDS = {f.name for f in [*Project._meta.concrete_fields, *Project._meta.many_to_many]}


def require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    """Service errors as messages that name the field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            label = verbose_name(Project, field) if field in _PROJECT_FIELDS else ""
            for text in errors:
                messages.error(request, f"{label.capitalize()}: {text}" if label else text)
    else:
        for text in error.messages:
            messages.error(request, text)


def form_page(
    request: HttpRequest, form, *, cluster, title: str, back_url: str, **extra
) -> HttpResponse:
    context = {
        "form": form,
        "cluster": cluster,
        "title": title,
        "back_url": back_url,
        "tab": "projects",
    }
    return render(request, "projects/form.html", context | extra)
