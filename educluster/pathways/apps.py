from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "educluster.pathways"
    verbose_name = _("Continuity pathways")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab

        register_cluster_tab(
            ClusterTab(
                "pathways",
                _("Continuity"),
                "pathways:overview",
                64,
                lambda u, c: True,
                group="placements",
            )
        )
