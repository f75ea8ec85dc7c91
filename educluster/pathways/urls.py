from django.urls import path

from educluster.pathways import views

app_name = "pathways"

urlpatterns = [
    path("clusters/<slug:slug>/pathways/", views.overview, name="overview"),
    path("clusters/<slug:slug>/pathways/list/", views.learner_list, name="learners"),
    path("clusters/<slug:slug>/pathways/new/", views.learner_create, name="learner_create"),
    path("pathways/<int:pk>/", views.learner_detail, name="learner"),
    path("pathways/<int:pk>/stages/new/", views.stage_edit, name="stage_create"),
    path("pathways/<int:pk>/stages/<int:stage_pk>/", views.stage_edit, name="stage_edit"),
    path(
        "pathways/<int:pk>/stages/<int:stage_pk>/delete/",
        views.stage_delete,
        name="stage_delete",
    ),
    path("pathways/<int:pk>/enrol/", views.learner_enrol, name="learner_enrol"),
    path("pathways/<int:pk>/withdraw/", views.learner_withdraw, name="learner_withdraw"),
    path("pathways/<int:pk>/history/", views.learner_history, name="learner_history"),
]
