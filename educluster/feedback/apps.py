from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "educluster.feedback"
    verbose_name = _("Programme feedback")

    def ready(self) -> None:
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.feedback import home, rules  # noqa: F401

        register_cluster_tab(
            ClusterTab(
                "feedback",
                _("Feedback"),
                "feedback:index",
                150,
                lambda u, c: u.has_perm("feedback.view", c),
                group="community",
            )
        )
        register_home_section("feedback_waiting", 40, home.waiting_section)
