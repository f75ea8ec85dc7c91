import pytest
from django.urls import reverse

from educluster.market.models import Service, ServiceRequest

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"]


@pytest.mark.parametrize("name", ROLES)
def test_it_shows_the_catalogue_to_every_role(client_as, cluster, name):
    page = client_as(name).get(reverse("market:catalogue", args=[cluster.slug]))
    assert page.status_code == 200
    assert "Akvarel texnikasi" in page.content.decode()


def test_it_hides_the_market_from_an_outsider(
    client_as, cluster, watercolour, fresh_request, department
):
    client = client_as("outsider")
    urls = [
        reverse("market:catalogue", args=[cluster.slug]),
        reverse("market:service_create", args=[cluster.slug]),
        reverse("market:requests", args=[cluster.slug, department.pk]),
        reverse("market:service", args=[watercolour.pk]),
        reverse("market:service_edit", args=[watercolour.pk]),
        reverse("market:service_history", args=[watercolour.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    step = reverse("market:request_step", args=[fresh_request.pk, "accept"])
    assert client.post(step).status_code == 404
    fresh_request.refresh_from_db()
    assert fresh_request.status == "requested"


@pytest.mark.parametrize("name", ["head", "faculty", "coordinator", "mentor", "analyst"])
def test_it_hides_another_clusters_service(client_as, other_service, name):
    for url_name in ("market:service", "market:service_edit", "market:service_history"):
        url = reverse(url_name, args=[other_service.pk])
        assert client_as(name).get(url).status_code == 404, (name, url_name)
    page = client_as(name).get(reverse("market:catalogue", args=["other-market-cluster"]))
    assert page.status_code == 404


def test_it_hides_another_clusters_request(client_as, other_service, school):
    r = ServiceRequest.objects.create(service=other_service, requester=school)
    url = reverse("market:request_step", args=[r.pk, "accept"])
    assert client_as("faculty").post(url).status_code == 404


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("akvarel", "Akvarel texnikasi"),
        ("KULOLCHILIK", "Kulolchilik ustaxonasidan"),
        ("акварел", "Akvarel texnikasi"),  # Cyrillic, in the description
        ("Керамическая", "Kulolchilik ustaxonasidan"),
        ("maslahat", "Metodik maslahat"),
    ],
)
def test_it_searches_title_and_description_in_any_script(client_as, cluster, text, found):
    page = client_as("head").get(reverse("market:catalogue", args=[cluster.slug]), {"q": text})
    body = page.content.decode()
    assert found in body
    assert body.count('class="card"') == 1


def test_it_filters_by_kind_audience_provider_and_free(client_as, cluster, department):
    url = reverse("market:catalogue", args=[cluster.slug])
    client = client_as("head")
    body = client.get(url, {"kind": "studio_use"}).content.decode()
    assert "Kulolchilik" in body and "Akvarel" not in body
    body = client.get(url, {"audience": "pupils"}).content.decode()
    assert "Kulolchilik" in body and "Akvarel" not in body
    body = client.get(url, {"free": "on"}).content.decode()
    assert "Kulolchilik" not in body and "Akvarel" in body
    body = client.get(url, {"provider": department.pk}).content.decode()
    assert body.count('class="card"') == 4


def test_it_shows_the_providers_uptake_and_satisfaction(client_as, cluster, watercolour):
    body = client_as("head").get(reverse("market:catalogue", args=[cluster.slug])).content
    assert "★ 5.0" in body.decode() or "★ 5,0" in body.decode()
    body = client_as("head").get(watercolour.get_absolute_url()).content.decode()
    assert 'id="provider-figures"' in body


def test_it_runs_the_request_through_the_pages(client_as, cluster, watercolour, school, department):
    head, faculty = client_as("head"), client_as("faculty")
    page = head.get(watercolour.get_absolute_url())
    assert 'id="request-form"' in page.content.decode()
    response = head.post(
        watercolour.get_absolute_url(),
        {"requester": school.pk, "message": "Yangi soʻrov", "wanted_date": "2027-02-01"},
    )
    assert response.status_code == 302
    r = ServiceRequest.objects.get(message="Yangi soʻrov")
    assert r.requester == school and r.status == "requested"
    incoming = faculty.get(reverse("market:requests", args=[cluster.slug, department.pk]))
    assert f'id="accept-{r.pk}"' in incoming.content.decode()
    # The requester cannot accept its own request.
    head.post(reverse("market:request_step", args=[r.pk, "accept"]))
    r.refresh_from_db()
    assert r.status == "requested"
    faculty.post(reverse("market:request_step", args=[r.pk, "accept"]))
    faculty.post(reverse("market:request_step", args=[r.pk, "deliver"]))
    r.refresh_from_db()
    assert r.status == "delivered"
    outgoing = head.get(reverse("market:requests", args=[cluster.slug, school.pk]))
    assert f'id="confirm-{r.pk}"' in outgoing.content.decode()
    bad = head.post(reverse("market:request_step", args=[r.pk, "confirm"]), {"rating": "9"})
    assert bad.status_code == 302
    r.refresh_from_db()
    assert r.status == "delivered"
    head.post(
        reverse("market:request_step", args=[r.pk, "confirm"]),
        {"rating": "5", "comment": "Rahmat"},
    )
    r.refresh_from_db()
    assert (r.status, r.rating, r.rating_comment) == ("confirmed", 5, "Rahmat")


def test_it_refuses_a_request_form_for_the_provider_itself(client_as, watercolour):
    page = client_as("faculty").get(watercolour.get_absolute_url())
    assert 'id="request-form"' not in page.content.decode()
    assert client_as("faculty").post(watercolour.get_absolute_url(), {}).status_code == 403
    assert client_as("student").post(watercolour.get_absolute_url(), {}).status_code == 403


def test_it_shows_form_errors_naming_the_field(client_as, cluster, watercolour, school):
    response = client_as("head").post(
        watercolour.get_absolute_url(), {"requester": school.pk, "wanted_date": "not a date"}
    )
    assert response.status_code == 200
    assert "has-error" in response.content.decode()
    assert (
        not ServiceRequest.objects.filter(requester=school, message="")
        .exclude(is_demo=True)
        .exists()
    )


@pytest.mark.parametrize(
    ("name", "status"), [("faculty", 200), ("head", 200), ("student", 403), ("mentor", 403)]
)
def test_it_lets_only_member_staff_offer_a_service(client_as, cluster, name, status):
    url = reverse("market:service_create", args=[cluster.slug])
    assert client_as(name).get(url).status_code == status


def test_it_creates_and_edits_a_service_on_the_form(client_as, cluster, department):
    faculty = client_as("faculty")
    response = faculty.post(
        reverse("market:service_create", args=[cluster.slug]),
        {
            "provider": department.pk,
            "kind": "course",
            "title": "Grafika kursi",
            "description": "",
            "audience": "teachers",
            "format": "online",
            "price": "",
            "capacity": "",
            "is_active": "on",
        },
    )
    service = Service.objects.get(title="Grafika kursi")
    assert response.status_code == 302 and service.created_by.username == "faculty"
    edit = reverse("market:service_edit", args=[service.pk])
    assert client_as("head").get(edit).status_code == 403
    faculty.post(
        edit,
        {
            "kind": "course",
            "title": "Grafika kursi 2",
            "audience": "teachers",
            "format": "online",
            "is_active": "on",
        },
    )
    service.refresh_from_db()
    assert service.title == "Grafika kursi 2"
    history = faculty.get(reverse("market:service_history", args=[service.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize(
    ("name", "status"), [("head", 404), ("faculty", 200), ("coordinator", 200), ("mentor", 404)]
)
def test_it_shows_an_institutions_requests_to_its_staff_and_coordinators(
    client_as, cluster, department, name, status
):
    url = reverse("market:requests", args=[cluster.slug, department.pk])
    assert client_as(name).get(url).status_code == status


def test_it_runs_constant_queries_on_the_catalogue_and_requests(
    client_as, cluster, watercolour, department, school, django_assert_max_num_queries
):
    faculty = client_as("faculty")
    catalogue = reverse("market:catalogue", args=[cluster.slug])
    requests = reverse("market:requests", args=[cluster.slug, department.pk])
    detail = watercolour.get_absolute_url()
    faculty.get(catalogue), faculty.get(requests), faculty.get(detail)
    with django_assert_max_num_queries(40) as before:
        faculty.get(catalogue)
    with django_assert_max_num_queries(40) as before_requests:
        faculty.get(requests)
    with django_assert_max_num_queries(40) as before_detail:
        faculty.get(detail)
    for i in range(15):
        s = Service.objects.create(
            cluster=cluster, provider=department, kind="course", title=f"Kurs {i}"
        )
        ServiceRequest.objects.create(service=s, requester=school, status="confirmed", rating=4)
        ServiceRequest.objects.create(service=watercolour, requester=school)
    with django_assert_max_num_queries(len(before.captured_queries)):
        faculty.get(catalogue)
    with django_assert_max_num_queries(len(before_requests.captured_queries)):
        faculty.get(requests)
    with django_assert_max_num_queries(len(before_detail.captured_queries)):
        faculty.get(detail)


def test_it_shows_the_head_what_waits_on_the_home_page(client_as, cast, fresh_request):
    from educluster.market import services
    from educluster.market.home import section

    assert section(cast["head"]) is None or not section(cast["head"])[1]["to_confirm"]
    services.request_accept(actor=cast["faculty"], request=fresh_request)
    services.request_deliver(actor=cast["faculty"], request=fresh_request)
    template, context = section(cast["head"])
    assert template == "market/_home.html"
    assert [r.pk for r in context["to_confirm"]] == [fresh_request.pk]
    body = client_as("head").get("/").content.decode()
    assert 'id="market-to-confirm"' in body
    assert section(cast["student"]) is None
