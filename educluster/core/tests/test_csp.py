"""Content Security Policy: no inline script, style or event handler in any page template.

The policy (config/settings.py ``SECURE_CSP``) allows scripts only from our origin or with the
request's nonce, and styles only from our origin: an inline ``style=""`` or ``onclick=""``
would be silently dropped by the browser, so the template is wrong, not the policy.
Templates rendered to PDF by WeasyPrint (``*_pdf.html``, ``documents/``) never reach a
browser and may style inline.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "educluster" / "templates"
PAGE_TEMPLATES = sorted(
    p
    for p in TEMPLATES.rglob("*.html")
    if not p.name.endswith("_pdf.html") and "documents" not in p.parts and "email" not in p.parts
)

COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
JAVASCRIPT_URL = re.compile(r"(href|src|action)\s*=\s*[\"']\s*javascript:", re.I)


def test_it_checks_every_page_template():
    assert len(PAGE_TEMPLATES) > 150


@pytest.mark.parametrize("template", PAGE_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_it_has_no_inline_script_style_or_handler(template):
    text = COMMENT.sub("", template.read_text(encoding="utf-8"))
    found = [
        f"{what}: {match.group(0).strip()}"
        for what, pattern in [
            ("inline script", INLINE_SCRIPT),
            ("style attribute", STYLE_ATTRIBUTE),
            ("style element", STYLE_ELEMENT),
            ("event handler", EVENT_HANDLER),
            ("javascript: URL", JAVASCRIPT_URL),
        ]
        for match in pattern.finditer(text)
    ]
    assert not found, found


def test_it_sends_a_policy_without_unsafe_inline(client_as):
    response = client_as("coordinator").get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None
    # Every script the page carries is either a file of ours or bears this response's nonce.
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert 'src="/static/' in tag or f'nonce="{nonce.group(1)}"' in tag, tag
