"""Spanish and French intent rules kept from the first engine (their phrase tables, with every other
language, are in languages/ and phrases.py).
"""

from __future__ import annotations

from optout.engine.intent_pieces import IntentRule, rule

SPANISH_FRENCH_RULES: tuple[IntentRule, ...] = (
    rule(
        "numero equivocado",
        "es",
        r"\b(?:numero equivocado|equivocado de numero|numero incorrecto)\b",
        needs=("numero equivocado",),
    ),
    rule(
        "no me envien mas",
        "es",
        r"\bno\s(?:me\s|nos\s)?(?:envies|envie|envien|envian|mandes|mande|manden|escribas|escriba"
        r"|escriban|contactes|contacte|contacten|llames|llamen|molesten|moleste)\s(?:mas|nada"
        r"|mensajes|textos|sms)\b"
        r"|\bno\s(?:quiero|deseo|necesito)\s(?:recibir\s)?(?:mas\s)?(?:sus\s|tus\s|estos\s|los\s)?"
        r"(?:mensajes|textos|sms|msjs?|promociones|mensajitos)\b"
        r"|\bno mas\s(?:mensajes|textos|sms|msjs?|promociones)\b"
        r"|\bbasta\s(?:de|ya de)\s(?:mensajes|textos|sms)\b"
        r"|^(?:ya\s)?basta(?:\s(?:ya|por favor))?$",
        needs=(
            "no basta",
            "envies envie envien envian mandes mande manden escribas escriba escriban contactes"
            " contacte contacten llames llamen molesten moleste quiero deseo necesito mas basta",
        ),
        negatable=False,
    ),
    rule(
        "dejen de enviar",
        "es",
        r"\b(?:dejen|deja|deje|paren|para|pare|dejar)\sde\s(?:enviar|mandar|escribir|textear"
        r"|contactar|llamar|molestar)(?:me|nos)?\b",
        needs=("de", "dejen deja deje paren para pare dejar"),
        negatable=False,
    ),
    rule(
        "sacame de la lista",
        "es",
        r"\b(?:borr|elimin|quit|sac|saq)\w*\s(?:me\s)?(?:mi numero|de (?:la|su|tu|esta|sus"
        r"|vuestra) lista)\b"
        r"|\b(?:dar|darme|darnos|dame|denme|den|doy|darse|me doy)\sde\sbaja\b"
        r"|\b(?:desuscrib|desinscrib|dessuscrib)\w*",
        needs=("lista numero baja",),
        negatable=False,
        prefixed=True,
    ),
    rule(
        "mauvais numero",
        "fr",
        r"\b(?:mauvais (?:numero|num|no)|erreur de numero)\b",
        needs=("mauvais erreur",),
    ),
    rule(
        "arretez les messages",
        "fr",
        r"\b(?:arrete[zr]?|cesse[zr]?)\s(?:de\s|d)?(?:m\s?|nous\s)?(?:envoy|ecri|text|contact"
        r"|appel)\w*"
        r"|\b(?:arrete[zr]?|cesse[zr]?)\s(?:les|vos|ces|tous les|tous vos)\s(?:messages|textos"
        r"|sms|textes|texto)\b"
        r"|^(?:arrete[zr]?)(?:\s(?:svp|sil vous plait|stp|merci|maintenant))*$",
        needs=("arrete arretez arreter cesse cessez cesser",),
        negatable=False,
    ),
    rule(
        "ne m'envoyez plus",
        "fr",
        r"\bne\s(?:me\s|nous\s|m)?(?:envoy|ecri|text|contact|appel)\w*\s(?:plus|jamais)\b"
        r"|\bje\sne\sveux\s(?:plus|pas)\s(?:recevoir\s)?(?:de\s|d|ces\s|vos\s|les\s)?"
        r"(?:messages|textos|sms|textes|texto)\b"
        r"|\bje\sne\sveux\splus\srecevoir(?=\s*(?:$|,))",
        needs=("ne", "plus jamais"),
        negatable=False,
    ),
    rule(
        "desabonnez-moi",
        "fr",
        r"\b(?:desabonn|desinscri)\w*"
        r"|\b(?:retirez|enlevez|supprimez|effacez|retire|enleve|supprime|efface)\s(?:moi|mon numero"
        r"|mon num|mon no)\b",
        needs=("retirez enlevez supprimez effacez retire enleve supprime efface",),
        negatable=False,
        prefixed=True,
    ),
)
