"""Haitian Creole and Russian tables.

See languages/__init__.py for the phrase syntax and docs/languages.md for the sources.
"""

from __future__ import annotations

from typing import Any

HAITIAN_RUSSIAN: dict[str, dict[str, Any]] = {
    "ht": {
        "name": "Haitian Creole",
        "opt_out": ("kanpe", "sispann", "anile", "dezabone"),
        "opt_in": ("kòmanse", "komanse", "abòne", "abone"),
        "help": ("ede m", "ede mwen"),
        "phrases": (
            "pa voye mesaj/tèks/teks/anyen",
            "pa voye m/mwen",
            "sispann voye/ekri/rele",
            "m/mwen pa vle resevwa/mesaj",
            "retire m/mwen/nimewo",
            "efase nimewo m/mwen",
            "se pa bon nimewo",
            "move nimewo",
            "pa ekri m/mwen ankò/anko",
            "kite m/mwen anpè/anpe",
            "m pa konn ki moun ou ye",
        ),
        "help_phrases": ("mwen bezwen èd/ed",),
        "filler": ("tanpri", "mèsi", "mesi", "souple", "silvouple"),
        "words": ("mwen", "m", "pa", "ankò", "anko", "mesi", "tanpri", "voye", "mesaj", "nimewo", "sa", "yo", "ou"),
    },
    "ru": {
        "name": "Russian",
        "opt_out": ("стоп", "отписаться", "отписка", "отказ", "отмена", "хватит", "отпишите"),
        "opt_in": ("старт", "подписаться"),
        "help": ("помощь", "справка"),
        "phrases": (
            "не пиш*/присыл*/шлите/отправл*/звон*",
            "больше не пиш*/присыл*/шлите",
            "хватит присыл*/слать/писать/спамить",
            "удалите мой номер/телефон",
            "удалите меня",
            "отпишите меня",
            "не хочу получать",
            "ошиблись номером",
            "неправильный номер",
            "это не мой номер",
            "не беспокойте",
            "прекратите рассылку/присыл*/писать",
            "пожалуюсь",
        ),
        "help_phrases": ("нужна помощь", "помогите"),
        "filler": ("пожалуйста", "спасибо", "уже"),
        "words": (
            "не",
            "мне",
            "я",
            "это",
            "пожалуйста",
            "спасибо",
            "больше",
            "мой",
            "номер",
            "mne",
            "bolshe",
            "pozhaluysta",
            "prisylajte",
            "pishite",
        ),
    },
}
