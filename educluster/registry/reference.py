"""Reference data shipped with EduCluster: Tashkent region and the languages of instruction.

Names follow the official Uzbek Latin spelling (with ʻ, U+02BB) and the customary Russian and
English forms. Codes are stable and used by imports.
"""

REGIONS = [("toshkent-viloyati", "Toshkent viloyati", "Ташкентская область", "Tashkent region")]

# (code, kind, Uzbek, Russian, English)
TASHKENT_REGION_DISTRICTS = [
    ("bekobod-tumani", "district", "Bekobod tumani", "Бекабадский район", "Bekobod district"),
    ("bostonliq", "district", "Boʻstonliq tumani", "Бостанлыкский район", "Bostonliq district"),
    ("boka", "district", "Boʻka tumani", "Букинский район", "Boʻka district"),
    ("chinoz", "district", "Chinoz tumani", "Чиназский район", "Chinoz district"),
    ("qibray", "district", "Qibray tumani", "Кибрайский район", "Qibray district"),
    (
        "ohangaron-tumani",
        "district",
        "Ohangaron tumani",
        "Ахангаранский район",
        "Ohangaron district",
    ),
    ("oqqorgon", "district", "Oqqoʻrgʻon tumani", "Аккурганский район", "Oqqoʻrgʻon district"),
    ("parkent", "district", "Parkent tumani", "Паркентский район", "Parkent district"),
    ("piskent", "district", "Piskent tumani", "Пскентский район", "Piskent district"),
    (
        "quyichirchiq",
        "district",
        "Quyichirchiq tumani",
        "Куйичирчикский район",
        "Quyichirchiq district",
    ),
    (
        "ortachirchiq",
        "district",
        "Oʻrtachirchiq tumani",
        "Уртачирчикский район",
        "Oʻrtachirchiq district",
    ),
    (
        "yuqorichirchiq",
        "district",
        "Yuqorichirchiq tumani",
        "Юкоричирчикский район",
        "Yuqorichirchiq district",
    ),
    ("yangiyol-tumani", "district", "Yangiyoʻl tumani", "Янгиюльский район", "Yangiyoʻl district"),
    ("zangiota", "district", "Zangiota tumani", "Зангиатинский район", "Zangiota district"),
    ("toshkent-tumani", "district", "Toshkent tumani", "Ташкентский район", "Tashkent district"),
    ("nurafshon", "city", "Nurafshon shahri", "город Нурафшан", "Nurafshon city"),
    ("angren", "city", "Angren shahri", "город Ангрен", "Angren city"),
    ("bekobod", "city", "Bekobod shahri", "город Бекабад", "Bekobod city"),
    ("olmaliq", "city", "Olmaliq shahri", "город Алмалык", "Olmaliq city"),
    ("ohangaron", "city", "Ohangaron shahri", "город Ахангаран", "Ohangaron city"),
    ("chirchiq", "city", "Chirchiq shahri", "город Чирчик", "Chirchiq city"),
    ("yangiyol", "city", "Yangiyoʻl shahri", "город Янгиюль", "Yangiyoʻl city"),
]

# (code, Uzbek, Russian, English)
LANGUAGES = [
    ("uz", "oʻzbek", "узбекский", "Uzbek"),
    ("ru", "rus", "русский", "Russian"),
    ("kaa", "qoraqalpoq", "каракалпакский", "Karakalpak"),
    ("kk", "qozoq", "казахский", "Kazakh"),
    ("tg", "tojik", "таджикский", "Tajik"),
    ("ky", "qirgʻiz", "киргизский", "Kyrgyz"),
    ("tk", "turkman", "туркменский", "Turkmen"),
    ("en", "ingliz", "английский", "English"),
]


def load_reference(region_model, district_model, language_model) -> None:
    """Create or refresh the reference rows; safe to run again."""
    for code, uz, ru, en in REGIONS:
        region, _ = region_model.objects.update_or_create(
            code=code, defaults={"name_uz": uz, "name_ru": ru, "name_en": en}
        )
    for code, kind, uz, ru, en in TASHKENT_REGION_DISTRICTS:
        district_model.objects.update_or_create(
            code=code,
            defaults={"region": region, "kind": kind, "name_uz": uz, "name_ru": ru, "name_en": en},
        )
    for code, uz, ru, en in LANGUAGES:
        language_model.objects.update_or_create(
            code=code, defaults={"name_uz": uz, "name_ru": ru, "name_en": en}
        )
