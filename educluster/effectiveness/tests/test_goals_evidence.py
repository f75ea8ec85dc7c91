"""The cluster page shows its goals' progress; manual values' evidence files open for those who
may see the value, and for nobody else."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from educluster.conftest import CAST
from educluster.effectiveness import selectors, services
from educluster.effectiveness.models import IndicatorDefinition
from educluster.registry.models import Institution

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_it_shows_each_goal_with_the_mean_progress_of_its_indicators(client_as, cluster):
    goals = selectors.goal_progress(cluster)
    assert goals and {g["goal"].pk for g in goals} == set(
        cluster.goals.values_list("pk", flat=True)
    )
    for g in goals:
        known = [i.progress_percent for i in g["indicators"] if i.progress_percent is not None]
        assert g["progress"] == (round(sum(known) / len(known)) if known else None)
    page = client_as("student").get(reverse("effectiveness:overview", args=[cluster.slug]))
    body = page.content.decode()
    assert 'id="goal-progress"' in body
    assert reverse("projects:goal", args=[cluster.slug, goals[0]["goal"].pk]) in body


def _manual_value(cluster, cast, institution=None):
    definition = IndicatorDefinition.objects.filter(source="manual", level="cluster").first()
    if institution is not None:
        definition = IndicatorDefinition.objects.filter(source="manual", level="member").first()
    return services.indicator_value_enter(
        actor=cast["coordinator"],
        cluster=cluster,
        definition=definition,
        institution=institution,
        year="2026/2027",
        value=Decimal(3),
        note="",
        evidence=SimpleUploadedFile("bayonnoma.pdf", PDF, content_type="application/pdf"),
    )


def test_it_opens_a_cluster_values_evidence_to_the_clusters_people_only(client_as, cluster, cast):
    value = _manual_value(cluster, cast)
    url = reverse("effectiveness:evidence", args=[cluster.slug, value.pk])
    for name in CAST:
        response = client_as(name).get(url)
        assert response.status_code == (404 if name == "outsider" else 200), name
    body = b"".join(client_as("head").get(url).streaming_content)
    assert body.startswith(b"%PDF-")


def test_it_keeps_a_members_evidence_to_its_detail_readers(client_as, cluster, cast):
    other = Institution.objects.get(code="PAR-SCH-12")
    value = _manual_value(cluster, cast, institution=other)
    url = reverse("effectiveness:evidence", args=[cluster.slug, value.pk])
    assert client_as("coordinator").get(url).status_code == 200
    assert client_as("analyst").get(url).status_code == 200
    assert client_as("head").get(url).status_code == 404  # another school's
    assert client_as("outsider").get(url).status_code == 404


def test_it_answers_404_for_a_value_without_evidence(client_as, cluster):
    value = cluster.indicator_values.filter(evidence="").first()
    url = reverse("effectiveness:evidence", args=[cluster.slug, value.pk])
    assert client_as("coordinator").get(url).status_code == 404
