from django.urls import path

from educluster.registry import views

app_name = "registry"

urlpatterns = [
    path("clusters/new/", views.cluster_create, name="cluster_create"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("clusters/<slug:slug>/map/", views.cluster_map, name="cluster_map"),
    path("clusters/<slug:slug>/edit/", views.cluster_edit, name="cluster_edit"),
    path("clusters/<slug:slug>/history/", views.cluster_history, name="cluster_history"),
    path("clusters/<slug:slug>/goals/new/", views.goal_edit, name="goal_create"),
    path("clusters/<slug:slug>/goals/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("clusters/<slug:slug>/goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path(
        "clusters/<slug:slug>/goals/<int:goal_pk>/indicators/new/",
        views.indicator_edit,
        name="indicator_create",
    ),
    path(
        "clusters/<slug:slug>/goals/<int:goal_pk>/indicators/<int:pk>/",
        views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "clusters/<slug:slug>/goals/<int:goal_pk>/indicators/<int:pk>/delete/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path("clusters/<slug:slug>/institutions/", views.institution_list, name="institutions"),
    path(
        "clusters/<slug:slug>/institutions/new/",
        views.institution_create,
        name="institution_create",
    ),
    path("clusters/<slug:slug>/members/", views.member_list, name="members"),
    path("clusters/<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path("clusters/<slug:slug>/members/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("clusters/<slug:slug>/members/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
    path("institutions/<int:pk>/history/", views.institution_history, name="institution_history"),
]
