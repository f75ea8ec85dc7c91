from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    """The signed-in user's preferred language; otherwise the language switch; otherwise Uzbek.

    Django's own middleware follows the browser's Accept-Language, which in the region is most
    often Russian or English whatever the user prefers; the product's default is Uzbek. A
    signed-in user's account preference wins over the cookie (so a shared computer does not
    decide for them); switching the language while signed in updates the preference (see
    ``accounts.views.set_language``). Runs after the authentication middleware.
    """

    def process_request(self, request: HttpRequest) -> None:
        supported = {code for code, _name in settings.LANGUAGES}
        language = ""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = getattr(user, "preferred_language", "")
        if language not in supported:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
