from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "educluster.workforce"
    verbose_name = _("Teacher workforce")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab

        register_cluster_tab(
            ClusterTab(
                "workforce",
                _("Workforce"),
                "workforce:overview",
                60,
                lambda u, c: u.has_perm("workforce.view_aggregates", c),
                group="workforce",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "vacancy_board",
                _("Vacancies"),
                "workforce:board",
                61,
                lambda u, c: u.has_perm("workforce.view_vacancy_board", c),
                group="workforce",
            )
        )
