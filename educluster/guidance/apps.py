from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "educluster.guidance"
    verbose_name = _("Career guidance")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.guidance import rules  # noqa: F401
        from educluster.guidance.home import section

        register_cluster_tab(
            ClusterTab(
                "guidance",
                _("Career guidance"),
                "guidance:events",
                62,
                lambda u, c: u.has_perm("guidance.view", c),
                group="profession",
            )
        )
        register_home_section("guidance", 35, section)
