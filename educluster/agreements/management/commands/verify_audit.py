from django.core.management.base import BaseCommand, CommandError

from educluster.agreements.audit import verify_chain
from educluster.agreements.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the hash chain of the agreements event log; report the first broken link."

    def handle(self, *args, **options):
        checked, breaks = verify_chain()
        for b in breaks:
            event = AuditEvent.objects.filter(pk=b.event_id).first()
            self.stderr.write(
                f"cluster {b.cluster_id}: chain broken at event {b.event_id} ({b.reason})"
                + (f": {event}" if event else "")
            )
        if breaks:
            raise CommandError(f"{len(breaks)} broken chain(s) among {checked} events")
        self.stdout.write(self.style.SUCCESS(f"{checked} events verified; the chain is intact."))
