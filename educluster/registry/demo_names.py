"""Uzbek names for demo people, drawn deterministically from a seeded generator."""

import random

FIRST_NAMES_M = [
    "Aziz",
    "Bobur",
    "Doston",
    "Eldor",
    "Farrux",
    "Gʻayrat",
    "Husan",
    "Ilhom",
    "Javlon",
    "Komil",
    "Laziz",
    "Mirjalol",
    "Nodir",
    "Otabek",
    "Sherzod",
    "Temur",
]
FIRST_NAMES_F = [
    "Aziza",
    "Barno",
    "Dilnoza",
    "Feruza",
    "Gulnora",
    "Hilola",
    "Iroda",
    "Kamola",
    "Lola",
    "Madina",
    "Nargiza",
    "Oysha",
    "Sevara",
    "Shahnoza",
    "Umida",
    "Zarina",
]
SURNAMES = [
    "Alimov",
    "Boboyev",
    "Karimov",
    "Mirzayev",
    "Nurmatov",
    "Oʻrinov",
    "Qosimov",
    "Rahimov",
    "Saidov",
    "Toshpoʻlatov",
    "Umarov",
    "Xasanov",
    "Yusupov",
    "Gʻofurov",
]
PATRONYMICS = [
    "Alisher",
    "Bahodir",
    "Dilshod",
    "Erkin",
    "Furqat",
    "Ikrom",
    "Jamshid",
    "Olim",
    "Rustam",
    "Shuhrat",
    "Toʻlqin",
    "Zafar",
]


def person_name(rng: random.Random) -> str:
    female = rng.random() < 0.6  # most fine-arts teachers and students in the region are women
    surname = rng.choice(SURNAMES) + ("a" if female else "")
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    patronymic = rng.choice(PATRONYMICS) + ("ovna" if female else "ovich")
    if patronymic.endswith(("aovna", "aovich")):
        patronymic = patronymic.replace("aov", "ov")
    return f"{surname} {first} {patronymic}"
