from django.urls import path

from educluster.effectiveness import views

app_name = "effectiveness"

E = "clusters/<slug:slug>/effectiveness/"

urlpatterns = [
    path(E, views.overview, name="overview"),
    path(f"{E}runs/", views.run_start, name="run_start"),
    path(f"{E}runs/<int:pk>/", views.run_detail, name="run"),
    path(f"{E}runs/<int:pk>/inputs.json", views.run_inputs, name="run_inputs"),
    path(f"{E}runs/<int:pk>/why/<str:key>/", views.trace, name="trace"),
    path(f"{E}members/<int:pk>/", views.member, name="member"),
    path(f"{E}manual/", views.manual, name="manual"),
    path(f"{E}evidence/<int:pk>/", views.evidence, name="evidence"),
    path(f"{E}self-assessment/", views.self_assessment, name="self_assessment"),
]
