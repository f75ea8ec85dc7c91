from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "educluster.registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab

        register_cluster_tab(
            ClusterTab(
                "overview",
                _("Overview"),
                "registry:cluster",
                0,
                lambda u, c: True,
                group="registry",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "institutions",
                _("Institutions"),
                "registry:institutions",
                10,
                lambda u, c: True,
                group="registry",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "members",
                _("Members"),
                "registry:members",
                20,
                lambda u, c: u.has_perm("registry.manage_cluster", c),
                group="registry",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "map",
                _("Map"),
                "registry:cluster_map",
                30,
                lambda u, c: True,
                group="registry",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "history",
                _("History"),
                "registry:cluster_history",
                1000,
                lambda u, c: True,
                group="registry",
            )
        )
