"""Documents rendered on the server: PDF through WeasyPrint from an HTML template.

The PDF stylesheet names DejaVu fonts, which cover Latin with ʻ/ʼ and Cyrillic; the Debian
package fonts-dejavu-core provides them (installed by .ci/run; documented in the README).
"""

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported on use: it loads Pango

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
