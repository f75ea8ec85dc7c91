"""A member school head offers practice seats for a term, changes or withdraws them while
nobody is placed, and sees who was placed; scoped to the head's school."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.models import Person, Role, RoleAssignment, User
from educluster.placements import services
from educluster.placements.models import Applicant, Assignment, Host, PlacementRound, SeatOffer
from educluster.placements.services.offers import seat_offer_save
from educluster.registry.models import Institution, Language
from educluster.schoollabs.models import Term


@pytest.fixture(autouse=True)
def _english(cast):
    """These tests read the messages in English: the cast reads pages in English."""
    from educluster.accounts.models import User

    User.objects.filter(pk__in=[u.pk for u in cast.values()]).update(preferred_language="en")


pytestmark = pytest.mark.django_db


@pytest.fixture
def school(cast) -> Institution:
    assignment = RoleAssignment.objects.get(user=cast["head"], role=Role.MEMBER_HEAD)
    assert assignment.institution is not None
    return assignment.institution


@pytest.fixture
def term(cluster) -> Term:
    today = timezone.localdate()
    return Term.objects.create(
        cluster=cluster,
        name="Sinov semestri",
        start_date=today + timedelta(days=30),
        end_date=today + timedelta(days=120),
    )


def teacher(institution: Institution, name: str = "Sinov Oʻqituvchi") -> Person:
    return Person.objects.create(full_name=name, kind="teacher", institution=institution)


def make_offer(cluster, school, term, actor, seats=3, subject="Tasviriy sanʼat") -> SeatOffer:
    return seat_offer_save(
        actor=actor,
        offer=SeatOffer(
            cluster=cluster, institution=school, term=term, subject=subject, seats=seats
        ),
    )


def place(offer: SeatOffer, actor, people: int = 1) -> PlacementRound:
    """A round that has placed ``people`` students on the offer (as a published result)."""
    rnd = services.round_create(
        actor=actor, cluster=offer.cluster, kind="practice", title="Joylangan raund"
    )
    host = Host.objects.create(
        round=rnd, institution=offer.institution, capacity=offer.seats, offer=offer
    )
    students = Person.objects.filter(kind="student", institution__code="CHDPI-TSA").order_by("pk")
    for person in students[:people]:
        applicant = Applicant.objects.create(round=rnd, person=person)
        Assignment.objects.create(round=rnd, applicant=applicant, host=host, choice_position=1)
    PlacementRound.objects.filter(pk=rnd.pk).update(status=PlacementRound.Status.PUBLISHED)
    return rnd


def other_head(cluster) -> User:
    """The head of another member school."""
    school = (
        Institution.objects.filter(memberships__cluster=cluster, memberships__end_date__isnull=True)
        .exclude(role_assignments__role=Role.MEMBER_HEAD)
        .first()
    )
    assert school is not None
    user = User.objects.create_user("head2", password="x")
    RoleAssignment.objects.create(user=user, role=Role.MEMBER_HEAD, institution=school)
    return user


# --- offering ------------------------------------------------------------------------------------


def test_it_lets_a_head_offer_seats_at_their_school(client_as, cluster, cast, school, term):
    mentor = teacher(school)
    client = client_as("head")
    page = client.get(reverse("placements:offer_create", args=[cluster.slug]))
    assert page.status_code == 200
    # A head of one school does not choose it: it is filled in.
    assert f'name="institution" value="{school.pk}"' in page.content.decode()
    response = client.post(
        reverse("placements:offer_create", args=[cluster.slug]),
        {
            "institution": school.pk,
            "term": term.pk,
            "subject": "Tasviriy sanʼat",
            "language": Language.objects.get(code="uz").pk,
            "seats": "4",
            "mentor": mentor.pk,
            "note": "Dushanba va chorshanba",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = SeatOffer.objects.get(institution=school, term=term)
    assert (offer.seats, offer.mentor, offer.offered_by) == (4, mentor, cast["head"])
    assert offer.history.first().history_user == cast["head"]
    listing = client.get(reverse("placements:offers", args=[cluster.slug])).content.decode()
    assert reverse("placements:offer", args=[offer.pk]) in listing


def test_it_refuses_another_schools_mentor_and_a_second_offer_of_the_subject(
    client_as, cluster, cast, school, term
):
    elsewhere = (
        Institution.objects.filter(memberships__cluster=cluster).exclude(pk=school.pk).first()
    )
    stranger = teacher(elsewhere)
    client = client_as("head")
    url = reverse("placements:offer_create", args=[cluster.slug])
    fields = {"institution": school.pk, "term": term.pk, "subject": "Musiqa", "seats": "2"}
    response = client.post(url, {**fields, "mentor": stranger.pk})
    assert response.status_code == 200 and not SeatOffer.objects.filter(term=term).exists()
    assert "mentor" in response.context["form"].errors
    make_offer(cluster, school, term, cast["head"], subject="Musiqa")
    response = client.post(url, fields)
    assert response.status_code == 200
    assert SeatOffer.objects.filter(term=term).count() == 1
    # A head cannot offer seats at a school they do not head.
    response = client.post(url, {**fields, "institution": elsewhere.pk, "subject": "Chizmachilik"})
    assert response.status_code == 200
    assert not SeatOffer.objects.filter(institution=elsewhere).exists()


def test_it_changes_and_withdraws_an_offer_nobody_was_placed_on(
    client_as, cluster, cast, school, term
):
    offer = make_offer(cluster, school, term, cast["head"])
    client = client_as("head")
    response = client.post(
        reverse("placements:offer_edit", args=[offer.pk]),
        {"institution": school.pk, "term": term.pk, "subject": "Chizmachilik", "seats": "1"},
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.subject, offer.seats) == ("Chizmachilik", 1)
    detail = client.get(reverse("placements:offer", args=[offer.pk])).content.decode()
    assert "Chizmachilik" in detail and "offer-history" in detail
    assert client.post(reverse("placements:offer_withdraw", args=[offer.pk])).status_code == 302
    assert not SeatOffer.objects.filter(pk=offer.pk).exists()
    deleted = SeatOffer.history.filter(id=offer.pk, history_type="-").get()
    assert deleted.history_user == cast["head"]


def test_it_keeps_an_offer_people_were_placed_on(client_as, cluster, cast, school, term):
    offer = make_offer(cluster, school, term, cast["head"], seats=3)
    place(offer, cast["coordinator"], people=2)
    client = client_as("head")
    edit = reverse("placements:offer_edit", args=[offer.pk])
    fields = {"institution": school.pk, "term": term.pk, "subject": offer.subject}
    response = client.post(edit, {**fields, "seats": "1"})
    assert response.status_code == 200
    assert "cannot go below 2 (1 given)" in " ".join(response.context["form"].errors["seats"])
    response = client.post(edit, {**fields, "subject": "Musiqa", "seats": "3"})
    assert response.status_code == 200
    assert "can no longer change" in str(response.context["form"].errors)
    offer.refresh_from_db()
    assert (offer.seats, offer.subject) == (3, "Tasviriy sanʼat")
    # Seats may grow, and shrink down to the people placed.
    assert client.post(edit, {**fields, "seats": "2"}).status_code == 302
    offer.refresh_from_db()
    assert offer.seats == 2

    response = client.post(reverse("placements:offer_withdraw", args=[offer.pk]), follow=True)
    assert "cannot be withdrawn" in response.content.decode()
    assert SeatOffer.objects.filter(pk=offer.pk).exists()

    detail = client.get(reverse("placements:offer", args=[offer.pk])).content.decode()
    placed = Assignment.objects.filter(host__offer=offer).select_related("applicant__person")
    for assignment in placed:
        assert assignment.applicant.person.full_name in detail
    assert "offer-withdraw" not in detail


# --- access --------------------------------------------------------------------------------------


def _urls(cluster, offer) -> list[tuple[str, str]]:
    return [
        ("get", reverse("placements:offers", args=[cluster.slug])),
        ("get", reverse("placements:offer_create", args=[cluster.slug])),
        ("get", reverse("placements:offer", args=[offer.pk])),
        ("get", reverse("placements:offer_edit", args=[offer.pk])),
        ("post", reverse("placements:offer_withdraw", args=[offer.pk])),
    ]


@pytest.mark.parametrize(
    "who,statuses",
    [
        ("coordinator", [200, 200, 200, 200, 302]),
        ("head", [200, 200, 200, 200, 302]),
        ("student", [403, 403, 404, 404, 404]),
        ("mentor", [403, 403, 404, 404, 404]),
        ("outsider", [404, 404, 404, 404, 404]),
    ],
)
def test_it_scopes_every_offer_page_by_role(client_as, cluster, cast, school, term, who, statuses):
    offer = make_offer(cluster, school, term, cast["head"])
    client = client_as(who)
    got = [getattr(client, method)(url).status_code for method, url in _urls(cluster, offer)]
    assert got == statuses
    assert SeatOffer.objects.filter(pk=offer.pk).exists() == (statuses[-1] != 302)


def test_it_hides_a_schools_offers_from_the_head_of_another(client, cluster, cast, school, term):
    offer = make_offer(cluster, school, term, cast["head"])
    client.force_login(other_head(cluster))
    listing = client.get(reverse("placements:offers", args=[cluster.slug]))
    assert listing.status_code == 200
    assert reverse("placements:offer", args=[offer.pk]) not in listing.content.decode()
    for method, url in _urls(cluster, offer)[2:]:
        assert getattr(client, method)(url).status_code == 404
    assert SeatOffer.objects.filter(pk=offer.pk).exists()


def test_it_links_the_offers_where_heads_look(client_as, cluster, school):
    client = client_as("head")
    url = reverse("placements:offers", args=[cluster.slug])
    assert url in client.get(school.get_absolute_url()).content.decode()
    assert url in client.get(reverse("placements:rounds", args=[cluster.slug])).content.decode()
    assert (
        url
        not in client_as("student")
        .get(reverse("placements:rounds", args=[cluster.slug]))
        .content.decode()
    )


# --- queries -------------------------------------------------------------------------------------


def test_it_lists_offers_in_a_constant_number_of_queries(client_as, cluster, cast, school):
    client = client_as("coordinator")
    url = reverse("placements:offers", args=[cluster.slug])
    members = list(
        Institution.objects.filter(memberships__cluster=cluster, memberships__end_date__isnull=True)
    )
    today = timezone.localdate()

    def add(n: int) -> None:
        for i in range(n):
            term = Term.objects.create(
                cluster=cluster,
                name=f"Semestr {Term.objects.count()}",
                start_date=today,
                end_date=today + timedelta(days=90),
            )
            for institution in members[:2]:
                offer = make_offer(cluster, institution, term, cast["coordinator"], seats=2)
                offer.mentor = teacher(institution, f"Mentor {i}")
                offer.save()
                if i % 2:
                    place(offer, cast["coordinator"])

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count("/seat-offers/") >= 10
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
