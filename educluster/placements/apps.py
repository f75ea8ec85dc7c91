from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "educluster.placements"
    verbose_name = _("Placement rounds")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.placements import home

        register_cluster_tab(
            ClusterTab(
                "placements",
                _("Placements"),
                "placements:rounds",
                60,
                lambda u, c: True,
                group="placements",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "employment",
                _("Graduate employment"),
                "placements:employment",
                62,
                lambda u, c: True,
                group="placements",
            )
        )
        register_home_section("placements_rounds", 14, home.coordinator_section)
        register_home_section("placements_applicant", 20, home.applicant_section)
        register_home_section("placements_hosts", 30, home.host_section)
