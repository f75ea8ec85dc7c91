from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "educluster.recognition"
    verbose_name = _("Recognition and support")

    def ready(self) -> None:
        from educluster.accounts.scoping import scope_for
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )
        from educluster.recognition import home, rules  # noqa: F401 (registration)

        def sees(user, cluster) -> bool:
            return scope_for(user).sees_cluster(cluster.pk)

        register_cluster_tab(
            ClusterTab(
                "recognition", _("Recognition"), "recognition:list", 120, sees, group="profession"
            )
        )
        register_home_section("recognition_mentor", 30, home.mentor_section)
        register_home_section("recognition_head", 31, home.head_section)
