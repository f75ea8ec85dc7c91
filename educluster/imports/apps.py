from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "educluster.imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        from educluster.core.navigation import register_home_section
        from educluster.imports import home

        register_home_section("imports_waiting", 16, home.waiting_section)
