import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from educluster.accounts import services
from educluster.accounts.models import Person, Role, RoleAssignment, User
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Institution

PASSWORD = "demo-parol-2026"


def test_it_logs_in_with_the_demo_password(client, db):
    response = client.post(reverse("login"), {"username": "coordinator", "password": PASSWORD})
    assert response.status_code == 302


def test_it_locks_out_after_repeated_failures(client, settings, db):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "faculty", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "faculty", "password": PASSWORD})
    assert response.status_code == 429
    assert "15" in response.content.decode()


def test_it_refuses_a_weak_password_on_change(client_as):
    response = client_as("student").post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert User.objects.get(username="student").check_password(PASSWORD)


def test_it_expires_idle_sessions(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600 and settings.SESSION_SAVE_EVERY_REQUEST


def test_it_gives_a_person_an_account_with_a_set_password_link(client_as, cast):
    teacher = Person.objects.filter(
        institution__code="CHR-SCH-3", kind="teacher", user=None
    ).first()
    client = client_as("head")
    response = client.post(
        reverse("accounts:account_create", args=[teacher.pk]), {"username": "yangi.oqituvchi"}
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.user is not None and not teacher.user.has_usable_password()
    page = client.get(reverse("accounts:person", args=[teacher.pk])).content.decode()
    assert "/accounts/reset/" in page


def test_it_lets_a_member_head_grant_only_staff_roles_at_home(cast):
    head = cast["head"]
    teacher = Person.objects.filter(institution__code="CHR-SCH-3", kind="teacher").first()
    services.account_create(actor=head, person=teacher, username="mentor2")
    teacher.refresh_from_db()
    assignment = services.role_grant(actor=head, person=teacher, role=Role.MENTOR)
    assert assignment.institution_id == teacher.institution_id
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=head, person=teacher, role=Role.MEMBER_HEAD)


def test_it_widens_the_scope_when_a_role_is_granted(cast, cluster):
    teacher = Person.objects.filter(institution__code="PAR-SCH-12", kind="teacher").first()
    user, _path = services.account_create(
        actor=cast["coordinator"], person=teacher, username="parkent.teacher"
    )
    assert not scope_for(user).has_any_role
    teacher.refresh_from_db()
    services.role_grant(actor=cast["coordinator"], person=teacher, role=Role.MENTOR)
    user = User.objects.get(pk=user.pk)
    assert cluster.pk in scope_for(user).cluster_ids


def test_it_grants_and_revokes_from_the_person_page(client_as, cast, cluster):
    person = cast["faculty"].person
    client = client_as("coordinator")
    response = client.post(
        reverse("accounts:role_grant", args=[person.pk]),
        {"role": Role.ANALYST, "cluster": cluster.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=cast["faculty"], role=Role.ANALYST)
    assert assignment.granted_by == cast["coordinator"]
    client.post(reverse("accounts:role_revoke", args=[person.pk, assignment.pk]))
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_it_refuses_a_student_year_out_of_range_with_the_field_named(client_as, cluster):
    response = client_as("coordinator").post(
        reverse("accounts:person_create", args=[cluster.slug]),
        {
            "full_name": "Test Talaba",
            "kind": "student",
            "institution": Institution.objects.get(code="CHDPI-TSA").pk,
            "study_level": "bachelor",
            "study_year": 9,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["study_year"]


def test_it_refuses_to_revoke_ones_own_role(client_as, cast):
    coordinator = cast["coordinator"]
    assignment = RoleAssignment.objects.get(user=coordinator, role=Role.COORDINATOR)
    client_as("coordinator").post(
        reverse("accounts:role_revoke", args=[coordinator.person.pk, assignment.pk])
    )
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
