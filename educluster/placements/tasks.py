"""Background work of placement rounds. Tasks take the round id and are safe to run twice."""

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]

from educluster.placements.services import round_execute


@task
def run_round(round_id: int) -> str:
    """Match a round that the coordinator started; a round not in "running" is left alone."""
    return round_execute(round_id=round_id).status
