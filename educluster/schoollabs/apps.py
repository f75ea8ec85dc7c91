from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoollabsConfig(AppConfig):
    name = "educluster.schoollabs"
    verbose_name = _("School-Labs")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.schoollabs import home

        register_cluster_tab(
            ClusterTab(
                "labs",
                _("School-Labs"),
                "schoollabs:labs",
                30,
                lambda u, c: True,
                group="schoollabs",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "activities",
                _("Activities"),
                "schoollabs:activities",
                31,
                lambda u, c: True,
                group="schoollabs",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "practice",
                _("Practice"),
                "schoollabs:practice",
                32,
                lambda u, c: True,
                group="schoollabs",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "studies",
                _("Studies"),
                "schoollabs:studies",
                33,
                lambda u, c: u.has_perm("schoollabs.view_studies", c),
                group="schoollabs",
            )
        )
        register_home_section("schoollabs_practice", 25, home.practice_section)
