"""Two-factor login in Chromium on a 360 px phone: enrol from the account page, then log in
with a code; no page scrolls sideways."""

import time

import pytest

from educluster.conftest import login
from educluster.engines.totp import secret_decode, totp_code

pytestmark = pytest.mark.browser

WIDTH = 360


def assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide"


def test_it_enrols_and_logs_in_with_a_code_on_a_phone(browser_page):
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 740})
    login(page, "mentor")
    page.goto(page.base_url + "/account/")
    assert_fits(page)
    page.click("a[href$='/account/two-factor/']")
    page.wait_for_selector("#two-factor-qr svg")
    assert_fits(page)
    secret = page.inner_text("#two-factor-secret").replace(" ", "")
    key = secret_decode(secret)
    page.fill("#two-factor-enrol input[name=code]", totp_code(key, time.time()))
    page.click("#two-factor-enrol button[type=submit]")
    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10
    assert_fits(page)
    page.click("form[action$='/logout/'] button")
    page.wait_for_load_state()

    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", "mentor")
    page.fill("input[name=password]", "demo-parol-2026")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#login-code input[name=code]")
    assert_fits(page)
    now = {totp_code(key, time.time() + d) for d in (-30, 0, 30)}
    page.fill("#login-code input[name=code]", "000000" if "000000" not in now else "111111")
    page.click("#login-code button[type=submit]")
    page.wait_for_selector("#login-code .error")
    assert_fits(page)
    # The next step's code: the current one was used by the enrolment.
    page.fill("#login-code input[name=code]", totp_code(key, time.time() + 30))
    page.click("#login-code button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login" not in page.url
    page.goto(page.base_url + "/account/")
    assert page.locator("form#two-factor-regenerate").count() == 1
    assert_fits(page)
