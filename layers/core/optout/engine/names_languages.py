"""Wrong person by name in the other languages: "Я не Сергей", "no soy Ramiro", "我不是张女士".

Like names.py, read on the original text: capitals tell a name ("io non sono Federica") from a
word ("non sono sicuro"), so only the languages that do not capitalise their nouns are read
(not German). The name must close its clause ("Я не Сергей, ...") so that a capitalised word
opening a longer phrase is not taken for one. Chinese has no capitals: a name there is one to
three characters with a form of address ("女士", "先生", "小姐").
"""

from __future__ import annotations

import re
from functools import cache

# "I am not" and "this is not", as typed (case-insensitive), per language.
_NOT_ME = {
    "es": ("no soy", "yo no soy", "este no es el telefono de", "aqui no vive"),
    "fr": ("je ne suis pas", "je suis pas", "ce n'est pas", "ici ce n'est pas"),
    "pt": ("não sou", "nao sou", "eu não sou", "eu nao sou"),
    "it": ("non sono", "io non sono", "qui non c'è", "qui non ce"),
    "pl": ("nie jestem", "to nie", "tu nie ma"),
    "ru": ("я не", "это не", "тут нет", "здесь нет"),
    "ht": ("mwen pa", "se pa", "m pa"),
    "vi": ("không phải là", "không phải", "tôi không phải là", "em không phải là"),
    "tl": ("hindi ako si", "hindi po ako si", "hindi ito si", "walang"),
}
# Capitalised words that follow "not" without being a name.
_NOT_NAMES = frozenset(
    ("Dios", "Señor", "Senor", "Madame", "Monsieur", "Ok", "Okay", "Gracias", "Merci", "Grazie", "Obrigado", "Obrigada", "Bom", "Bien", "Vale", "Si", "Sí", "Oui", "Non", "No", "Bueno", "Tak", "Nie", "Да", "Нет", "Хорошо", "Спасибо", "Ладно")
)  # fmt: skip
_CHINESE = re.compile(
    r"我不是[\u4e00-\u9fff]{1,3}?(?:女士|先生|小姐|太太|老师|老師|阿姨|叔叔|同学|同學|经理|經理)(?!的)"
)
_LANGUAGE_OF = {phrase: code for code, phrases in _NOT_ME.items() for phrase in phrases}


@cache
def _pattern() -> re.Pattern[str]:
    phrases = "|".join(re.escape(phrase) for phrase in sorted(_LANGUAGE_OF, key=len, reverse=True))
    return re.compile(
        rf"(?:^|[.!?,;¡¿]\s*|\s)(?i:({phrases}))\s+([A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё]+)(?:\s+[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё]+)?"
        r"\s*(?=$|[.!?,;:])"
    )


# A word of every phrase above, as the engine's words read it (folded), none an everyday English
# word ("no", "to"): one set test first.
SCREEN_WORDS = frozenset(
    ("soy", "suis", "pas", "sou", "sono", "nie", "jestem", "не", "нет", "pa", "phai", "hindi", "walang")
)


def wrong_name_elsewhere(text: str) -> tuple[str, str] | None:
    """The words of "I'm not <Name>" and their language, in the languages above, or None."""
    if "我不是" in text:
        found_zh = _CHINESE.search(text)
        return (found_zh.group(0), "zh") if found_zh else None
    found = _pattern().search(text)
    if found is None or found.group(2) in _NOT_NAMES:
        return None
    return found.group(0).strip(" ,.!?;"), _LANGUAGE_OF[found.group(1).lower()]
