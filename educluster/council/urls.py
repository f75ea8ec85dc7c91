from django.urls import path

from educluster.council import views

app_name = "council"
urlpatterns = [
    path("clusters/<slug:slug>/council/", views.council, name="council"),
    path("clusters/<slug:slug>/council/members/add/", views.member_add, name="member_add"),
    path("clusters/<slug:slug>/council/meetings/new/", views.meeting_create, name="meeting_create"),
    path("clusters/<slug:slug>/council/plans/new/", views.plan_create, name="plan_create"),
    path("council/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("council/meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("council/meetings/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("council/meetings/<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("council/meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("council/meetings/<int:pk>/history/", views.meeting_history, name="meeting_history"),
    path("council/decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("council/decisions/<int:pk>/done/", views.decision_done, name="decision_done"),
    path("council/decisions/<int:pk>/history/", views.decision_history, name="decision_history"),
    path("council/plans/<int:pk>/", views.plan_detail, name="plan"),
    path("council/plans/<int:pk>/items/new/", views.plan_item_create, name="plan_item_create"),
]
