"""Table-driven tests of the cue-word readings (cues.read_cues) and of the negation guard
(intent_guards.negated): one row per reading of their tables, and the rows' order where two apply.
"""

from __future__ import annotations

import pytest

from optout.engine import Action
from optout.engine.cues import read_cues
from optout.engine.intent_guards import negated
from optout.engine.normalization import clauses

OUT, IN, HELP = Action.OPT_OUT, Action.OPT_IN, Action.HELP

# (language, message, expected name or None, expected action)
CUE_READINGS = [
    ("es", "los voy a demandar", "Spanish threat", OUT),
    ("es", "ya no doy mi consentimiento para mensajes", "Spanish consent withdrawn", OUT),
    ("es", "numero equivocado", "Spanish wrong number or person", OUT),
    ("es", "que fastidio", "Spanish complaint", OUT),
    ("es", "otra vez mensajes todos los dias", "Spanish complaint", OUT),  # before "again"
    ("es", "parar", "Spanish request to stop", OUT),
    ("es", "borrenme", "Spanish request to stop", OUT),
    ("fr", "arretez de m envoyer des messages", "French request to stop", OUT),
    ("es", "no quiero mensajes", "Spanish request not to be sent messages", OUT),
    ("fr", "je ne veux plus de messages", "French request not to be sent messages", OUT),
    ("es", "dejenme en paz", "Spanish dismissal", OUT),
    ("es", "demasiados mensajes", "Spanish complaint about too many texts", OUT),
    ("zh", "为什么老是给我发短信", "Chinese complaint, asking why the texts keep coming", OUT),
    ("es", "mandenme por whatsapp en vez de mensajes", "Spanish channel switch", OUT),
    ("es", "mensajes por whatsapp sin sms", "Spanish channel switch", OUT),
    ("es", "mejor por whatsapp, no por aqui", "Spanish channel switch, another channel preferred", OUT),
    ("ko", "거부", "Korean request to stop", OUT),  # the whole message is one stop word
    ("es", "como me doy de baja", "Spanish request to stop, asked as a question or about the writer", OUT),
    ("es", "parar ya no quiero mas", "Spanish request to stop with reinforcing words", OUT),
    ("pt", "de novo essas mensagens? todo dia isso", "Portuguese complaint, the texts again and again", OUT),
    ("es", "quiero volver a recibir mensajes", "Spanish request to resume", IN),
    ("es", "ayuda", "Spanish help request", HELP),
    # Read as nothing: a negated stop word, a refusal, a stop word aimed at something else.
    ("es", "no parar", None, None),
    ("pl", "nie stop", None, None),
    ("es", "no stop", None, None),
    ("es", "no mensajes", None, None),
    ("es", "cancelar mi pedido por favor", None, None),
    ("es", "por favor cancelen la cita de manana con el doctor", None, None),
]


@pytest.mark.parametrize(("language", "message", "name", "action"), CUE_READINGS)
def test_cue_readings(language: str, message: str, name: str | None, action: Action | None) -> None:
    tokens = clauses(message).replace(",", " ").split()
    found = read_cues(language, " ".join(tokens), tokens)
    assert (found and found.name, found and found.action) == (name, action)


# (words before the match, whether they cancel it)
NEGATIONS = [
    ("", False),
    ("please just", False),
    ("dont", True),
    ("never really", True),
    ("i dont want you to", True),
    ("i dont want to", True),
    ("i want to", False),
    ("i told him to", True),
    ("i never told you", True),
    ("i told you", False),
    ("i never said", True),
    ("i said", False),
    ("why did you", True),
    ("when did you", False),
    ("why did", True),
    ("why wont you", False),
    ("you wont", False),
    ("it wont", False),
    ("i wont", True),
    ("if you dont", False),
    ("you dont", True),
    ("im not interested", False),
]


@pytest.mark.parametrize(("before", "cancels"), NEGATIONS)
def test_negated(before: str, cancels: bool) -> None:
    assert negated(before.split()) is cancels
