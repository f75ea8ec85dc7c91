"""Small helpers shared by views and importers."""

from typing import cast

from django.db import models
from django.http import HttpRequest

from educluster.accounts.models import User


def verbose_name(model: type[models.Model], field: str) -> str:
    return str(cast(models.Field, model._meta.get_field(field)).verbose_name)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def request_user(request: HttpRequest) -> User:
    """The signed-in user of a view behind ``login_required``."""
    return cast(User, request.user)
