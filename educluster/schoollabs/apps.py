from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoollabsConfig(AppConfig):
    name = "educluster.schoollabs"
    verbose_name = _("School-Labs")
