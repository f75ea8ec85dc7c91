from django.urls import path

from educluster.development import views

app_name = "development"

urlpatterns = [
    path("clusters/<slug:slug>/development/", views.event_list, name="list"),
    path("clusters/<slug:slug>/development/new/", views.event_create, name="create"),
    path("clusters/<slug:slug>/development/norm/", views.norm_set, name="norm"),
    path("clusters/<slug:slug>/development/staff/", views.staff, name="staff"),
    path("development/events/<int:pk>/", views.event_detail, name="event"),
    path("development/events/<int:pk>/register/", views.register, name="register"),
    path("development/events/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("development/events/<int:pk>/close/", views.close, name="close"),
    path("development/events/<int:pk>/history/", views.event_history, name="history"),
    path("development/checkin/<str:token>/", views.checkin, name="checkin"),
    path("development/mine/", views.my_development, name="mine"),
    path(
        "development/certificates/<int:pk>/pdf/",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify, name="verify_code"),
]
