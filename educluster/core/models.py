"""Abstract pieces shared by the domain apps."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedNameMixin(models.Model):
    """Reference data named in each of the three interface languages.

    ``name`` gives the name in the active language, falling back to Uzbek, the default.
    """

    name_uz = models.CharField(_("name (Uzbek)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "uz")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_uz
