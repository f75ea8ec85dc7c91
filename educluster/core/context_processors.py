from django.http import HttpRequest

from educluster.accounts.scoping import scope_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"scope": scope_for(user)}
