"""Reference data and documented defaults shipped with the workforce app.

Subjects: the fine-arts-related subjects of Uzbekistan's general secondary school, named in the
three interface languages. Codes are stable; imports, scenarios and forecast snapshots use them.

The example curriculum, the default load norm, the retirement age and the attrition profile
are *assumptions* to start from, each with its source below. Every cluster edits its own copy
(``WorkforceSettings``, ``CurriculumHours``, ``AttritionRate``) and the forecast uses that copy.
"""

from decimal import Decimal

# (code, order, Uzbek, Russian, English)
SUBJECTS: list[tuple[str, int, str, str, str]] = [
    ("fine_arts", 10, "Tasviriy sanʼat", "Изобразительное искусство", "Fine arts"),
    ("music", 20, "Musiqa madaniyati", "Музыкальная культура", "Music"),
    ("technical_drawing", 30, "Chizmachilik", "Черчение", "Technical drawing"),
    ("technology", 40, "Texnologiya", "Технология", "Technology"),
]

GRADES = tuple(range(1, 12))

#: Weekly hours per class, grades 1…11 (index 0 = grade 1).
EXAMPLE_CURRICULUM: dict[str, list[int]] = {
    "fine_arts": [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
    "music": [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
    "technical_drawing": [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0],
    "technology": [1, 1, 1, 1, 2, 2, 2, 1, 1, 0, 0],
}

#: Where the example table comes from, shown beside it and editable per cluster.
EXAMPLE_CURRICULUM_SOURCE = (
    "Example, to be checked: weekly hours per class following the base curriculum (tayanch "
    "oʻquv reja) of general secondary schools of Uzbekistan — Tasviriy sanʼat and Musiqa "
    "madaniyati 1 h in grades 1–7, Chizmachilik 1 h in grades 8–9, Texnologiya 1 h in grades "
    "1–4, 2 h in grades 5–7 and 1 h in grades 8–9. Compare it with the curriculum approved for "
    "the current school year and edit it. Classes taught in split groups count once."
)

#: Customary full teaching load (stavka) of a general-school teacher in Uzbekistan, hours/week.
DEFAULT_LOAD_NORM = Decimal("18")

#: Teachers' age bands: five-year bands 20–24 … 65–69 (the engine's band edges).
AGE_BAND_EDGES: tuple[int, ...] = (20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70)
AGE_BANDS: tuple[str, ...] = tuple(
    f"{AGE_BAND_EDGES[i]}-{AGE_BAND_EDGES[i + 1] - 1}" for i in range(len(AGE_BAND_EDGES) - 1)
)

#: Pension age in Uzbekistan (Law "On state pension provision of citizens", art. 7): 60 for
#: men, 55 for women. The forecast takes one age per run; staff records carry no sex, so the
#: default is 60 and a cluster (or a scenario) chooses another edge.
DEFAULT_RETIREMENT_AGE = 60
RETIREMENT_AGE_CHOICES = (55, 60, 65)

#: Yearly leaving rate (other than retirement) by age band, an assumption shaped like the
#: leaving rates by age of England's Teacher Workforce Model: early-career teachers leave most,
#: mid-career least, working pensioners often.
DEFAULT_ATTRITION: dict[str, Decimal] = dict(
    zip(
        AGE_BANDS,
        (
            Decimal(x)
            for x in (
                "0.080",
                "0.060",
                "0.045",
                "0.035",
                "0.030",
                "0.030",
                "0.035",
                "0.050",
                "0.200",
                "0.350",
            )
        ),
        strict=True,
    )
)

#: Class-size norm used where the number of classes is not given (assumption; set your own).
DEFAULT_CLASS_SIZE = Decimal("30")
#: Share of admitted students who graduate (assumption).
DEFAULT_COMPLETION_RATE = Decimal("0.85")
#: Bachelor's programme length in years.
DEFAULT_PROGRAMME_LENGTH = 4


def load_subjects(subject_model) -> None:
    """Create or refresh the shipped subjects; safe to run again."""
    for code, order, uz, ru, en in SUBJECTS:
        subject_model.objects.update_or_create(
            code=code, defaults={"order": order, "name_uz": uz, "name_ru": ru, "name_en": en}
        )
