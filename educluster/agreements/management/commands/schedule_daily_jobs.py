from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from educluster.agreements.tasks import daily_agreement_jobs, next_run_after


class Command(BaseCommand):
    help = "Queue the daily agreements job (reminders, expiry) unless one is already queued."

    def handle(self, *args, **options):
        queued = DBTaskResult.objects.filter(
            task_path=daily_agreement_jobs.module_path, status="READY"
        ).exists()
        if queued:
            self.stdout.write("The daily job is already queued.")
            return
        daily_agreement_jobs.using(run_after=next_run_after(timezone.now())).enqueue()
        self.stdout.write("The daily job is queued.")
