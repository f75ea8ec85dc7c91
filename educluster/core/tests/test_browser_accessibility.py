"""Accessibility in a real Chromium (issue 15, item 8).

axe-core (vendored, see ``vendor/README.md``) checks the main pages of every role of the cast —
the home page, the account page and every tab of the role's cluster navigation — in Uzbek,
Russian and English, and the login page signed out: no violation of impact "serious" or
"critical". The keyboard reaches a skip link first and every focused element shows a focus
indicator; the main pages of heads, mentors and students reflow at 320 CSS px (WCAG 1.4.10); the
first page weighs less than 200 KB on the wire. One browser and one login per role: the loops run
inside the tests because every test reloads the demo.
"""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from educluster.accounts.models import User
from educluster.conftest import SLUG, enter_demo_totp_code, login
from educluster.core.navigation import tab_groups
from educluster.core.tests.test_phone import MEASURE, _pages
from educluster.registry.models import Cluster

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
LANGUAGES = ["uz", "ru", "en"]
ROLES = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"]
BLOCKING = {"serious", "critical"}

# The page's violations, reduced to what a reader of the failure needs.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
  }));
}"""


def _main_pages(username: str, cluster: Cluster) -> list[str]:
    """The home page, the account page and every tab of the user's cluster navigation."""
    user = User.objects.get(username=username)
    urls = [reverse("home"), reverse("accounts:me")]
    for group in tab_groups(user, cluster):
        urls += [url for _key, _label, url in group.tabs]
    return list(dict.fromkeys(urls))


def _check(page: Any, where: str) -> list[str]:
    """axe's serious and critical violations of the page shown, one readable block each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's CSP does not apply to it.
        page.evaluate(AXE)
    found = []
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] not in BLOCKING:
            continue
        nodes = "\n".join(
            f"      {node['target']}: {' '.join(node['summary'].split())[:300]}"
            for node in violation["nodes"][:8]
        )
        more = len(violation["nodes"]) - 8
        found.append(
            f"{where}: [{violation['impact']}] {violation['id']} — {violation['help']}\n{nodes}"
            + (f"\n      … and {more} more" if more > 0 else "")
        )
    return found


def _visit(page: Any, url: str) -> tuple[int, str]:
    response = page.goto(page.base_url + url)
    assert response is not None
    return response.status, page.evaluate("() => document.documentElement.lang")


def _login_page_problems(page: Any) -> list[str]:
    """The login page signed out, in each language, before and after a failed attempt."""
    problems: list[str] = []
    for language in LANGUAGES:
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "educluster_language", "value": language, "url": page.base_url}]
        )
        status, lang = _visit(page, reverse("login"))
        assert status == 200
        if lang != language:
            problems.append(f"login {language}: <html lang={lang!r}>")
        problems += _check(page, f"login {language}")
        # A failed attempt shows the form's errors: they must be accessible too.
        page.fill("input[name=username]", "nobody")
        page.fill("input[name=password]", "wrong-password")
        page.click("form.form button[type=submit]")
        page.wait_for_selector("main h1")
        problems += _check(page, f"login {language} (after a failed attempt)")
    return problems


def _sign_in(page: Any, username: str) -> list[str]:
    """Sign in; the two-factor step (administrators) is checked on the way."""
    page.goto(page.base_url + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo-parol-2026")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/login/code/" not in page.url:
        return []
    found = _check(page, f"{username} two-factor step")
    enter_demo_totp_code(page)
    return found


def test_it_finds_no_serious_accessibility_violation_on_any_roles_main_pages(browser_page):
    page = browser_page
    cluster = Cluster.objects.get(slug=SLUG)
    problems = _login_page_problems(page)
    visited = 0
    for username in ROLES:
        urls = _main_pages(username, cluster)
        page.context.clear_cookies()
        problems += _sign_in(page, username)
        page.wait_for_selector("main h1")
        # The top bar's links too (clusters, national view), but not Django's own admin site.
        links = page.eval_on_selector_all(
            "nav.topnav a", "links => links.map(a => a.getAttribute('href'))"
        )
        urls += [link for link in links if not link.startswith("/admin") and link not in urls]
        for language in LANGUAGES:
            # The account's preference decides the language of every page after login.
            User.objects.filter(username=username).update(preferred_language=language)
            for url in urls:
                status, lang = _visit(page, url)
                if status != 200:
                    problems.append(f"{username} {language} {url}: HTTP {status}")
                    continue
                visited += 1
                if lang != language:
                    problems.append(f"{username} {language} {url}: <html lang={lang!r}>")
                problems += _check(page, f"{username} {language} {url}")
    assert not problems, "\n".join(problems)
    assert visited >= len(ROLES) * len(LANGUAGES) * 3


# --- keyboard ----------------------------------------------------------------------------------

# The focused element: what it is, whether it is on screen and whether a focus indicator is drawn
# (an outline or a box shadow on it, or on the label that stands for a visually hidden control).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // The calendar button of a date input lives in the browser's own shadow tree: the input is
  // the active element without matching :focus, and the browser draws that button's ring.
  if (el.matches('input[type^="date"]:not(:focus)')) {
    return {what: `calendar button of input#${el.id}`, visible: true, indicated: true};
  }
  const drawn = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  };
  let shown = el;
  if (parseFloat(getComputedStyle(el).opacity) === 0 && el.labels && el.labels.length) {
    shown = el.labels[0];
  }
  const box = shown.getBoundingClientRect();
  const tag = el.tagName.toLowerCase();
  const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '');
  return {
    what: `${tag}${el.id ? '#' + el.id : ''} "${name.trim().slice(0, 40)}"`,
    visible: box.width > 0 && box.height > 0,
    indicated: drawn(shown),
  };
}"""


def _tab_through(page: Any, where: str, presses: int = 80) -> tuple[int, list[str]]:
    """Press Tab until focus leaves the page (or ``presses`` times); what lacked a visible focus."""
    problems = []
    seen = 0
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        seen += 1
        if not focused["visible"]:
            problems.append(f"{where}: focus on {focused['what']}, which is not drawn")
        elif not focused["indicated"]:
            problems.append(f"{where}: focus on {focused['what']} shows no focus indicator")
    return seen, problems


def _assert_skip_link_works(page: Any, where: str) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => ({cls: document.activeElement.className,"
        " href: document.activeElement.getAttribute('href'),"
        " shown: document.activeElement.getBoundingClientRect().height > 0})"
    )
    assert first["cls"] == "skip-link" and first["href"] == "#main", f"{where}: {first}"
    assert first["shown"], f"{where}: the skip link is not drawn when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main", where
    # The next Tab lands inside the main content, past the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')"), where


def test_it_moves_the_keyboard_focus_visibly_through_a_home_page_and_a_form(browser_page):
    page = browser_page
    problems: list[str] = []
    login(page, "coordinator")
    page.wait_for_selector("main h1")
    User.objects.filter(username="coordinator").update(preferred_language="en")
    cluster_page = reverse("registry:cluster", args=[SLUG])
    pages = [reverse("home"), cluster_page, reverse("accounts:me"), reverse("password_change")]
    for url in pages:
        status, _lang = _visit(page, url)
        assert status == 200, url
        # A form that puts the focus in its first field (autofocus) starts past the skip link.
        if page.evaluate("() => document.activeElement === document.body"):
            _assert_skip_link_works(page, url)
            page.goto(page.base_url + url)  # start again from the top
        seen, found = _tab_through(page, url)
        problems += found
        assert seen >= 3, f"{url}: only {seen} elements reachable by keyboard"
    # On a phone the cluster menu folds behind its toggle, which must show its focus too.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + cluster_page)
    seen, found = _tab_through(page, f"{cluster_page} (phone)")
    problems += found
    assert not problems, "\n".join(problems)


# --- reflow and weight -------------------------------------------------------------------------


def test_it_reflows_the_main_pages_of_heads_mentors_and_students_at_320_px(browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    cluster = Cluster.objects.get(slug=SLUG)
    problems: list[str] = []
    visited = 0
    for username, pages in _pages(cluster).items():
        page.context.clear_cookies()
        login(page, username)
        page.wait_for_selector("main h1")
        for url in dict.fromkeys(url for url, _actions in pages):
            status, _lang = _visit(page, url)
            if status != 200:
                problems.append(f"{username} {url}: HTTP {status}")
                continue
            visited += 1
            found = page.evaluate(MEASURE, ["main h1"])
            if found["scroll"] > 320:
                problems.append(f"{username} {url}: page is {found['scroll']} px wide at 320 px")
    assert not problems, "\n".join(problems)
    assert visited >= 30


# Bytes on the wire of the page and everything it loaded (a fresh context: nothing cached).
TRANSFERRED = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  return entries.map(e => ({name: e.name, bytes: e.transferSize || e.encodedBodySize}));
}"""
BUDGET = 200 * 1024


def test_it_sends_the_first_page_in_under_200_kb(browser_page):
    page = browser_page
    fresh = page.context.browser.new_context(locale="uz-UZ")
    try:
        first = fresh.new_page()
        first.goto(page.base_url + reverse("login"))
        first.wait_for_load_state("load")
        weights = {"login": first.evaluate(TRANSFERRED)}
        first.fill("input[name=username]", "student")
        first.fill("input[name=password]", "demo-parol-2026")
        first.click("form.form button[type=submit]")
        first.wait_for_selector("main h1")
        first.wait_for_load_state("load")
        weights["student home"] = first.evaluate(TRANSFERRED)
    finally:
        fresh.close()
    for name, entries in weights.items():
        total = sum(entry["bytes"] for entry in entries)
        listing = ", ".join(
            f"{entry['name'].rsplit('/', 1)[-1]} {entry['bytes']}" for entry in entries
        )
        print(f"{name}: {total} bytes ({listing})")  # shown with -s: the figure for the record
        assert 0 < total < BUDGET, f"{name}: {total} bytes ({listing})"
