"""The study report: the same SVG charts on the page and in the PDF, safe under the CSP."""

import re

import numpy as np
from django.template.loader import render_to_string
from django.urls import reverse

from educluster.schoollabs import charts
from educluster.schoollabs.reporting import report_context


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, flags=re.S)


def test_it_draws_svg_the_csp_allows():
    svg = charts.distribution_chart(
        {(1, 0): np.array([10.0, 12, 14]), (0, 0): np.array([9.0, 11, 15])},
        [(0, "pre")],
        [(1, "experimental"), (0, "control")],
        y_label="score",
        title='Scores "by" <group>',
    )
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "style=" not in svg and "<style" not in svg  # inline styles are blocked by the CSP
    assert "<script" not in svg
    assert 'fill="#1f5fae' in svg  # the colours survive as presentation attributes
    ids = re.findall(r'\sid="([^"]+)"', svg)
    assert ids and all(i.startswith("dist-") for i in ids)
    assert len(ids) == len(set(ids))
    assert '<title>Scores "by" &lt;group></title>' in svg


def test_it_puts_the_same_charts_in_the_page_and_the_pdf(client_as, study):
    page = client_as("coordinator").get(reverse("schoollabs:report", args=[study.pk]))
    html = page.content.decode()
    pdf_html = render_to_string("schoollabs/study_report_pdf.html", report_context(study))
    page_svgs, pdf_svgs = _svgs(html), _svgs(pdf_html)
    assert len(page_svgs) == 2
    assert page_svgs == pdf_svgs  # drawn deterministically from the same report
    ids = re.findall(r'\sid="([^"]+)"', "".join(page_svgs))
    assert len(ids) == len(set(ids))  # two charts on one page share no id


def test_it_shows_the_effect_with_its_interval(client_as, study):
    page = client_as("analyst").get(reverse("schoollabs:report", args=[study.pk]))
    context = page.context
    did = context["analysis"].did
    assert context["did_rows"][0].cells[2].startswith("[")
    html = page.content.decode()
    assert 'id="interpretation"' in html and 'id="did"' in html
    assert "3" in context["did_rows"][0].cells[0]
    assert did.ci_low > 0


def test_it_exports_the_report_as_pdf(client_as, study):
    response = client_as("faculty").get(reverse("schoollabs:report_pdf", args=[study.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 10_000
