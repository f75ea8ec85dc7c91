import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from educluster.core.history import history_entries
from educluster.registry import services
from educluster.registry.models import District, Institution, Language, Membership


@pytest.fixture
def coordinator(cast):
    return cast["coordinator"]


def test_it_creates_an_institution_as_a_member_and_records_who(cluster, coordinator):
    school = services.institution_create(
        actor=coordinator,
        cluster=cluster,
        name="Parkent tumani 30-sonli maktab",
        kind=Institution.Kind.GENERAL_SCHOOL,
        district=District.objects.get(code="parkent"),
        languages=[Language.objects.get(code="uz")],
    )
    assert Membership.objects.get(cluster=cluster, institution=school).is_active
    entry = history_entries(school)[0]
    assert entry.who == coordinator.display_name


def test_it_normalises_names_on_save(cluster, coordinator):
    school = services.institution_create(
        actor=coordinator,
        cluster=cluster,
        name="Bo'ka   tumani 40-maktab",
        kind="general_school",
        district=District.objects.get(code="boka"),
    )
    assert school.name == "Boʻka tumani 40-maktab"


def test_it_records_each_changed_field_in_the_history(cluster, coordinator):
    school = Institution.objects.get(code="CHR-SCH-3")
    services.institution_update(actor=coordinator, institution=school, phone="+998 70 123 45 67")
    changes = history_entries(school)[0].changes
    phone = str(Institution._meta.get_field("phone").verbose_name)
    assert [(c.field, c.new) for c in changes] == [(phone, "+998 70 123 45 67")]


def test_it_refuses_half_coordinates(coordinator):
    school = Institution.objects.get(code="CHR-SCH-3")
    with pytest.raises(ValidationError) as error:
        services.institution_update(
            actor=coordinator, institution=school, latitude=41, longitude=None
        )
    assert "longitude" in error.value.message_dict


def test_it_ends_and_reopens_a_membership(cluster, coordinator):
    membership = cluster.memberships.get(institution__code="BOK-SCH-4")
    services.membership_end(actor=coordinator, membership=membership)
    assert membership.end_date is not None
    assert not Membership.objects.active().filter(pk=membership.pk).exists()
    again = services.membership_add(
        actor=coordinator, cluster=cluster, institution=membership.institution
    )
    assert again.pk == membership.pk and again.end_date is None


def test_it_adds_a_goal_with_the_next_number_from_the_page(client_as, cluster):
    response = client_as("coordinator").post(
        reverse("registry:goal_create", args=[cluster.slug]),
        {"title": "Yangi maqsad", "description": ""},
    )
    assert response.status_code == 302
    assert cluster.goals.order_by("-number").first().title == "Yangi maqsad"
    assert cluster.goals.order_by("-number").first().number == 6


def test_it_shows_the_goal_indicators_progress(client_as, cluster):
    html = (
        client_as("faculty").get(reverse("registry:cluster", args=[cluster.slug])).content.decode()
    )
    indicator = cluster.goals.first().indicators.first()
    assert indicator.name in html
    assert f'value="{indicator.progress_percent}"' in html


def test_it_searches_and_filters_institutions(client_as, cluster):
    client = client_as("student")
    url = reverse("registry:institutions", args=[cluster.slug])
    html = client.get(url, {"q": "Parkent", "kind": "general_school"}).content.decode()
    assert "Parkent tumani 12-sonli" in html
    assert "Chirchiq shahar 3-sonli" not in html
    html = client.get(url, {"language": "ru"}).content.decode()
    assert "Chirchiq shahar 3-sonli" in html  # taught in Uzbek and Russian
    assert "Parkent tumani 12-sonli" not in html


def test_it_pages_the_institution_list(client_as, cluster):
    html = (
        client_as("student")
        .get(reverse("registry:institutions", args=[cluster.slug]), {"page": 2})
        .content.decode()
    )
    assert "2 / 2" in html or "2" in html
