import time

from django.core.management.base import BaseCommand

from educluster.accounts.demo import DEMO_TOTP_SECRET
from educluster.engines.totp import secret_decode, totp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo admin account (demo key only)."

    def handle(self, *args, **options):
        now = time.time()
        left = 30 - int(now) % 30
        code = totp_code(secret_decode(DEMO_TOTP_SECRET), now)
        self.stdout.write(f"{code}  (valid for {left} more seconds)")
