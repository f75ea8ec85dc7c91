from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from educluster.accounts.views import set_language

urlpatterns = [
    # The admin site's own login form would skip the two-factor step: use the site's login.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    # The language switch also records a signed-in user's preferred language.
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("educluster.accounts.auth_urls")),
    path("", include("educluster.accounts.urls")),
    path("imports/", include("educluster.imports.urls")),
    path("api/", include("educluster.api.urls")),
    path("", include("educluster.registry.urls")),
    path("", include("educluster.agreements.urls")),
    path("", include("educluster.schoollabs.urls")),
    path("", include("educluster.projects.urls")),
    path("", include("educluster.materials.urls")),
    path("", include("educluster.workforce.urls")),
    path("", include("educluster.placements.urls")),
    path("", include("educluster.pathways.urls")),
    path("", include("educluster.effectiveness.urls")),
    path("", include("educluster.development.urls")),
    path("", include("educluster.guidance.urls")),
    path("", include("educluster.recognition.urls")),
    path("", include("educluster.surveys.urls")),
    path("", include("educluster.market.urls")),
    path("", include("educluster.council.urls")),
    path("", include("educluster.feedback.urls")),
    path("", include("educluster.telegram.urls")),
    path("", include("educluster.reports.urls")),
    path("", include("educluster.national.urls")),
    path("", include("educluster.security.urls")),
    path("", include("educluster.core.urls")),
]

# A database briefly out of reach is a 503 page (problem+json under /api/), not a 500.
handler500 = "educluster.core.errors.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
