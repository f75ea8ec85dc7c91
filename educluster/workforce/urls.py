from django.urls import path

from educluster.workforce.views import (
    compare,
    forecast,
    overview,
    plan,
    positions,
    reference,
    scenarios,
    vacancies,
)

app_name = "workforce"

W = "clusters/<slug:slug>/workforce/"

urlpatterns = [
    path(W, overview.overview, name="overview"),
    # Positions and staff
    path(f"{W}positions/", positions.position_list, name="positions"),
    path(f"{W}positions/new/", positions.position_create, name="position_create"),
    path("positions/<int:pk>/", positions.position_detail, name="position"),
    path("positions/<int:pk>/edit/", positions.position_edit, name="position_edit"),
    path("positions/<int:pk>/history/", positions.position_history, name="position_history"),
    path("positions/<int:pk>/staff/new/", positions.staff_add, name="staff_add"),
    path("positions/<int:pk>/vacancy/new/", vacancies.vacancy_open, name="vacancy_open"),
    path("staff/<int:pk>/edit/", positions.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/end/", positions.staff_end, name="staff_end"),
    # Vacancies
    path(f"{W}vacancies/", vacancies.vacancy_list, name="vacancies"),
    path(f"{W}vacancy-board/", vacancies.vacancy_board, name="board"),
    path("vacancies/<int:pk>/", vacancies.vacancy_detail, name="vacancy"),
    path("vacancies/<int:pk>/edit/", vacancies.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/fill/", vacancies.vacancy_fill, name="vacancy_fill"),
    path("vacancies/<int:pk>/withdraw/", vacancies.vacancy_withdraw, name="vacancy_withdraw"),
    # Reference inputs
    path(f"{W}reference/", reference.reference_overview, name="reference"),
    path(f"{W}reference/history/", reference.reference_history, name="reference_history"),
    path(f"{W}reference/settings/", reference.settings_edit, name="settings_edit"),
    path(f"{W}reference/curriculum/", reference.curriculum_edit, name="curriculum_edit"),
    path(
        f"{W}reference/curriculum/example/",
        reference.curriculum_example,
        name="curriculum_example",
    ),
    path(f"{W}reference/attrition/", reference.attrition_edit, name="attrition_edit"),
    path(
        f"{W}reference/districts/<slug:code>/",
        reference.district_norm_edit,
        name="district_norm_edit",
    ),
    path(f"{W}reference/pupils/", reference.pupil_list, name="pupils"),
    path(
        f"{W}reference/pupils/<slug:code>/<int:year>/",
        reference.pupil_grid,
        name="pupil_grid",
    ),
    path(f"{W}reference/graduates/new/", reference.graduate_edit, name="graduate_create"),
    path(f"{W}reference/graduates/<int:pk>/", reference.graduate_edit, name="graduate_edit"),
    path(
        f"{W}reference/graduates/<int:pk>/delete/",
        reference.graduate_delete,
        name="graduate_delete",
    ),
    # Scenarios
    path(f"{W}scenarios/", scenarios.scenario_list, name="scenarios"),
    path(f"{W}scenarios/new/", scenarios.scenario_edit, name="scenario_create"),
    path(f"{W}scenarios/<int:pk>/", scenarios.scenario_edit, name="scenario_edit"),
    path(f"{W}scenarios/<int:pk>/history/", scenarios.scenario_history, name="scenario_history"),
    path(f"{W}scenarios/<int:pk>/delete/", scenarios.scenario_delete, name="scenario_delete"),
    # Forecasts
    path(f"{W}forecast/", forecast.forecast, name="forecast"),
    path(f"{W}forecast/compare/", compare.compare, name="compare"),
    path(f"{W}forecast/runs/", forecast.run_list, name="runs"),
    path(f"{W}forecast/runs/start/", forecast.run_start, name="run_start"),
    path(f"{W}forecast/runs/<int:pk>/", forecast.run_detail, name="run"),
    path(f"{W}forecast/runs/<int:pk>/export/", forecast.run_export, name="run_export"),
    path(f"{W}forecast/runs/<int:pk>/inputs/", forecast.run_snapshot, name="run_snapshot"),
    path(f"{W}forecast/runs/<int:pk>/publish/", forecast.run_publish, name="run_publish"),
    path(f"{W}forecast/runs/<int:pk>/rerun/", forecast.run_rerun, name="run_rerun"),
    path(f"{W}quotas/", plan.quota_plan, name="quota_plan"),
    path(f"{W}quotas/export/", plan.quota_plan_export, name="quota_plan_export"),
]
