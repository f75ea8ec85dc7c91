from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "educluster.reports"
    label = "reports"
    verbose_name = _("annual reports")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab
        from educluster.reports import rules  # noqa: F401  (registers the permissions)

        register_cluster_tab(
            ClusterTab(
                "reports",
                _("Annual reports"),
                "reports:list",
                95,
                lambda u, c: u.has_perm("reports.view", c),
                group="effectiveness",
            )
        )
