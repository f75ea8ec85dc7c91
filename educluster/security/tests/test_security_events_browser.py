"""The administrator's security events page on a phone: 360 px wide, no sideways scroll."""

import pytest
from django.test import Client
from django.urls import reverse

from educluster.accounts.models import User
from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record

pytestmark = pytest.mark.browser


def test_it_shows_the_events_page_on_a_phone_without_sideways_scroll(browser_page):
    page = browser_page
    admin = User.objects.get(username="admin")
    for kind in SecurityEvent.Kind.values:
        security_event_record(
            kind=kind,
            user=admin,
            username="a-rather-long-user-name-typed-at-the-sign-in-form",
            detail={"path": "/clusters/tasviriy-sanat-chirchiq/studies/access-log/", "n": 1},
        )
    # The admin signs in with a second factor; the session is made here, as client_as does.
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + reverse("security:events"))
    assert page.locator("#security-events tbody tr").count() >= len(SecurityEvent.Kind.values)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    assert page.locator("form.filters button").is_visible()
