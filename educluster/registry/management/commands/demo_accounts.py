from django.core.management.base import BaseCommand

from educluster.accounts.models import User
from educluster.registry.management.commands.seed_demo import ACCOUNTS
from educluster.registry.management.commands.seed_demo import Command as SeedCommand


class Command(BaseCommand):
    help = "Print the demo accounts, when the demo cluster is loaded."

    def handle(self, *args, **options):
        if User.objects.filter(username__in=[a[0] for a in ACCOUNTS]).exists():
            SeedCommand.print_accounts(self.stdout)
