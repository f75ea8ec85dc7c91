from django.urls import path

from educluster.surveys import views

app_name = "surveys"

S = "clusters/<slug:slug>/surveys/"

urlpatterns = [
    path(S, views.survey_list, name="list"),
    path(f"{S}from-template/", views.from_template, name="from_template"),
    path(f"{S}<int:pk>/edit/", views.edit, name="edit"),
    path(f"{S}<int:pk>/", views.fill, name="fill"),
    path(f"{S}<int:pk>/results/", views.results, name="results"),
    path(f"{S}<int:pk>/results.xlsx", views.export, name="export"),
    path(f"{S}<int:pk>/history/", views.history, name="history"),
]
