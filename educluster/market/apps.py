from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "educluster.market"
    verbose_name = _("Educational services")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.market import rules  # noqa: F401 (registers the permissions)
        from educluster.market.home import section

        register_cluster_tab(
            ClusterTab(
                "market",
                _("Educational services"),
                "market:catalogue",
                72,
                lambda u, c: u.has_perm("market.view", c),
                group="community",
            )
        )
        register_home_section("market", 40, section)
