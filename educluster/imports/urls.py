from django.urls import path

from educluster.imports import views

app_name = "imports"

urlpatterns = [
    path("<uuid:pk>/", views.import_job, name="job"),
    path("<uuid:pk>/confirm/", views.import_confirm, name="confirm"),
    path("<uuid:pk>/rerun/", views.import_rerun, name="rerun"),
    path("clusters/<slug:slug>/<str:kind>/", views.import_start, name="start"),
    path(
        "clusters/<slug:slug>/<str:kind>/template.<str:fmt>",
        views.import_template,
        name="template",
    ),
]
