from django.urls import path

from educluster.agreements import views

app_name = "agreements"

urlpatterns = [
    path("clusters/<slug:slug>/agreements/", views.agreement_list, name="list"),
    path("clusters/<slug:slug>/agreements/new/", views.agreement_create, name="create"),
    path("clusters/<slug:slug>/compliance/", views.compliance, name="compliance"),
    path("clusters/<slug:slug>/audit/", views.audit_verify, name="audit"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("agreements/<int:pk>/status/", views.agreement_transition, name="transition"),
    path("agreements/<int:pk>/renew/", views.agreement_renew, name="renew"),
    path("agreements/<int:pk>/scans/", views.scan_upload, name="scan_upload"),
    path("agreements/<int:pk>/events/", views.agreement_events, name="events"),
    path("agreements/<int:pk>/document.<str:fmt>", views.agreement_document, name="document"),
    path("agreements/<int:pk>/obligations/new/", views.obligation_edit, name="obligation_create"),
    path(
        "agreements/<int:pk>/obligations/<int:obligation_pk>/",
        views.obligation_edit,
        name="obligation_edit",
    ),
    path("scans/<int:pk>/", views.scan_download, name="scan"),
    path("occurrences/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("occurrences/<int:pk>/report/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/decide/", views.report_decide, name="report_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
