"""Background work of the effectiveness app. Tasks take the run id and are safe to run twice."""

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]

from educluster.effectiveness import services


@task
def recompute_task(run_id: int) -> str:
    return services.index_run_execute(run_id=run_id).status
