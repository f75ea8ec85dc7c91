"""Load the demo cluster: the Fine Arts innovation cluster around Chirchiq State Pedagogical
Institute, with the registry from :mod:`educluster.registry.demo_data` and each domain app's
demo beside it. Deterministic: the same data every time; every row is marked as demo data.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from educluster.accounts.demo import DEMO_TOTP_ACCOUNTS, DEMO_TOTP_SECRET
from educluster.accounts.models import Role
from educluster.registry.demo_data import (
    ACCOUNTS,
    DEMO_PASSWORD,
    DOMAIN_DEMOS,
    SLUG,
    load_registry,
)
from educluster.registry.demo_names import person_name
from educluster.registry.models import Cluster

__all__ = ["ACCOUNTS", "DEMO_PASSWORD", "SLUG", "Command", "person_name"]


class Command(BaseCommand):
    help = "Load the demo Fine Arts innovation cluster (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only when no cluster exists.")

    def handle(self, *args, if_empty: bool = False, **options):
        if Cluster.objects.filter(slug=SLUG).exists() or (if_empty and Cluster.objects.exists()):
            self.stdout.write("The demo cluster is already loaded.")
            return
        with transaction.atomic():
            cluster = load_registry()
            # Each domain app adds its own demo data beside the registry's.
            for module_name in DOMAIN_DEMOS:
                app_name = module_name.rsplit(".", 1)[0]
                if not apps.is_installed(app_name):
                    continue
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError:
                    continue
                module.load(cluster=cluster)
        self.stdout.write(self.style.SUCCESS("Demo cluster loaded."))
        self.print_accounts(self.stdout)

    @staticmethod
    def print_accounts(out) -> None:
        out.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        with translation.override("en"):
            for username, role, *_rest in ACCOUNTS:
                label = str(Role(role).label) if role else "no role (sees nothing)"
                out.write(f"  {username:<12} {label}")
        out.write(
            f"Two-factor login of {', '.join(DEMO_TOTP_ACCOUNTS)}: add the key {DEMO_TOTP_SECRET} "
            "to a TOTP app, or run `manage.py demo_totp_code` for the current code."
        )
