import pytest

from educluster.market.models import Service, ServiceRequest
from educluster.registry.models import Cluster, Institution


@pytest.fixture
def department(db):
    return Institution.objects.get(code="CHDPI-TSA")


@pytest.fixture
def school(db):
    return Institution.objects.get(code="CHR-SCH-3")


@pytest.fixture
def watercolour(db):
    return Service.objects.get(title__startswith="Akvarel")


@pytest.fixture
def fresh_request(db, watercolour, school, cast):
    return ServiceRequest.objects.create(
        service=watercolour, requester=school, requested_by=cast["head"], message="Iltimos"
    )


@pytest.fixture
def other_service(db, cluster, department):
    other = Cluster.objects.create(
        name="Other",
        slug="other-market-cluster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    return Service.objects.create(
        cluster=other, provider=department, kind="course", title="Hidden service"
    )
