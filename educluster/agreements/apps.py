from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "educluster.agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from educluster.accounts.scoping import scope_for
        from educluster.core.navigation import (
            ClusterTab,
            register_cluster_tab,
            register_home_section,
        )

        def reads_agreements(user, cluster) -> bool:
            scope = scope_for(user)
            return scope.sees_everything or cluster.pk in scope.cluster_ids

        register_cluster_tab(
            ClusterTab(
                "agreements",
                _("Agreements"),
                "agreements:list",
                40,
                reads_agreements,
                group="agreements",
            )
        )
        register_cluster_tab(
            ClusterTab(
                "compliance",
                _("Mutual control"),
                "agreements:compliance",
                45,
                reads_agreements,
                group="agreements",
            )
        )

        def waiting_section(user):
            from educluster.agreements.selectors import waiting_for

            waiting = waiting_for(user)
            return ("agreements/_home_waiting.html", {"waiting": waiting}) if waiting else None

        register_home_section("agreements", 10, waiting_section)
        from educluster.agreements import home

        register_home_section("agreements_overdue", 12, home.overdue_section)

        from educluster.agreements import goal_section
        from educluster.projects.goal_sections import register_goal_section

        register_goal_section(
            "obligations",
            _("Agreement obligations"),
            20,
            goal_section.render,
            goal_section.count,
        )
