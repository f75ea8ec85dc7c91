from django.urls import path

from educluster.recognition import views

app_name = "recognition"

urlpatterns = [
    path("clusters/<slug:slug>/recognition/", views.recognition_list, name="list"),
    path("clusters/<slug:slug>/recognition/new/", views.recognition_create, name="create"),
    path("clusters/<slug:slug>/recognition/mentoring/", views.pair_list, name="pairs"),
    path("clusters/<slug:slug>/recognition/mentoring/new/", views.pair_create, name="pair_create"),
    path("recognition/<int:pk>/evidence/", views.evidence_download, name="evidence"),
    path("recognition/<int:pk>/history/", views.recognition_history, name="history"),
    path("recognition/people/<int:pk>/", views.person_recognitions, name="person"),
    path("recognition/mentoring/<int:pk>/", views.pair_detail, name="pair"),
    path("recognition/mentoring/<int:pk>/history/", views.pair_history, name="pair_history"),
]
