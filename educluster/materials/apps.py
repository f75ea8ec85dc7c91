from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "educluster.materials"
    verbose_name = _("Materials")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab
        from educluster.materials import selectors
        from educluster.projects.goal_sections import register_goal_section
        from educluster.projects.measures import Measure, register_measure

        register_cluster_tab(
            ClusterTab(
                "materials",
                _("Materials"),
                "materials:list",
                70,
                lambda u, c: True,
                group="projects",
            )
        )
        register_goal_section(
            "materials",
            _("Methodological materials"),
            40,
            render=lambda goal, user: (
                "materials/_goal_materials.html",
                {"materials": selectors.goal_materials(goal, user)},
            ),
            count=selectors.goal_material_counts,
        )
        register_measure(
            Measure(
                "adopting_members_share",
                _("Share of members that adopted at least one material this year"),
                "%",
                compute=selectors.adopting_share_value,
            )
        )
        register_measure(
            Measure(
                "adopted_materials_count",
                _("Published materials adopted by at least one member"),
                "",
                compute=selectors.adopted_materials_value,
            )
        )
