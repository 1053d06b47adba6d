"""Reply texts in the contact's language: built-in Spanish and French, and a workspace's own.

The workspace's top-level reply settings are its default language. A decision that names a
language (ALTO is Spanish, ARRET French) picks that language's texts: the workspace's own for it,
else the built-in ones, field by field; a language with neither falls back to the defaults.
Opt-in keywords are English only (see engine/keywords.py), so every text says START to resubscribe.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

REPLY_FIELDS = (
    "opt_out_reply",
    "opt_in_reply",
    "help_reply",
    "confirm_reply",
    "review_reply",
    "topic_opt_out_reply",
    "clarify_reply",
    "double_opt_in_reply",
)
LANGUAGE_PATTERN = r"^[a-z]{2}$"  # ISO 639-1, as Decision.language names it
MAX_LANGUAGES = 20


class LanguageReplies(BaseModel):
    """One language's reply texts; a field left out uses the built-in text, then the default."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # as models.DeferredModel

    opt_out_reply: str | None = Field(default=None, min_length=1, max_length=320)
    opt_in_reply: str | None = Field(default=None, min_length=1, max_length=320)
    help_reply: str | None = Field(default=None, min_length=1, max_length=320)
    confirm_reply: str | None = Field(default=None, min_length=1, max_length=320)
    review_reply: str | None = Field(default=None, min_length=1, max_length=320)
    topic_opt_out_reply: str | None = Field(default=None, min_length=1, max_length=320)
    clarify_reply: str | None = Field(default=None, min_length=1, max_length=320)
    double_opt_in_reply: str | None = Field(default=None, min_length=1, max_length=320)


# Confirmations only confirm (FCC 64.1200(a)(12)): program, no more messages, how to come back.
BUILT_IN: dict[str, dict[str, str]] = {
    "es": {
        "opt_out_reply": "Se ha dado de baja de {program} y no recibirá más mensajes. "
        "Responda START para volver a suscribirse.",
        "opt_in_reply": "Se ha vuelto a suscribir a {program}. Responda AYUDA para ayuda o ALTO para darse de baja. "
        "Pueden aplicarse tarifas de mensajes y datos.",
        "help_reply": "{program}: para ayuda, contacte a {help_contact}. La frecuencia de mensajes varía. "
        "Pueden aplicarse tarifas de mensajes y datos. Responda ALTO para darse de baja.",
        "confirm_reply": "¿Desea darse de baja de {program}? Responda ALTO para no recibir más mensajes.",
        "topic_opt_out_reply": "{program}: no recibirá más mensajes de {topic}.",
        "clarify_reply": "{program}: se ha dado de baja de todos los mensajes. Para dejar solo algunos, responda "
        "con sus nombres ({topics}) en {hours} horas, o TODO para darse de baja de todo.",
        "double_opt_in_reply": "{program}: responda YES para confirmar que desea mensajes de {topics}. "
        "Pueden aplicarse tarifas de mensajes y datos. Responda ALTO para cancelar.",
    },
    "fr": {
        "opt_out_reply": "Vous êtes désabonné de {program} et ne recevrez plus de messages. "
        "Répondez START pour vous réabonner.",
        "opt_in_reply": "Vous êtes réabonné à {program}. Répondez AIDE pour de l'aide, ARRET pour vous désabonner. "
        "Des frais de messages et de données peuvent s'appliquer.",
        "help_reply": "{program} : pour de l'aide, écrivez à {help_contact}. Fréquence des messages variable. "
        "Des frais de messages et de données peuvent s'appliquer. Répondez ARRET pour vous désabonner.",
        "confirm_reply": "Voulez-vous vous désabonner de {program}? Répondez ARRET pour ne plus recevoir de messages.",
        "topic_opt_out_reply": "{program} : vous ne recevrez plus de messages {topic}.",
        "clarify_reply": "{program} : vous êtes désabonné de tous les messages. Pour n'arrêter que certains, "
        "répondez par leurs noms ({topics}) d'ici {hours} heures, ou TOUT pour tout arrêter.",
        "double_opt_in_reply": "{program} : répondez YES pour confirmer que vous voulez les messages {topics}. "
        "Des frais de messages et de données peuvent s'appliquer. Répondez ARRET pour annuler.",
    },
}


def texts_for(language: str | None, replies: dict[str, LanguageReplies]) -> dict[str, Any]:
    """The reply fields to use instead of the defaults for `language` ({} when it has none)."""
    if not language:
        return {}
    own = replies.get(language)
    return {**BUILT_IN.get(language, {}), **(own.model_dump(exclude_none=True) if own else {})}
