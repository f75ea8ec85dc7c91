from django.urls import path

from educluster.national import views

app_name = "national"

urlpatterns = [
    path("national/", views.overview, name="overview"),
    path("national/map/", views.national_map, name="map"),
    path("national/export.xlsx", views.overview_export, name="export"),
]
