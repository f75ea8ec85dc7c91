from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "educluster.council"
    verbose_name = _("Cluster council")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.council import home, rules  # noqa: F401 (registers the rules)

        register_cluster_tab(
            ClusterTab(
                "council",
                _("Council"),
                "council:council",
                20,
                lambda u, c: u.has_perm("council.view", c),
                group="community",
            )
        )
        register_home_section("council", 32, home.decisions_section)
