from django.urls import path

from educluster.market import views

app_name = "market"

urlpatterns = [
    path("clusters/<slug:slug>/market/", views.catalogue, name="catalogue"),
    path("clusters/<slug:slug>/market/new/", views.service_create, name="service_create"),
    path(
        "clusters/<slug:slug>/market/institutions/<int:pk>/requests/",
        views.institution_requests,
        name="requests",
    ),
    path("market/services/<int:pk>/", views.service_detail, name="service"),
    path("market/services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("market/services/<int:pk>/history/", views.service_history, name="service_history"),
    path(
        "market/requests/<int:pk>/<slug:step>/",
        views.request_step,
        name="request_step",
    ),
]
