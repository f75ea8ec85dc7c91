"""The data migration that turned free-text ``Host.link`` into foreign keys, run directly on
rows made for the test: matching text is linked, the rest is kept and listed, twice is once."""

import importlib

import pytest
from django.apps import apps

from educluster.placements.models import Host, PlacementRound
from educluster.schoollabs.models import SchoolLab, Term

pytestmark = pytest.mark.django_db

migration = importlib.import_module("educluster.placements.migrations.0003_hosts_link_to_keys")


@pytest.fixture
def hosts(cluster):
    """Text-only hosts in a practice round: one names the lab at its school, one names nothing,
    one names a lab of another school."""
    lab = SchoolLab.objects.filter(cluster=cluster).order_by("pk").first()
    term = Term.objects.filter(cluster=cluster).order_by("pk").first()
    rnd = PlacementRound.objects.filter(cluster=cluster, kind="practice").order_by("pk").first()
    PlacementRound.objects.filter(pk=rnd.pk).update(lab_term=term)
    template = Host.objects.filter(round=rnd).order_by("pk").first()

    def make(institution, link):
        host = Host.objects.get(pk=template.pk)
        host.pk = None
        host.institution = institution
        host.label = f"Test {link[:20]}"
        host.link = link
        host.lab = host.term = host.vacancy = host.offer = None
        host.save()
        return host

    matched = make(lab.host, "  " + lab.name.upper() + " ")
    unmatched = make(lab.host, "Yoʻq laboratoriya nomi")
    elsewhere = SchoolLab.objects.filter(cluster=cluster).exclude(host=lab.host).first()
    wrong_school = make(elsewhere.host, lab.name)
    return lab, term, matched, unmatched, wrong_school


def test_it_links_matching_text_and_keeps_the_rest(hosts, capsys):
    lab, term, matched, unmatched, wrong_school = hosts
    migration.forwards(apps, None)
    matched.refresh_from_db()
    assert matched.lab == lab and matched.term == term
    assert matched.link.strip().casefold() == lab.name.casefold()  # the text stays
    for host in (unmatched, wrong_school):
        host.refresh_from_db()
        assert host.lab is None and host.vacancy is None
        assert host.link  # kept as text
    listed = capsys.readouterr().out
    assert f"host {unmatched.pk} " in listed and "Yoʻq laboratoriya nomi" in listed
    assert f"host {wrong_school.pk} " in listed
    assert f"host {matched.pk} " not in listed


def test_it_is_idempotent(hosts, capsys):
    _lab, _term, matched, _unmatched, _wrong = hosts
    migration.forwards(apps, None)
    first = list(Host.objects.order_by("pk").values_list("pk", "lab", "term", "vacancy", "link"))
    capsys.readouterr()
    migration.forwards(apps, None)
    again = list(Host.objects.order_by("pk").values_list("pk", "lab", "term", "vacancy", "link"))
    assert again == first
    assert f"host {matched.pk} " not in capsys.readouterr().out
