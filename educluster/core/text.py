"""Text helpers shared by every app.

Uzbek Latin writes oʻ and gʻ with U+02BB MODIFIER LETTER TURNED COMMA and the separation sign
(tutuq belgisi) with U+02BC MODIFIER LETTER APOSTROPHE. Keyboards produce ', `, ‘ or ’ instead;
we store one spelling so that search, sorting and duplicate detection see "Boʻka" once.
"""

import re

OKINA = "\u02bb"  # ʻ  in oʻ, gʻ
TUTUQ = "\u02bc"  # ʼ  in maʼno, taʼlim
_APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u00b4"
_AFTER_O_G = re.compile(rf"([OoGg])[{_APOSTROPHES}]")
_BETWEEN_LETTERS = re.compile(rf"(?<=[^\W\d_])(?<![OoGg])[{_APOSTROPHES}](?=[^\W\d_])")
_SPACES = re.compile(r"\s+")


def normalize_uz(text: str) -> str:
    """Return ``text`` with Uzbek apostrophes normalised and runs of white space folded.

    >>> normalize_uz("Bo'ka tumani, ma'naviy-ma`rifiy ishlar")
    'Boʻka tumani, maʼnaviy-maʼrifiy ishlar'
    """
    text = _SPACES.sub(" ", text).strip()
    text = _AFTER_O_G.sub(rf"\1{OKINA}", text)
    return _BETWEEN_LETTERS.sub(TUTUQ, text)


def fold(text: str) -> str:
    """A key for comparing names: normalised, case-folded."""
    return normalize_uz(text).casefold()
