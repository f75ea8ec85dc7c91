"""Builds ``templates_docx/agreement.docx``, the docxtpl template of the agreement document.

Kept as code so the template can be reviewed and regenerated:
``python -m educluster.agreements.docx_template``.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

TARGET = Path(__file__).parent / "templates_docx" / "agreement.docx"
FONT = "Arial"  # present wherever Word runs; covers Cyrillic and the modifier letters ʻ ʼ


def build(path: Path = TARGET) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("{{ labels.heading }} {{ labels.number }} {{ agreement.number }}")
    run.bold = True
    run.font.size = Pt(14)
    sub = doc.add_paragraph("{{ agreement.title }}")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_paragraph("{{ labels.cluster }}: {{ agreement.cluster }}")
    doc.add_paragraph("{{ labels.signed_on }}: {{ agreement.signed_on }}")
    doc.add_paragraph("{{ labels.term }}: {{ agreement.valid_from }} – {{ agreement.valid_to }}")
    doc.add_paragraph("{{ labels.status }}: {{ agreement.status }}")

    doc.add_heading("{{ labels.parties }}", level=2)
    doc.add_paragraph("{%p for party in parties %}")
    doc.add_paragraph("{{ loop.index }}. {{ party.name }} ({{ party.district }})")
    doc.add_paragraph("{%p endfor %}")

    doc.add_heading("{{ labels.goals }}", level=2)
    doc.add_paragraph("{%p for goal in goals %}")
    doc.add_paragraph("{{ goal }}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("{{ labels.principles }}")

    doc.add_heading("{{ labels.obligations }}", level=2)
    doc.add_paragraph("{%p for group in obligations %}")
    doc.add_heading("{{ group.party }}", level=3)
    table = doc.add_table(rows=3, cols=6)
    table.style = "Table Grid"
    headers = ["area", "description", "when", "target", "evidence", "controller"]
    for cell, key in zip(table.rows[0].cells, headers, strict=True):
        cell.text = "{{ labels." + key + " }}"
        for paragraph in cell.paragraphs:
            for r in paragraph.runs:
                r.bold = True
    table.rows[1].cells[0].text = "{%tr for o in group.rows %}"
    for cell, key in zip(table.rows[2].cells, headers, strict=True):
        cell.text = "{{ o." + key + " }}"
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("{%p endfor %}")

    doc.add_heading("{{ labels.signatures }}", level=2)
    doc.add_paragraph("{%p for party in parties %}")
    doc.add_paragraph("{{ party.name }}: {{ labels.signed_by }} {{ party.signatory }} ____________")
    doc.add_paragraph("{%p endfor %}")

    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


if __name__ == "__main__":
    build()
