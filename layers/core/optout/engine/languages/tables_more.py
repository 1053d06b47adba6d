"""More table entries per language, merged into each Language by languages/__init__.py (each
field's tuple is extended): the keywords and filler people type beside the published ones, and
common words for detection (detect.py).

- opt_out: kana spellings of the Japanese keywords (half-width kana become these under NFKC),
  "停止", Arabic "ستوب" (STOP written in Arabic letters), Tagalog "ayaw ko na";
- filler: words that only reinforce a keyword ("stop خلاص يا جماعة", "唔該停", "受信拒否します",
  "band kardo", "stop pozhaluysta");
- words: the romanised forms people type (Arabizi, Hinglish, Russian translit) and everyday words
  of short requests. Only words no other supported language or English uses the same way: one of
  them is a vote for its language.
"""

from __future__ import annotations

MORE: dict[str, dict[str, tuple[str, ...]]] = {
    "ja": {
        "opt_out": ("やめて", "停止", "送信停止", "テイシ", "ていし", "ハイシンテイシ", "はいしんていし"),
        "filler": ("もう", "します", "いたします"),
    },
    "zh": {"filler": ("唔該", "唔该", "唔該晒", "唔该晒", "喇", "吖")},  # Cantonese please and particles
    "tl": {"opt_out": ("ayaw ko na",)},
    "ru": {"filler": ("pozhaluysta", "pozhalujsta", "pojaluysta", "spasibo", "uzhe")},
    "ar": {
        "opt_out": ("ستوب",),
        # "enough", "guys", "now" around a keyword
        "filler": ("خلاص", "يا جماعة", "يا جماعه", "بقى", "بقا", "حالا", "الحين", "هلق", "هلا", "الان", "دحين"),
    },
    "hi": {"filler": ("abhi", "अभी", "kardo", "kar dijiye", "kar dijie", "kr do", "krdo", "कर दीजिए")},
}

_WORDS: dict[str, tuple[str, ...]] = {
    # Arabizi: Egyptian and Levantine words in Latin letters, digits for the missing sounds
    "ar": (
        *("3ayez", "3ayz", "3awez", "mesh", "msh", "mish", "ba2a", "khalas", "5alas", "sama7t"),
        *("sama7to", "rasayel", "rasa2el", "ra2mi", "ra2m", "rakam", "leh", "lesh", "kol", "keda"),
        *("kda", "bta3", "bta3o", "bta3i", "wa2af", "wa2fo", "tany", "tani", "7ad", "3al", "3ala"),
        *("3an", "ma3", "a7san", "yom", "shilo", "yalla", "wallah"),
        # Maghrebi and Gulf Arabizi (the eleventh dev round)
        *("wa9fo", "wa9f", "rassa2el", "rsa2el", "3afak", "bghit", "badi", "bidi", "mnkon", "trasloni", "l3afak"),
    ),
    "hi": (
        *("kaise", "kaisa", "honge", "hoga", "karu", "karun", "karna", "karne", "kar", "apni"),
        *("apna", "apne", "hatao", "bhej", "nhi", "nahin", "mere", "meri", "humein", "tumhe"),
        *("aapko", "rahe", "raha", "rahi", "itne", "itna", "kyon", "wapas", "chalu", "dobara"),
        *("yaar", "aaj", "koi", "kabhi", "unka", "unki", "uska", "uski", "iska", "wala", "wali"),
        *("tha", "kro", "chaiye", "chahie", "aaye", "aayega", "bheje", "bhejen", "bhejein", "bhejiye"),
    ),
    "ru": (
        *("nomer", "tot", "menya", "nichego", "spasibo", "eto", "uzhe", "hvatit", "khvatit"),
        *("otpishite", "prisylayte", "soobshcheniya", "soobsheniya", "nado", "pozhalujsta"),
    ),
    "tl": (
        *("wala", "dito", "iba", "ari", "pwede", "bang", "ibalik", "patulong", "nang", "ayoko"),
        *("tigil", "tanggalin", "yan", "yun", "kami", "namin", "natin", "tayo", "nakakainis", "ulit"),
    ),
    "pl": (
        *("czemu", "codziennie", "piszecie", "dajcie", "wreszcie", "spokoj", "spokój", "dlaczego"),
        *("ciagle", "ciągle", "wiadomosci", "wiadomości", "smsow", "smsów"),
    ),
    "pt": ("prefiro", "sem", "saco", "parem", "recebi", "receber", "vcs", "obg"),
    "fr": ("veuillez", "cesser", "envoi", "arretez", "arrêtez"),
    "de": ("habe", "hab", "dem", "auf", "ihr", "euch", "warum", "schreibt", "dauernd", "melde", "zugestimmt", "noch"),
    "it": (
        *("preferisco", "posta", "consenso", "ricevere", "revoco", "favore", "mandatemi", "levatemi", "ha", "hai"),
        *("sbagliato", "sbagliata", "iscritto", "ricevuto", "smettete", "smettetela", "faccio"),
        *("vi", "continuate", "annullate", "chiamo", "segnalo", "iscrizione", "toglietemi", "cancellatemi"),
        *("disiscrivetemi", "rimuovetemi", "nella", "siete", "potete", "ricominciare", "rimettetemi", "iscrivetemi"),
    ),
}
for _code, _words in _WORDS.items():
    MORE.setdefault(_code, {})["words"] = _words
