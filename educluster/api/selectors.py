"""Reading API tokens."""

from django.db.models import QuerySet
from django.http import Http404

from educluster.api.models import ApiToken


def tokens_of(user: object) -> QuerySet[ApiToken]:
    pk = getattr(user, "pk", None)
    return ApiToken.objects.filter(user_id=pk) if pk else ApiToken.objects.none()


def token_of(user: object, pk: int) -> ApiToken:
    try:
        return tokens_of(user).get(pk=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
