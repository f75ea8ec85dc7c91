from django.urls import path

from educluster.placements.views import employment, inputs, loop, rounds

app_name = "placements"

urlpatterns = [
    path("clusters/<slug:slug>/placements/", rounds.round_list, name="rounds"),
    path("clusters/<slug:slug>/placements/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/progress/", rounds.round_progress, name="round_progress"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/open/", rounds.round_open, name="round_open"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
    path("rounds/<int:pk>/run/", rounds.round_run, name="round_run"),
    path("rounds/<int:pk>/review/", rounds.round_review, name="round_review"),
    path("rounds/<int:pk>/publish/", rounds.round_publish, name="round_publish"),
    path("rounds/<int:pk>/second-round/", rounds.round_second, name="round_second"),
    path("rounds/<int:pk>/correct/", rounds.round_correct, name="round_correct"),
    path("rounds/<int:pk>/results/", rounds.round_results, name="results"),
    path("rounds/<int:pk>/history/", rounds.round_history, name="round_history"),
    path("rounds/<int:pk>/hosts/", inputs.host_list, name="hosts"),
    path("rounds/<int:pk>/hosts/new/", inputs.host_edit, name="host_create"),
    path("rounds/<int:pk>/hosts/generate/", loop.hosts_generate, name="hosts_generate"),
    path("rounds/<int:pk>/reset/", loop.round_reset, name="round_reset"),
    path("rounds/<int:pk>/hosts/<int:host_pk>/", inputs.host_detail, name="host"),
    path("rounds/<int:pk>/hosts/<int:host_pk>/edit/", inputs.host_edit, name="host_edit"),
    path("rounds/<int:pk>/hosts/<int:host_pk>/remove/", inputs.host_remove, name="host_remove"),
    path("rounds/<int:pk>/hosts/<int:host_pk>/ranking/", inputs.host_rank, name="host_rank"),
    path("rounds/<int:pk>/applicants/", inputs.applicant_list, name="applicants"),
    path(
        "rounds/<int:pk>/applicants/<int:applicant_pk>/",
        inputs.applicant_detail,
        name="applicant",
    ),
    path(
        "rounds/<int:pk>/applicants/<int:applicant_pk>/remove/",
        inputs.applicant_remove,
        name="applicant_remove",
    ),
    path("rounds/<int:pk>/my-list/", inputs.my_preferences, name="my_preferences"),
    path("rounds/<int:pk>/my-list/edit/", inputs.my_preferences_edit, name="my_preferences_edit"),
    path("rounds/<int:pk>/my-result/", inputs.my_result, name="my_result"),
    path("rounds/<int:pk>/my-result/answer/", inputs.my_result_respond, name="my_result_respond"),
    path("rounds/<int:pk>/employment/", employment.outcomes_from_round, name="outcomes_from_round"),
    path("clusters/<slug:slug>/employment/", employment.employment_overview, name="employment"),
    path("clusters/<slug:slug>/employment/graduates/", employment.outcome_list, name="outcomes"),
    path(
        "clusters/<slug:slug>/employment/graduates/new/",
        employment.outcome_create,
        name="outcome_create",
    ),
    path("graduates/<int:pk>/", employment.outcome_detail, name="outcome"),
    path("graduates/<int:pk>/report/", employment.outcome_report, name="outcome_report"),
    path("graduates/<int:pk>/confirm/", employment.outcome_confirm, name="outcome_confirm"),
    path("clusters/<slug:slug>/contracts/", employment.contract_list, name="contracts"),
    path("clusters/<slug:slug>/contracts/new/", employment.contract_edit, name="contract_create"),
    path("contracts/<int:pk>/", employment.contract_edit, name="contract_edit"),
]
