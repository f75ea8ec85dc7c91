"""Background work of imports. Tasks take the job id and are safe to run twice."""

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]

from educluster.imports import services


@task
def validate_import(job_id: str) -> str:
    return services.import_validate(job_id=job_id).status


@task
def apply_import(job_id: str) -> str:
    return services.import_apply(job_id=job_id).status
