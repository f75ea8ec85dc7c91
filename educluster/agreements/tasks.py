"""The daily job of the agreements domain, run by the task worker."""

from datetime import datetime, time, timedelta

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
from django.utils import timezone

from educluster.agreements.reminders import send_reminders
from educluster.agreements.services import agreements_expire

DAILY_AT = time(7, 0)


def next_run_after(now: datetime) -> datetime:
    """Tomorrow (or today, if it is still early) at 07:00 local time."""
    local = timezone.localtime(now)
    candidate = local.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate


@task
def daily_agreement_jobs(reschedule: bool = True) -> dict:
    """Expire agreements past their term and send the reminders, once a day; then queue the
    next day's run. Running twice on one day sends nothing twice (see ReminderRun)."""
    expired = agreements_expire()
    sent = send_reminders()
    if reschedule:
        daily_agreement_jobs.using(run_after=next_run_after(timezone.now())).enqueue()
    return {"expired": expired, "emails": sent}
