from datetime import date

import pytest
from django.core.exceptions import ValidationError

from educluster.market import services
from educluster.market.models import Service, ServiceRequest

pytestmark = pytest.mark.django_db


def test_it_runs_the_whole_request_by_the_two_sides(cast, watercolour, school):
    request = services.request_create(
        actor=cast["head"], service=watercolour, requester=school, message="4 oʻqituvchi"
    )
    assert request.status == "requested" and request.requested_by == cast["head"]
    services.request_accept(actor=cast["faculty"], request=request)
    assert request.accepted_at is not None
    services.request_deliver(actor=cast["faculty"], request=request)
    assert request.delivered_at is not None
    services.request_confirm(actor=cast["head"], request=request, rating=4, comment="Yaxshi")
    request.refresh_from_db()
    assert (request.status, request.rating, request.rating_comment) == ("confirmed", 4, "Yaxshi")
    assert request.confirmed_at is not None
    assert request.history.count() == 4


def test_it_refuses_requesting_ones_own_service(cast, watercolour, department):
    with pytest.raises(ValidationError) as error:
        services.request_create(actor=cast["faculty"], service=watercolour, requester=department)
    assert error.value.error_dict["requester"][0].code == "own"
    assert not ServiceRequest.objects.filter(requester=department).exists()


@pytest.mark.parametrize("name", ["student", "mentor", "analyst", "outsider", "coordinator"])
def test_it_refuses_requests_by_who_is_not_head_or_faculty_there(cast, name, watercolour, school):
    with pytest.raises(ValidationError):
        services.request_create(actor=cast[name], service=watercolour, requester=school)


def test_it_refuses_a_request_for_a_withdrawn_service(cast, watercolour, school):
    watercolour.is_active = False
    watercolour.save()
    with pytest.raises(ValidationError) as error:
        services.request_create(actor=cast["head"], service=watercolour, requester=school)
    assert error.value.code == "inactive"


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("faculty", True),
        ("coordinator", True),
        ("head", False),
        ("student", False),
        ("mentor", False),
        ("outsider", False),
    ],
)
def test_it_lets_only_the_provider_or_coordinator_accept(cast, fresh_request, name, allowed):
    if allowed:
        services.request_accept(actor=cast[name], request=fresh_request)
        assert fresh_request.status == "accepted"
    else:
        with pytest.raises(ValidationError):
            services.request_accept(actor=cast[name], request=fresh_request)
        fresh_request.refresh_from_db()
        assert fresh_request.status == "requested"


@pytest.mark.parametrize(
    ("name", "allowed"), [("faculty", True), ("coordinator", True), ("head", False)]
)
def test_it_lets_only_the_provider_or_coordinator_decline(cast, fresh_request, name, allowed):
    if allowed:
        services.request_decline(actor=cast[name], request=fresh_request)
        assert fresh_request.status == "declined" and fresh_request.declined_at
    else:
        with pytest.raises(ValidationError):
            services.request_decline(actor=cast[name], request=fresh_request)


@pytest.mark.parametrize(
    ("name", "allowed"), [("faculty", True), ("coordinator", False), ("head", False)]
)
def test_it_lets_only_the_provider_deliver(cast, fresh_request, name, allowed):
    services.request_accept(actor=cast["faculty"], request=fresh_request)
    if allowed:
        services.request_deliver(actor=cast[name], request=fresh_request)
        assert fresh_request.status == "delivered"
    else:
        with pytest.raises(ValidationError):
            services.request_deliver(actor=cast[name], request=fresh_request)


@pytest.mark.parametrize(
    ("name", "allowed"), [("head", True), ("faculty", False), ("coordinator", False)]
)
def test_it_lets_only_the_requester_confirm(cast, fresh_request, name, allowed):
    services.request_accept(actor=cast["faculty"], request=fresh_request)
    services.request_deliver(actor=cast["faculty"], request=fresh_request)
    if allowed:
        services.request_confirm(actor=cast[name], request=fresh_request, rating=5)
        assert fresh_request.status == "confirmed"
    else:
        with pytest.raises(ValidationError):
            services.request_confirm(actor=cast[name], request=fresh_request, rating=5)


def test_it_refuses_transitions_out_of_order(cast, fresh_request):
    with pytest.raises(ValidationError) as error:
        services.request_deliver(actor=cast["faculty"], request=fresh_request)
    assert error.value.code == "invalid_transition"
    with pytest.raises(ValidationError) as error:
        services.request_confirm(actor=cast["head"], request=fresh_request, rating=5)
    assert error.value.code == "invalid_transition"
    services.request_decline(actor=cast["faculty"], request=fresh_request)
    with pytest.raises(ValidationError) as error:
        services.request_accept(actor=cast["faculty"], request=fresh_request)
    assert error.value.code == "invalid_transition"
    fresh_request.refresh_from_db()
    assert fresh_request.status == "declined"


@pytest.mark.parametrize("rating", [None, 0, 6])
def test_it_refuses_confirming_without_a_rating_1_to_5(cast, fresh_request, rating):
    services.request_accept(actor=cast["faculty"], request=fresh_request)
    services.request_deliver(actor=cast["faculty"], request=fresh_request)
    with pytest.raises(ValidationError) as error:
        services.request_confirm(actor=cast["head"], request=fresh_request, rating=rating)
    assert "rating" in error.value.message_dict
    fresh_request.refresh_from_db()
    assert fresh_request.status == "delivered" and fresh_request.rating is None


def test_it_lets_provider_staff_create_and_change_a_service(cast, cluster, department, school):
    service = services.service_create(
        actor=cast["faculty"],
        cluster=cluster,
        provider=department,
        kind=Service.Kind.EQUIPMENT_USE,
        title="Molbertlar",
        audience="students",
        format="in_person",
    )
    assert service.created_by == cast["faculty"] and service.is_free
    services.service_update(actor=cast["faculty"], service=service, title="Molbertlar ijarasi")
    assert Service.objects.get(pk=service.pk).title == "Molbertlar ijarasi"
    with pytest.raises(ValidationError):
        services.service_update(actor=cast["head"], service=service, title="X")
    with pytest.raises(ValidationError) as error:
        services.service_create(
            actor=cast["head"], cluster=cluster, provider=department, kind="course", title="X"
        )
    assert "provider" in error.value.message_dict


def test_it_refuses_a_negative_price(cast, cluster, department):
    with pytest.raises(ValidationError) as error:
        services.service_create(
            actor=cast["faculty"],
            cluster=cluster,
            provider=department,
            kind="course",
            title="X",
            price=-5,
        )
    assert "price" in error.value.message_dict


def test_it_keeps_the_wanted_date(cast, watercolour, school):
    r = services.request_create(
        actor=cast["head"], service=watercolour, requester=school, wanted_date=date(2027, 3, 1)
    )
    assert ServiceRequest.objects.get(pk=r.pk).wanted_date == date(2027, 3, 1)
