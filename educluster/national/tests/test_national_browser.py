"""The national view and the maps on a phone: 360 px wide, no sideways scroll of the page, the
SVG map scaled to the width and its table scrolling inside its own box."""

import os

import pytest
from django.urls import reverse

from educluster.conftest import SLUG, login
from educluster.core.tests.test_phone import HEIGHT, MEASURE, WIDTH

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("EDUCLUSTER_SCREENSHOTS", "")


@pytest.mark.parametrize("username", ["admin", "analyst"])
def test_it_fits_the_national_view_and_the_maps_on_a_phone(browser_page, username):
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    login(page, username)
    page.wait_for_selector("h1")
    urls = [
        reverse("national:overview"),
        reverse("national:map"),
        reverse("registry:cluster_map", args=[SLUG]),
    ]
    for url in urls:
        response = page.goto(page.base_url + url)
        assert response is not None and response.status == 200, url
        found = page.evaluate(MEASURE, ["main h1", "svg.svgmap"])
        assert found["scroll"] <= found["inner"], f"{url}: page is {found['scroll']} px wide"
        assert not found["missing"], f"{url}: {found['missing']}"
        box = page.locator("svg.svgmap").bounding_box()
        assert box is not None and box["width"] <= WIDTH and box["height"] > 100
        if SHOTS:
            name = url.strip("/").replace("/", "-")
            page.screenshot(path=f"{SHOTS}/{username}-{name}.png", full_page=True)
