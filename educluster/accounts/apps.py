from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "educluster.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from educluster.core.navigation import ClusterTab, register_cluster_tab

        register_cluster_tab(
            ClusterTab(
                "people",
                _("People"),
                "accounts:people",
                30,
                lambda u, c: u.has_perm("registry.view_cluster_people", c),
                group="registry",
            )
        )
