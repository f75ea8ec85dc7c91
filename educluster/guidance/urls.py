from django.urls import path

from educluster.guidance import views

app_name = "guidance"
urlpatterns = [
    path("clusters/<slug:slug>/guidance/", views.event_list, name="events"),
    path("clusters/<slug:slug>/guidance/new/", views.event_create, name="event_create"),
    path("guidance/events/<int:pk>/", views.event_detail, name="event"),
    path("guidance/events/<int:pk>/history/", views.event_history, name="event_history"),
]
