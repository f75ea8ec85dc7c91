from django.urls import path

from educluster.security import views

app_name = "security"

urlpatterns = [
    path("security/events/", views.event_list, name="events"),
]
