from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "educluster.development"
    verbose_name = _("Professional development")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.development import home

        register_cluster_tab(
            ClusterTab(
                "development",
                _("Professional development"),
                "development:list",
                100,
                lambda u, c: u.has_perm("development.view", c),
                group="profession",
            )
        )
        register_home_section("development", 30, home.section)
