"""Two-factor login: the code step after the password, throttling, recovery codes, enrolment,
and administrators who must enrol before they may use anything else."""

import re
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from educluster.accounts import two_factor
from educluster.accounts.demo import DEMO_TOTP_SECRET
from educluster.accounts.models import RecoveryCode, TwoFactorDevice, User
from educluster.accounts.two_factor_views import PENDING, SETUP_SECRET
from educluster.engines.totp import secret_decode, totp_code
from educluster.security.models import SecurityEvent

PASSWORD = "demo-parol-2026"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def english(cast):
    for user in cast.values():
        user.preferred_language = "en"
        user.save()
    with translation.override("en"):
        yield


def code(secret: str = SECRET, offset: int = 0) -> str:
    return totp_code(secret_decode(secret), time.time() + offset)


def enrol(user: User) -> list[str]:
    """Enrol with a code from two steps ago, so that the current code is still unused."""
    at = time.time() - 60
    _device, codes = two_factor.two_factor_enrol(
        user=user, secret=SECRET, code=totp_code(secret_decode(SECRET), at), at=at
    )
    return codes


def password_step(client, username: str, **extra):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD, **extra})


def logged_in(client) -> bool:
    return client.get(reverse("accounts:me")).status_code == 200


def test_it_asks_for_a_code_after_the_password_when_a_device_is_enrolled(client, cast):
    enrol(cast["faculty"])
    response = password_step(client, "faculty", next="/account/")
    assert response.status_code == 302 and response.url == reverse("login_code")
    assert not logged_in(client)  # the password alone logs nobody in
    page = client.get(reverse("login_code"))
    assert b'name="code"' in page.content and b'autocomplete="one-time-code"' in page.content
    response = client.post(reverse("login_code"), {"code": code()})
    assert response.status_code == 302 and response.url == "/account/"
    assert logged_in(client)
    assert PENDING not in client.session


def test_it_logs_in_without_a_code_when_no_device_is_enrolled(client, cast):
    response = password_step(client, "coordinator")
    assert response.status_code == 302 and response.url == reverse("home")
    assert logged_in(client)


def test_it_refuses_a_wrong_code_with_a_clear_message(client, cast):
    enrol(cast["faculty"])
    password_step(client, "faculty")
    wrong = "000000" if code() != "000000" else "111111"
    response = client.post(reverse("login_code"), {"code": wrong})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert not logged_in(client)
    assert TwoFactorDevice.objects.get(user=cast["faculty"]).failed_attempts == 1
    event = SecurityEvent.objects.filter(user=cast["faculty"]).latest("pk")
    assert event.kind == SecurityEvent.Kind.LOGIN_FAILED
    assert event.detail == {"step": "two_factor", "reason": "wrong"}


def test_it_refuses_a_replayed_code(client, cast):
    enrol(cast["faculty"])
    used = code()
    password_step(client, "faculty")
    assert client.post(reverse("login_code"), {"code": used}).status_code == 302
    client.post(reverse("logout"))
    password_step(client, "faculty")
    response = client.post(reverse("login_code"), {"code": used})
    assert response.status_code == 200
    assert "This code was already used" in response.content.decode()
    assert SecurityEvent.objects.filter(user=cast["faculty"], detail__reason="replayed").exists()
    assert not logged_in(client)


def test_it_accepts_a_recovery_code_once(client, cast):
    codes = enrol(cast["faculty"])
    assert len(codes) == 10 and len(set(codes)) == 10
    assert RecoveryCode.objects.filter(device__user=cast["faculty"]).count() == 10
    # Only hashes are kept.
    assert not RecoveryCode.objects.filter(code_hash__in=codes).exists()
    password_step(client, "faculty")
    response = client.post(reverse("login_code"), {"code": codes[3].upper()}, follow=True)
    assert "You logged in with a recovery code; 9 are left." in response.content.decode()
    assert logged_in(client)
    client.post(reverse("logout"))
    password_step(client, "faculty")
    response = client.post(reverse("login_code"), {"code": codes[3]})
    assert response.status_code == 200 and not logged_in(client)


def test_it_locks_the_codes_after_five_wrong_ones(client, cast):
    enrol(cast["faculty"])
    password_step(client, "faculty")
    good = code()
    wrong = next(c for c in ("000000", "111111", "222222") if c != good and c != code(offset=30))
    for _attempt in range(5):
        response = client.post(reverse("login_code"), {"code": wrong})
    assert "Too many wrong codes" in response.content.decode()
    # Now even the right code is refused, in any session.
    response = client.post(reverse("login_code"), {"code": good})
    assert "Too many wrong codes" in response.content.decode() and not logged_in(client)
    events = SecurityEvent.objects.filter(user=cast["faculty"]).exclude(kind="two_factor")
    events = events.order_by("pk")
    assert [e.detail["reason"] for e in events] == ["wrong"] * 4 + ["locked"] * 2
    assert events.last().kind == SecurityEvent.Kind.LOCKOUT
    # After fifteen minutes it works again.
    TwoFactorDevice.objects.filter(user=cast["faculty"]).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    assert client.post(reverse("login_code"), {"code": good}).status_code == 302
    device = TwoFactorDevice.objects.get(user=cast["faculty"])
    assert device.failed_attempts == 0 and device.locked_until is None


def test_it_forgets_a_password_step_after_five_minutes(client, cast):
    enrol(cast["faculty"])
    password_step(client, "faculty")
    session = client.session
    session[PENDING] = {**session[PENDING], "since": time.time() - 301}
    session.save()
    response = client.post(reverse("login_code"), {"code": code()})
    assert response.status_code == 302 and response.url == reverse("login")
    assert not logged_in(client)


def test_it_needs_a_password_step_before_the_code_page(client, db):
    response = client.get(reverse("login_code"))
    assert response.status_code == 302 and response.url == reverse("login")


def test_it_makes_an_administrator_enrol_before_anything_else(client, cast):
    TwoFactorDevice.objects.filter(user=cast["admin"]).delete()
    response = password_step(client, "admin", next="/account/")
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor_setup")
    for path in ("/account/", reverse("home"), "/admin/", "/api/"):
        blocked = client.get(path)
        assert blocked.status_code == 302, path
        assert blocked.url == reverse("accounts:two_factor_setup"), path
    page = client.get(reverse("accounts:two_factor_setup"))
    html = page.content.decode()
    assert "Administrators must use two-factor login" in html and "<svg" in html
    secret = client.session[SETUP_SECRET]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "12345"})
    assert "The code is not right" in response.content.decode()
    response = client.post(reverse("accounts:two_factor_setup"), {"code": code(secret)})
    assert response.url == reverse("accounts:two_factor_recovery")
    recovery = client.get(reverse("accounts:two_factor_recovery")).content.decode()
    assert len(re.findall(r"<code>[a-z2-9]{5}-[a-z2-9]{5}</code>", recovery)) == 10
    assert 'href="/account/"' in recovery  # continues where the administrator was going
    assert client.get("/account/").status_code == 200
    assert client.get("/admin/").status_code == 200
    # Shown once only.
    assert client.get(reverse("accounts:two_factor_recovery")).status_code == 302


def test_it_leaves_sessions_without_the_flag_alone(client_as, cast):
    TwoFactorDevice.objects.filter(user=cast["admin"]).delete()
    client = client_as("admin")  # force_login, as hundreds of tests do
    assert client.get("/account/").status_code == 200


def test_it_sends_the_admin_sites_login_to_the_two_factor_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == reverse("login") + "?next=/admin/"


def test_it_lets_other_users_enrol_and_turn_it_off(client_as, cast):
    client = client_as("faculty")
    account = client.get(reverse("accounts:me")).content.decode()
    assert "Set up two-factor login" in account
    client.get(reverse("accounts:two_factor_setup"))
    secret = client.session[SETUP_SECRET]
    client.post(reverse("accounts:two_factor_setup"), {"code": code(secret)})
    assert "Recovery codes" in client.get(reverse("accounts:two_factor_recovery")).content.decode()
    account = client.get(reverse("accounts:me")).content.decode()
    assert "Two-factor login is on since" in account and "Recovery codes left: 10." in account
    assert "Turn two-factor login off" in account
    # Turning it off needs a current code.
    response = client.post(reverse("accounts:two_factor_disable"), {"code": "99999x"}, follow=True)
    assert "The code is not right" in response.content.decode()
    assert TwoFactorDevice.objects.filter(user=cast["faculty"]).exists()
    response = client.post(
        reverse("accounts:two_factor_disable"), {"code": code(secret, 30)}, follow=True
    )
    assert "Two-factor login is off." in response.content.decode()
    assert not TwoFactorDevice.objects.filter(user=cast["faculty"]).exists()
    # The history has the enrolment and the removal, by the account itself, without the secret.
    history = TwoFactorDevice.history.filter(user_id=cast["faculty"].pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "-"]
    assert {h.history_user_id for h in history} == {cast["faculty"].pk}
    assert not hasattr(history[0], "secret")


def test_it_keeps_administrators_from_turning_it_off(client_as, cast):
    client = client_as("admin")
    account = client.get(reverse("accounts:me")).content.decode()
    assert "Turn two-factor login off" not in account
    assert "Administrators must keep two-factor login on." in account
    response = client.post(
        reverse("accounts:two_factor_disable"), {"code": code(DEMO_TOTP_SECRET)}, follow=True
    )
    assert "Administrators must keep two-factor login on." in response.content.decode()
    assert TwoFactorDevice.objects.filter(user=cast["admin"]).exists()


def test_it_lets_administrators_make_new_recovery_codes(client_as, cast):
    client = client_as("admin")
    response = client.post(
        reverse("accounts:two_factor_recovery_regenerate"), {"code": code(DEMO_TOTP_SECRET)}
    )
    assert response.url == reverse("accounts:two_factor_recovery")
    page = client.get(response.url).content.decode()
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", page)
    assert len(new) == 10
    assert RecoveryCode.objects.filter(device__user=cast["admin"], used_at=None).count() == 10


def test_it_gives_the_demo_admin_a_published_key(cast, capsys):
    device = TwoFactorDevice.objects.get(user=cast["admin"])
    assert device.secret == DEMO_TOTP_SECRET
    assert not TwoFactorDevice.objects.exclude(user=cast["admin"]).exists()
    call_command("demo_accounts")
    assert DEMO_TOTP_SECRET in capsys.readouterr().out
    call_command("demo_totp_code")
    assert re.match(r"\d{6}  \(valid for \d+ more seconds\)", capsys.readouterr().out)


def test_it_logs_the_demo_admin_in_with_the_published_key(client, cast):
    password_step(client, "admin")
    assert client.post(reverse("login_code"), {"code": code(DEMO_TOTP_SECRET)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_it_does_not_enrol_twice(cast):
    enrol(cast["faculty"])
    with pytest.raises(Exception, match="already on"):
        enrol(cast["faculty"])


def test_it_lets_an_administrator_remove_a_lost_device_in_the_admin_site(client_as, cast):
    enrol(cast["faculty"])
    device = TwoFactorDevice.objects.get(user=cast["faculty"])
    client = client_as("admin")
    page = client.get(f"/admin/accounts/twofactordevice/{device.pk}/change/")
    assert page.status_code == 200 and SECRET not in page.content.decode()
    client.post(f"/admin/accounts/twofactordevice/{device.pk}/delete/", {"post": "yes"})
    assert not TwoFactorDevice.objects.filter(pk=device.pk).exists()
    removal = TwoFactorDevice.history.get(id=device.pk, history_type="-")
    assert removal.history_user_id == cast["admin"].pk


def test_it_starts_again_when_the_device_is_removed_during_the_login(client, cast):
    enrol(cast["faculty"])
    password_step(client, "faculty")
    TwoFactorDevice.objects.filter(user=cast["faculty"]).delete()
    response = client.post(reverse("login_code"), {"code": code()})
    assert response.status_code == 302 and response.url == reverse("login")
    assert not logged_in(client)


def test_it_records_every_change_of_the_second_factor_as_a_security_event(cast):
    user = cast["faculty"]
    enrol(user)
    two_factor.recovery_codes_regenerate(user=user, code=code())
    two_factor.two_factor_disable(user=user, code=code(offset=30))
    events = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.TWO_FACTOR, user=user)
    assert [e.detail["action"] for e in events.order_by("pk")] == [
        "enrolled",
        "new recovery codes",
        "turned off",
    ]
    assert {e.username for e in events} == {"faculty"}
