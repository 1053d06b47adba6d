"""Spanish and French requests to stop written with English words, as people who switch between
the languages write them ("ya no quiero los texts", "stop mandándome mensajes", "arrêtez les
texts", "à la place des messages"), read after intent_coverage.py.
"""

from __future__ import annotations

from optout.engine.intent_coverage import alt, first_words
from optout.engine.intent_pieces import IntentRule, rule

# Spanish and French stop verbs and sending forms, written with English or Spanish nouns.
ES_STOP = ("stop", "dejen de", "deja de", "paren de", "para de", "ya no", "no", "no mas", "basta de")
ES_SENDING = ("mandandome", "mandarme", "enviandome", "enviarme", "textearme", "texteandome", "escribiendome",
              "escribirme", "mandar", "enviar", "textear", "spamearme")  # fmt: skip
FR_STOP = ("arretez", "arrete", "cessez", "stop", "stoppez", "svp arretez", "arretez svp", "plus de", "fini les")
ES_FR_NOUNS = ("texts", "txts", "textos", "texto", "messages", "msgs", "sms", "alerts", "mensajes", "promos",
               "notifications", "alertes", "courriels de texte")  # fmt: skip

CODE_SWITCH_RULES: tuple[IntentRule, ...] = (
    rule(
        "a Spanish request to stop, also with English words",
        "es",
        r"\b" + alt(ES_STOP) + r"\s(?:me\s)?" + alt(ES_SENDING) + r"\b"
        r"|\b(?:ya\s)?no\s(?:quiero|necesito|deseo|me manden|me mandes|me envien|me envies|manden|envien|mandes)\s"
        r"(?:mas\s)?(?:(?:los|sus|tus|esos|estos|mas)\s)?(?:\w+\s)?" + alt(ES_FR_NOUNS) + r"\b",
        needs=(first_words(ES_STOP), " ".join(ES_SENDING) + " quiero necesito deseo manden mandes envien envies"),
        negatable=False,
        confidence=0.9,
        family="request",
    ),
    rule(
        "a French request to stop, also with English words",
        "fr",
        r"\b" + alt(FR_STOP) + r"\s(?:de m envoyer\s|de menvoyer\s|d envoyer\s|de nous envoyer\s)?(?:(?:les|vos|des"
        r"|ces|tes)\s)?(?:\w+\s)?" + alt(ES_FR_NOUNS) + r"\b"
        r"|\b(?:a la place|au lieu|plutot que)\s(?:des|de|du|par)\s(?:messages|textos|texto|sms|textes|texts)\b",
        needs=(
            "arretez arrete cessez stop stoppez svp plus fini place lieu plutot",
            first_words(ES_FR_NOUNS) + " textes",
            # a French verb or determiner: "stop sending texts" is English
            "arretez arrete cessez stoppez les vos des ces tes de place lieu plutot",
        ),
        negatable=False,
        confidence=0.9,
        family="request",
        key=2,
    ),
)
