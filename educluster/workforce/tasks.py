"""Background work of the workforce app. Tasks take the run id and are safe to run twice."""

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]

from educluster.workforce import services


@task
def run_forecast_task(run_id: int) -> str:
    return services.forecast_run_execute(run_id=run_id).status
