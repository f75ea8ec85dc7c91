from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "educluster.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab
        from educluster.projects import sections
        from educluster.projects.goal_sections import register_goal_section
        from educluster.projects.measures import Measure, register_measure
        from educluster.projects.selectors import student_share_value

        register_cluster_tab(
            ClusterTab(
                "goals", _("Goals"), "projects:goals", 35, lambda u, c: True, group="effectiveness"
            )
        )
        register_cluster_tab(
            ClusterTab(
                "projects", _("Projects"), "projects:list", 60, lambda u, c: True, group="projects"
            )
        )
        register_goal_section(
            "projects",
            _("Projects"),
            10,
            render=sections.goal_projects_section,
            count=sections.goal_projects_count,
        )
        register_measure(
            Measure(
                "student_research_share",
                _("Share of the lead department's students in research this year"),
                "%",
                compute=student_share_value,
            )
        )
