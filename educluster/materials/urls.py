from django.urls import path

from educluster.materials import views

app_name = "materials"

urlpatterns = [
    path("clusters/<slug:slug>/materials/", views.material_list, name="list"),
    path("clusters/<slug:slug>/materials/new/", views.material_create, name="create"),
    path("clusters/<slug:slug>/materials/spread/", views.spread, name="spread"),
    path("materials/<int:pk>/", views.material_detail, name="material"),
    path("materials/<int:pk>/edit/", views.material_edit, name="edit"),
    path("materials/<int:pk>/publish/", views.material_publish, name="publish"),
    path("materials/<int:pk>/history/", views.material_history, name="history"),
    path("materials/<int:pk>/files/", views.file_upload, name="file_upload"),
    path("materials/<int:pk>/files/<int:file_pk>/", views.file_download, name="file"),
    path("materials/<int:pk>/files/<int:file_pk>/delete/", views.file_delete, name="file_delete"),
    path("materials/<int:pk>/adopt/", views.adopt, name="adopt"),
    path(
        "materials/<int:pk>/adoptions/<int:adoption_pk>/delete/",
        views.adoption_delete,
        name="adoption_delete",
    ),
]
