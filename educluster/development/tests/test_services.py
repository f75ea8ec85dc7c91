import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from educluster.accounts.models import Person
from educluster.development import services
from educluster.development.models import Certificate, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """These tests match the services' English messages; the default language is Uzbek."""
    with translation.override("en"):
        yield


def _person(username):
    return Person.objects.get(user__username=username)


def test_it_registers_and_refuses_twice(open_event):
    reg = services.registration_create(event=open_event, person=_person("mentor"))
    assert reg.attended is None
    with pytest.raises(ValidationError, match="already registered"):
        services.registration_create(event=open_event, person=_person("mentor"))


def test_it_refuses_when_full(open_event):
    services.registration_create(event=open_event, person=_person("mentor"))
    services.registration_create(event=open_event, person=_person("faculty"))
    with pytest.raises(ValidationError, match="full"):
        services.registration_create(event=open_event, person=_person("coordinator"))
    assert open_event.registrations.count() == 2


def test_it_refuses_to_register_when_closed(seminar):
    with pytest.raises(ValidationError, match="closed"):
        services.registration_create(event=seminar, person=_person("coordinator"))


def test_it_checks_in_with_a_valid_token(open_event, cast):
    reg = services.registration_create(event=open_event, person=_person("mentor"))
    token = services.checkin_token(open_event)
    services.checkin_by_token(user=cast["mentor"], token=token)
    reg.refresh_from_db()
    assert reg.attended is True and reg.checked_in_at is not None


def test_it_refuses_an_expired_token(open_event, cast):
    services.registration_create(event=open_event, person=_person("mentor"))
    past = time.time() - services.CHECKIN_MAX_AGE - 60
    with mock.patch("django.core.signing.time.time", return_value=past):
        token = services.checkin_token(open_event)
    with pytest.raises(ValidationError, match="expired"):
        services.checkin_by_token(user=cast["mentor"], token=token)


def test_it_refuses_a_forged_token(open_event, cast):
    services.registration_create(event=open_event, person=_person("mentor"))
    token = services.checkin_token(open_event)
    value, _sep, rest = token.partition(":")
    forged = f"{int(value) + 1}:{rest}"
    for bad in (forged, token + "x", "garbage"):
        with pytest.raises(ValidationError, match="not valid"):
            services.checkin_by_token(user=cast["mentor"], token=bad)
    assert not Registration.objects.get(event=open_event).attended


def test_it_refuses_checkin_of_an_unregistered_user(open_event, cast):
    with pytest.raises(ValidationError, match="not registered"):
        services.checkin_by_token(user=cast["faculty"], token=services.checkin_token(open_event))


def test_it_issues_certificates_on_close_and_then_freezes(open_event):
    a = services.registration_create(event=open_event, person=_person("mentor"))
    b = services.registration_create(event=open_event, person=_person("faculty"))
    services.attendance_mark(actor=None, event=open_event, attended_ids={a.pk})
    certs = services.attendance_close(actor=None, event=open_event)
    assert [c.registration_id for c in certs] == [a.pk]
    cert = Certificate.objects.get(registration=a)
    assert cert.hours == open_event.hours
    assert len(cert.code) == 12 and cert.code.startswith("PD-")
    assert not set(cert.code[3:].replace("-", "")) & set("01OIL")
    with pytest.raises(ValidationError, match="closed"):
        services.attendance_mark(actor=None, event=open_event, attended_ids={a.pk, b.pk})
    with pytest.raises(ValidationError, match="closed"):
        services.checkin_by_token(user=b.person.user, token=services.checkin_token(open_event))
    with pytest.raises(ValidationError):
        services.attendance_close(actor=None, event=open_event)
    b.refresh_from_db()
    assert not b.attended and not hasattr(b, "certificate")


def test_it_validates_event_fields(cluster, open_event):
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=None,
            cluster=cluster,
            organiser=open_event.organiser,
            kind="seminar",
            title="x",
            starts_at=open_event.ends_at,
            ends_at=open_event.starts_at,
            hours=0,
        )
    assert set(info.value.message_dict) == {"ends_at", "hours"}


def test_the_demo_has_certificates_for_the_mentor(seminar):
    assert Certificate.objects.filter(registration__person__user__username="mentor").exists()
    assert seminar.registrations.filter(attended=False).count() == 1
