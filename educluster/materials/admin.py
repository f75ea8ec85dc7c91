from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.materials.models import Adoption, Material, MaterialFile
from educluster.materials.search import reindex


class MaterialFileInline(admin.TabularInline):
    model = MaterialFile
    extra = 0
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["name", "size", "uploaded_by", "uploaded_at"]


@admin.register(Material)
class MaterialAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "kind", "level", "language", "status", "published_on"]
    list_filter = ["status", "kind", "level", "language"]
    search_fields = ["title", "subject", "tags"]
    raw_id_fields = ["project"]
    filter_horizontal = ["authors", "goals"]
    inlines = [MaterialFileInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An admin save writes every column; put the search text back once authors are set.
        reindex(form.instance)


@admin.register(Adoption)
class AdoptionAdmin(SimpleHistoryAdmin):
    list_display = ["material", "institution", "adopted_on", "rating"]
    list_filter = ["rating"]
    raw_id_fields = ["material", "institution", "teacher"]
