"""Security sweep (issue 15 item 7): every URL of the project, the API included, requested with
real ids of the demo cluster's objects by every role of another cluster, by the ``outsider``
and anonymously. None may reveal the demo cluster's data, and no POST may change anything.

The routes come from the resolver, so a new URL is swept the day it is added; one whose
parameters no filler in :mod:`sweep` can fill fails ``test_it_can_fill_every_url_pattern``.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from educluster.core.tests import sweep

REQUESTERS = [*(f"sweep-{r}" for r in sweep.OTHER_ROLES), "outsider", "anonymous"]
# A check-in code is a bearer code shown at the event; it answers "not registered" (400).
EXPECTED = {"development:checkin": {400}}


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def world(db, cast, cluster, settings, tmp_path):
    """The other cluster, and the few demo objects the demo itself does not create."""
    from educluster.api.services import api_token_create
    from educluster.imports.models import ImportJob
    from educluster.schoollabs.models import CalendarToken

    settings.MEDIA_ROOT = tmp_path
    other = sweep.other_cluster_cast()
    api_token_create(user=cast["coordinator"], name="sweep")
    CalendarToken.objects.create(user=other["users"]["coordinator"])
    if not ImportJob.objects.filter(cluster=cluster).exists():
        ImportJob.objects.create(
            cluster=cluster,
            kind="people",
            created_by=cast["coordinator"],
            file="imports/sweep.csv",
            original_name="sweep.csv",
        )
    _demo_files(cluster, cast["coordinator"])
    return other


def _demo_files(cluster, user) -> None:
    """The demo loads no uploaded files nor annual reports: one of each, for their URLs."""
    from django.core.files.base import ContentFile

    from educluster.agreements.models import AgreementScan, EvidenceFile, FulfilmentReport
    from educluster.materials.models import Material, MaterialFile
    from educluster.reports.models import AnnualReport
    from educluster.schoollabs.models import Activity, ActivityFile

    report = FulfilmentReport.objects.filter(
        occurrence__obligation__agreement__cluster=cluster
    ).first()
    assert report is not None
    agreement = report.occurrence.obligation.agreement
    rows: list = [
        EvidenceFile(report=report, original_name="x.pdf"),
        AgreementScan(agreement=agreement, original_name="x.pdf"),
        ActivityFile(activity=Activity.objects.filter(cluster=cluster).first(), original_name="x"),
        MaterialFile(material=Material.objects.filter(cluster=cluster).first(), name="x.pdf"),
    ]
    for row in rows:
        row.file.save("x.pdf", ContentFile(PDF), save=True)
    AnnualReport.objects.create(cluster=cluster, year=2025, language="uz", requested_by=user)


def _client(name: str, world) -> Client:
    client = Client()
    if name == "anonymous":
        return client
    from educluster.accounts.models import User

    client.force_login(User.objects.get(username=name))
    return client


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _leaks(body: bytes, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s.encode() in body or escape(s).encode() in body]


def _refused(name: str, route: sweep.Route, response) -> bool:
    status = response.status_code
    if name == "anonymous":
        if status == 302:
            return "/accounts/login/" in response["Location"]
        return status in {401, 403, 404, 405}
    return status in EXPECTED.get(route.name, {404, 405})


def test_it_can_fill_every_url_pattern(world):
    """A new URL pattern with parameters needs a filler here (or a reason to be public)."""
    _filled, missing = sweep.fill_all(sweep.url_patterns())
    assert not missing, "\n".join(missing)


def test_it_names_only_real_urls_public():
    names = {r.name for r in sweep.url_patterns()}
    assert set(sweep.PUBLIC) - names == set()


def test_it_knows_the_demo_clusters_private_strings(world):
    secrets = sweep.private_strings()
    assert len(secrets) > 50
    assert any(s.startswith("Nazarova") for s in secrets)


@pytest.mark.parametrize("name", REQUESTERS)
def test_it_reveals_nothing_of_the_demo_cluster_on_get(world, name):
    routes = sweep.url_patterns()
    filled, _missing = sweep.fill_all(routes)
    secrets = sweep.private_strings()
    client = _client(name, world)
    problems = []
    for route in routes:
        if route.name in sweep.PUBLIC:
            continue
        url = reverse(route.name, kwargs=filled.get(route, {}))
        response = client.get(url)
        body = _body(response)
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        elif route.params and not _refused(name, route, response):
            problems.append(f"{url}: {response.status_code}, expected refusal")
        leaked = _leaks(body, secrets)
        if leaked:
            problems.append(f"{url}: shows {leaked[:3]}")
    assert problems == []


def test_it_fills_urls_that_the_demo_coordinator_can_open(world, cast):
    """The control: with the same ids the demo's own coordinator gets the pages and sees the
    strings, so the sweep's refusals are the scoping's doing, not broken fillers."""
    routes = sweep.url_patterns()
    filled, _missing = sweep.fill_all(routes)
    secrets = sweep.private_strings()
    client = _client("coordinator", world)
    opened, shown = 0, 0
    for route, kwargs in filled.items():
        response = client.get(reverse(route.name, kwargs=kwargs))
        opened += response.status_code == 200
        shown += bool(_leaks(_body(response), secrets))
    assert opened > 0.6 * len(filled)
    assert shown > 30


@pytest.mark.parametrize("name", REQUESTERS)
def test_it_changes_nothing_of_the_demo_cluster_on_post(world, name):
    """POST (and PUT, PATCH, DELETE to the API) to every object URL with the demo's ids:
    refused, and not one row of any table changes."""
    routes = sweep.url_patterns()
    filled, _missing = sweep.fill_all(routes)
    client = _client(name, world)
    skip = frozenset({"sessions.Session", "axes.AccessAttempt", "axes.AccessLog"})
    before = sweep.data_digest(skip)
    problems = []
    for route, kwargs in filled.items():
        url = reverse(route.name, kwargs=kwargs)
        responses = [("POST", client.post(url, {}))]
        if route.route.startswith("api/"):
            # The API's other verbs too: a viewset may take them where a page would not.
            for method in ("PUT", "PATCH", "DELETE"):
                response = client.generic(method, url, "{}", content_type="application/json")
                responses.append((method, response))
        for method, response in responses:
            if not _refused(name, route, response):
                problems.append(f"{method} {url}: {response.status_code}, expected refusal")
    after = sweep.data_digest(skip)
    changed = sorted(label for label in before if before[label] != after.get(label))
    assert problems == []
    assert changed == []
