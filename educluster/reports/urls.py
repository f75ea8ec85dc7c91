from django.urls import path

from educluster.reports import views

app_name = "reports"

urlpatterns = [
    path("clusters/<slug:slug>/reports/", views.report_list, name="list"),
    path("clusters/<slug:slug>/reports/new/", views.report_request, name="request"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/<str:kind>/", views.report_file, name="file"),
]
