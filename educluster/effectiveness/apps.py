from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EffectivenessConfig(AppConfig):
    name = "educluster.effectiveness"
    verbose_name = _("Effectiveness")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab

        register_cluster_tab(
            ClusterTab(
                "effectiveness",
                _("Effectiveness"),
                "effectiveness:overview",
                90,
                lambda u, c: u.has_perm("effectiveness.view", c),
                group="effectiveness",
            )
        )
