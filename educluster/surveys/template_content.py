# ruff: noqa: E501
"""The yearly "Teachers' well-being and professional status" survey in three languages.

These are survey content (stored in the survey rows), not interface strings, so they are not
gettext messages. Uzbek is Latin script: ʻ (U+02BB) in oʻ/gʻ, ʼ (U+02BC) elsewhere."""

from typing import Any

LANGUAGES = ("uz", "ru", "en")

WELLBEING: dict[str, Any] = {
    "title": {
        "en": "Teachers' well-being and professional status",
        "ru": "Благополучие и профессиональный статус учителей",
        "uz": "Oʻqituvchilarning farovonligi va kasbiy maqomi",
    },
    "description": {
        "en": "A yearly anonymous survey. Answer from 1 (strongly disagree) to 5 (strongly agree).",
        "ru": "Ежегодный анонимный опрос. Ответьте от 1 (совсем не согласен) до 5 (полностью согласен).",
        "uz": "Har yilgi anonim soʻrovnoma. 1 (mutlaqo qoʻshilmayman) dan 5 (toʻliq qoʻshilaman) gacha javob bering.",
    },
    "scales": {
        "wellbeing": {"en": "Well-being", "ru": "Благополучие", "uz": "Farovonlik"},
        "status": {
            "en": "Professional status",
            "ru": "Профессиональный статус",
            "uz": "Kasbiy maqom",
        },
    },
    "likert": [
        (
            "wellbeing",
            {
                "en": "I feel energetic at work.",
                "ru": "На работе я чувствую себя полным сил.",
                "uz": "Ishda oʻzimni gʻayratli his qilaman.",
            },
        ),
        (
            "wellbeing",
            {
                "en": "My workload is manageable.",
                "ru": "Моя нагрузка посильна.",
                "uz": "Ish yuklamam menga munosib.",
            },
        ),
        (
            "wellbeing",
            {
                "en": "I rarely feel exhausted after the working day.",
                "ru": "После рабочего дня я редко чувствую себя измотанным.",
                "uz": "Ish kunidan keyin kamdan-kam charchayman.",
            },
        ),
        (
            "wellbeing",
            {
                "en": "I have enough time for rest and my family.",
                "ru": "У меня достаточно времени на отдых и семью.",
                "uz": "Dam olish va oilam uchun yetarli vaqtim bor.",
            },
        ),
        (
            "wellbeing",
            {
                "en": "I feel supported by my colleagues.",
                "ru": "Я чувствую поддержку коллег.",
                "uz": "Hamkasblarimning qoʻllab-quvvatlashini his qilaman.",
            },
        ),
        (
            "status",
            {
                "en": "My work is respected by parents.",
                "ru": "Родители уважают мою работу.",
                "uz": "Ota-onalar mening mehnatimni hurmat qiladi.",
            },
        ),
        (
            "status",
            {
                "en": "My salary matches my qualification.",
                "ru": "Моя зарплата соответствует моей квалификации.",
                "uz": "Maoshim malakamga mos keladi.",
            },
        ),
        (
            "status",
            {
                "en": "I have opportunities for professional growth.",
                "ru": "У меня есть возможности профессионального роста.",
                "uz": "Kasbiy oʻsish uchun imkoniyatlarim bor.",
            },
        ),
        (
            "status",
            {
                "en": "The administration takes my opinion into account.",
                "ru": "Администрация учитывает моё мнение.",
                "uz": "Maʼmuriyat fikrimni inobatga oladi.",
            },
        ),
        (
            "status",
            {
                "en": "I would recommend the teaching profession to young people.",
                "ru": "Я бы порекомендовал профессию учителя молодёжи.",
                "uz": "Yoshlarga oʻqituvchilik kasbini tavsiya qilgan boʻlardim.",
            },
        ),
    ],
    "multiple": {
        "text": {
            "en": "What would improve your work most? (choose any)",
            "ru": "Что больше всего улучшило бы вашу работу? (можно несколько)",
            "uz": "Ishingizni eng koʻp nima yaxshilaydi? (bir nechtasini tanlang)",
        },
        "choices": {
            "en": [
                "Less paperwork",
                "Higher salary",
                "Training courses",
                "Better equipment",
                "Mentoring",
            ],
            "ru": [
                "Меньше бумажной работы",
                "Более высокая зарплата",
                "Курсы повышения квалификации",
                "Лучшее оборудование",
                "Наставничество",
            ],
            "uz": [
                "Kamroq qogʻozbozlik",
                "Yuqoriroq maosh",
                "Malaka oshirish kurslari",
                "Yaxshiroq jihozlar",
                "Murabbiylik",
            ],
        },
    },
    "text": {
        "en": "Anything else you would like to tell us?",
        "ru": "Что ещё вы хотели бы нам сообщить?",
        "uz": "Bizga yana nima demoqchisiz?",
    },
}
