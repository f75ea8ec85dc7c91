from io import BytesIO

from openpyxl import load_workbook

from educluster.core.xlsx import safe_cell, workbook_bytes


def test_it_escapes_formula_like_cells():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("+998 90 123") == "'+998 90 123"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Parkent") == "Parkent"
    assert safe_cell(12) == 12


def test_it_writes_a_workbook_that_opens_with_cyrillic_and_latin():
    data = workbook_bytes(["Nomi", "Название"], [["Boʻka", "Бука"], ["=1+1", None]], title="T")
    sheet = load_workbook(BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Nomi", "Название")
    assert rows[1] == ("Boʻka", "Бука")
    assert rows[2][0] == "'=1+1"
