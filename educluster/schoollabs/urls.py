from django.urls import path

from educluster.schoollabs.views import (
    activities,
    awards,
    instruments,
    labs,
    practice,
    report,
    studies,
)

app_name = "schoollabs"

urlpatterns = [
    # Labs and terms
    path("clusters/<slug:slug>/labs/", labs.lab_list, name="labs"),
    path("clusters/<slug:slug>/labs/new/", labs.lab_create, name="lab_create"),
    path("clusters/<slug:slug>/labs/terms/", labs.term_list, name="terms"),
    path("clusters/<slug:slug>/labs/terms/<int:pk>/", labs.term_edit, name="term_edit"),
    path("labs/<int:pk>/", labs.lab_detail, name="lab"),
    path("labs/<int:pk>/edit/", labs.lab_edit, name="lab_edit"),
    path("labs/<int:pk>/history/", labs.lab_history, name="lab_history"),
    # Activities and calendars
    path("clusters/<slug:slug>/activities/", activities.activity_list, name="activities"),
    path(
        "clusters/<slug:slug>/activities/calendar/",
        activities.activity_calendar,
        name="calendar",
    ),
    path("labs/<int:pk>/activities/new/", activities.activity_create, name="activity_create"),
    path(
        "clusters/<slug:slug>/activities/new/",
        activities.activity_create_anywhere,
        name="activity_create_anywhere",
    ),
    path("clusters/<slug:slug>/activities.ics", activities.cluster_ical, name="cluster_ical"),
    path(
        "calendar/<str:token>/clusters/<slug:slug>.ics",
        activities.cluster_ical_feed,
        name="cluster_feed",
    ),
    path("activities/<int:pk>/awards/", awards.award_add, name="award_add"),
    path(
        "activities/<int:pk>/awards/<int:award_pk>/delete/",
        awards.award_delete,
        name="award_delete",
    ),
    path("labs/<int:pk>/calendar.ics", activities.lab_ical, name="lab_ical"),
    path("calendar/<str:token>/labs/<int:pk>.ics", activities.lab_ical_feed, name="lab_feed"),
    path("calendar/token/", activities.calendar_token, name="calendar_token"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", activities.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/history/", activities.activity_history, name="activity_history"),
    path("activities/<int:pk>/files/", activities.evidence_add, name="evidence_add"),
    path("activities/<int:pk>/files/<int:file_pk>/", activities.evidence_file, name="evidence"),
    path(
        "activities/<int:pk>/files/<int:file_pk>/delete/",
        activities.evidence_delete,
        name="evidence_delete",
    ),
    # Practice
    path("clusters/<slug:slug>/practice/", practice.practice_list, name="practice"),
    path("labs/<int:pk>/placements/new/", practice.placement_create, name="placement_create"),
    path("placements/<int:pk>/", practice.placement_detail, name="placement"),
    path("placements/<int:pk>/edit/", practice.placement_edit, name="placement_edit"),
    path("placements/<int:pk>/history/", practice.placement_history, name="placement_history"),
    path("placements/<int:pk>/hours/new/", practice.hours_create, name="hours_create"),
    path("placements/<int:pk>/hours/<int:log_pk>/", practice.hours_edit, name="hours_edit"),
    path(
        "placements/<int:pk>/hours/<int:log_pk>/decide/",
        practice.hours_decide,
        name="hours_decide",
    ),
    path("placements/<int:pk>/evaluation/", practice.evaluation_edit, name="evaluation"),
    path("practice/students/<int:pk>/", practice.trainee_record, name="trainee"),
    path("practice/mine/", practice.my_practice, name="my_practice"),
    # Studies and instruments
    path("clusters/<slug:slug>/studies/", studies.study_list, name="studies"),
    path("clusters/<slug:slug>/studies/new/", studies.study_create, name="study_create"),
    path("clusters/<slug:slug>/studies/access-log/", studies.access_log, name="access_log"),
    path("clusters/<slug:slug>/instruments/", instruments.instrument_list, name="instruments"),
    path(
        "clusters/<slug:slug>/instruments/new/",
        instruments.instrument_create,
        name="instrument_create",
    ),
    path("instruments/<int:pk>/", instruments.instrument_detail, name="instrument"),
    path("instruments/<int:pk>/edit/", instruments.instrument_edit, name="instrument_edit"),
    path(
        "instruments/<int:pk>/history/",
        instruments.instrument_history,
        name="instrument_history",
    ),
    path("instruments/<int:pk>/items/new/", instruments.item_edit, name="item_create"),
    path("instruments/<int:pk>/items/<int:item_pk>/", instruments.item_edit, name="item_edit"),
    path(
        "instruments/<int:pk>/items/<int:item_pk>/delete/",
        instruments.item_delete,
        name="item_delete",
    ),
    path("studies/<int:pk>/", studies.study_detail, name="study"),
    path("studies/<int:pk>/edit/", studies.study_edit, name="study_edit"),
    path("studies/<int:pk>/history/", studies.study_history, name="study_history"),
    path("studies/<int:pk>/classes/new/", studies.group_edit, name="group_create"),
    path("studies/<int:pk>/classes/<int:group_pk>/", studies.group_edit, name="group_edit"),
    path(
        "studies/<int:pk>/classes/<int:group_pk>/delete/",
        studies.group_delete,
        name="group_delete",
    ),
    path("studies/<int:pk>/results/", studies.results_list, name="results"),
    path("studies/<int:pk>/results/enter/", studies.results_enter, name="results_enter"),
    path("studies/<int:pk>/data.xlsx", studies.data_export, name="data_export"),
    path("studies/<int:pk>/report/", report.study_report, name="report"),
    path("studies/<int:pk>/report.pdf", report.study_report_pdf, name="report_pdf"),
]
