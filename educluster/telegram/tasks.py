"""Background sending of Telegram notices. Django's Tasks API has no retries of its own:
``delivery_attempt`` schedules the next attempt with back-off."""

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]


@task
def deliver(delivery_id: int) -> str:
    from educluster.telegram.services import delivery_attempt

    return delivery_attempt(delivery_id=delivery_id).status
