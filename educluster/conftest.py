"""The named cast every test uses, from the deterministic demo cluster.

coordinator · head (member head of a School-Lab school) · faculty · student · mentor · analyst ·
admin · outsider (an account with no role) — see ``seed_demo``.
"""

import os

import pytest
from django.core.management import call_command
from django.test import Client

from educluster.accounts.models import User
from educluster.registry.management.commands.seed_demo import SLUG

CAST = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin", "outsider"]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture
def cluster(db):
    from educluster.registry.models import Cluster

    return Cluster.objects.get(slug=SLUG)


@pytest.fixture
def cast(db) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=CAST)}


@pytest.fixture
def client_as(cast):
    def make(name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(cast[name])
        return client

    return make
