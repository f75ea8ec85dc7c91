"""Background work of the reports app. The task takes the report id and is safe to run twice."""

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]

from educluster.reports import services


@task
def build_annual_report_task(report_id: int) -> str:
    return services.annual_report_build(report_id=report_id).status
