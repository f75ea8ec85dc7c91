from django.urls import path

from educluster.feedback import views

app_name = "feedback"

F = "clusters/<slug:slug>/feedback/"

urlpatterns = [
    path(F, views.index, name="index"),
    path(f"{F}give/<int:pk>/", views.give, name="give"),
    path(f"{F}summary.xlsx", views.export, name="export"),
    path(f"{F}<int:pk>/edit/", views.edit, name="edit"),
    path(f"{F}<int:pk>/history/", views.history, name="history"),
]
