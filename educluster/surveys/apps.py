from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "educluster.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.surveys import home, rules  # noqa: F401 (registers the rules)

        register_cluster_tab(
            ClusterTab(
                "surveys",
                _("Surveys"),
                "surveys:list",
                60,
                lambda u, c: u.has_perm("surveys.view", c),
                group="community",
            )
        )
        register_home_section("surveys", 30, home.open_surveys_section)
