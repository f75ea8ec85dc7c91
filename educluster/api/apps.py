from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "educluster.api"
    label = "api"
    verbose_name = _("Open API")

    def ready(self) -> None:
        # Registers the token authentication with drf-spectacular (a security scheme).
        from educluster.api import schema  # noqa: F401
