"""Opt-out words that ask for something else.

Stop words aimed at a transaction: "cancelar el pedido", "annuler ma carte", "hủy lịch hẹn",
"카드 해지", "退订那个会员套餐". In the other languages the phrase tables and the cue reader take a
stop word with little around it as an opt-out; when the message names an order, a card, an
appointment or a membership and none of the messages, it is about that thing instead (English has
scope.py for the same question). And an opt-out reported as a mistake with a request to come back
("I opted out by mistake, opt me back in", "me di de baja sin querer, vuélvanme a apuntar") is no
opt-out, in any language.
"""

from __future__ import annotations

import re
from functools import cache

from optout.engine.normalization import normalize
from optout.engine.prefilter import with_lookahead

_MISTAKE = re.compile(
    with_lookahead(
        r"\b(?:by mistake|by accident|accidentally|sin querer|por error|por equivocacion|per sbaglio"
        r"|par erreur|par accident|aus versehen|versehentlich|por engano|przez pomylke|galti se)\b"
    )
)  # read on every message that no rule decides: the lookahead skips most positions at once
# A word of every _MISTAKE phrase: one set test spares most messages the search.
MISTAKE_WORDS = frozenset(
    [
        "mistake",
        "accident",
        "accidentally",
        "querer",
        "error",
        "equivocacion",
        "sbaglio",
        "erreur",
        "versehen",
        "versehentlich",
        "engano",
        "pomylke",
        "galti",
    ]
)
_BACK = re.compile(
    r"\b(?:back in|back on|again|(?:add|put|sign|take|let|bring|have) (?:me|us) back|resubscrib\w*|vuelv\w*|de nuevo|otra vez|riattiv\w*|di nuovo"
    r"|reinscri\w*|reactiv\w*|wieder\w*|novamente|de novo|ponownie|dobara|phir se|rimett\w*|reiscriv\w*)\b"
)


# "quit texting me memes 😂 jk keep them coming": the writer takes the request back.
_RETRACTION = re.compile(r"\b(?:jk|j k|just kidding|just joking|jkjk)\b")


def retracted(normalized: str) -> bool:
    """A request the writer calls a joke ("jk", "just kidding"), or says was sent to the wrong chat."""
    return bool(_RETRACTION.search(normalized)) or bool(_MISDIRECTED.search(normalized))


# "how do i unsubscribe from netflix lol wrong chat", "sorry wrong text meant for my sister": the
# writer's own message went astray (not "you have the wrong number", which is about the texts).
_MISDIRECTED = re.compile(
    r"\b(?:wrong (?:chat|convo|conversation|thread|window|group chat)|(?:sent|texted) (?:this|that|it) to the wrong"
    r"|(?:sorry|oops|whoops|ignore that|ignore this),? wrong (?:text|message|msg)"
    r"|(?:this was|that was|it was|was) meant for (?:my|someone|somebody|another)|meant (?:to send|to text) (?:this|that)"
    r")\b"
)


def reported_mistake(normalized: str) -> bool:
    """An opt-out the writer calls a mistake, with a request to be back on ("... opt me back in")."""
    return bool(_MISTAKE.search(normalized)) and bool(_BACK.search(normalized))


# Stems, matched at the start of a word (spaced languages) or anywhere (unspaced ones).
_THINGS: dict[str, tuple[str, ...]] = {
    "*": ("order", "appointment", "payment", "booking", "item", "delivery", "reservation", "membership", "gym"),
    "es": ("pedido", "cita", "tarjeta", "reserva", "orden", "compra", "articulo", "producto", "vuelo", "membresia"),
    "fr": (
        "commande",
        "carte",
        "rendez vous",
        "rdv",
        "reservation",
        "table",
        "article",
        "billet",
        "livraison",
        "salle",
    ),
    "pt": ("pedido", "cartao", "reserva", "consulta", "compra", "encomenda", "entrega", "academia"),
    "it": ("prenotazion", "ordine", "carta", "appuntament", "consegna", "resto", "palestra", "rivista", "tessera"),
    "de": ("bestellung", "termin", "karte", "buchung", "reservierung", "lieferung", "vertrag", "abo", "mitgliedschaft"),
    "pl": ("zamowien", "wizyt", "karta", "karte", "rezerwacj", "dostaw", "karnet", "silowni"),
    "ru": ("заказ", "курьер", "карт", "запис", "доставк", "брон", "zakaz", "kurer"),
    "vi": ("lich hen", "don hang", "mon", "dat ban", "ve may bay"),
    "ht": ("komand", "randevou", "kat"),
    "hi": ("payment", "booking", "card", "ac"),
    "tl": ("order", "booking"),
    "zh": ("会员", "會員", "套餐", "订单", "訂單", "预约", "預約", "年卡"),
    "ja": ("注文", "予約", "カード", "会員", "ジム"),
    "ko": ("카드", "주문", "예약", "계약", "멤버십", "헬스장"),
    "ar": ("طلب", "الطلب", "موعد", "بطاقه", "حجز", "الجيم", "النادي", "عضويه", "مجله", "المجله", "الجريده"),
}
_UNSPACED = frozenset({"zh", "ja", "ko"})


@cache
def _stems(language: str) -> tuple[str, ...]:
    return tuple(normalize(stem) for stem in (*_THINGS["*"], *_THINGS.get(language, ())))


@cache
def _every_stem() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every language's stems: spaced ones (" order", whole words when short) and unspaced ones."""
    unspaced = {normalize(stem) for code in _UNSPACED for stem in _THINGS[code]}
    spaced = {normalize(stem) for stems in _THINGS.values() for stem in stems} - unspaced
    return tuple(f" {stem} " if len(stem) <= 3 else f" {stem}" for stem in sorted(spaced)), tuple(sorted(unspaced))


def names_a_transaction(part: str) -> bool:
    """Whether a clause names an order, an appointment, a card... in any language."""
    spaced, unspaced = _every_stem()
    padded = f" {part} "
    return any(stem in padded for stem in spaced) or any(stem in part for stem in unspaced)


def about_a_transaction(language: str, normalized: str, tokens: list[str], messages: tuple[str, ...]) -> bool:
    """Whether the message names a transaction and none of the messages (`messages`: cue stems)."""
    stems = _stems(language)
    if language in _UNSPACED:
        compact = normalized.replace(" ", "")
        return any(stem in compact for stem in stems) and not any(stem in compact for stem in messages)
    spaced = f" {normalized} "
    # Short stems ("ac", "kat", "mon") only as whole words: "acha", "katy", "mong" are other words.
    if not any((f" {stem} " if len(stem) <= 3 else f" {stem}") in spaced for stem in stems):
        return False
    if not messages:
        return True
    # "الطلب رقم 4521": a number word before a short code names the order, not the phone
    after = [*tokens[1:], ""]
    return not any(token.startswith(messages) and not _code(next_) for token, next_ in zip(tokens, after, strict=True))


def _code(token: str) -> bool:
    return token.isdigit() and len(token) <= 6
