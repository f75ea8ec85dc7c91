"""The demo's two-factor login: the ``admin`` account has an authenticator enrolled with a
fixed, published key, so the demo (and the browser tests, see ``login()`` in conftest) can log
in as the administrator. Any TOTP app accepts the key; ``manage.py demo_totp_code`` prints the
current code. A real deployment never has this account (the demo is for demonstrations)."""

from django.utils import timezone

from educluster.accounts.models import TwoFactorDevice, User
from educluster.registry.models import Cluster

# 20 bytes in base32; published in the README and by ``demo_accounts``.
DEMO_TOTP_SECRET = "EDUCLUSTERDEMOADMINTOTPKEY234567"
DEMO_TOTP_ACCOUNTS = ["admin"]


def load(*, cluster: Cluster) -> None:
    for user in User.objects.filter(username__in=DEMO_TOTP_ACCOUNTS):
        TwoFactorDevice.objects.get_or_create(
            user=user,
            defaults={"secret": DEMO_TOTP_SECRET, "confirmed_at": timezone.now()},
        )
