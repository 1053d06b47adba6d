"""Rules for kinds of phrasing (intent_general.py), the extra cue kinds (languages/cue_words_more.py)
and the ASCII reading of common typographic characters (normalization.py). Examples written for
these tests, not taken from the corpus."""

from __future__ import annotations

import re

import pytest

from optout.engine import DEFAULT_SETTINGS, Action, classify, names
from optout.engine.intent import rules
from optout.engine.intent_general import GENERAL_RULES
from optout.engine.normalization import _full_clauses, clauses, plain

OPT_OUT, NONE = Action.OPT_OUT, Action.NONE

# (message, expected action, words the deciding rule's name must contain)
KINDS = [
    # a stop verb with anything a business sends
    ("please stop the weekly coupon blasts", OPT_OUT, "stop verb"),
    ("lay off the promo texts", OPT_OUT, "stop verb"),
    ("kill all these survey links", OPT_OUT, "stop verb"),
    # "no more" / "no further" with what is sent, or alone at the end
    ("no further promos to this number please", OPT_OUT, "no more"),
    ("ok thats it, no more", OPT_OUT, "no more"),
    # refrain / rather not / don't bother
    ("please abstain from texting this line", OPT_OUT, "refrains"),
    ("I would prefer not to get these anymore", OPT_OUT, "rather not"),
    ("dont bother messaging me", OPT_OUT, "bother"),
    ("could you please not text me", OPT_OUT, "could not text"),
    # a keyword as a sentence of its own
    ("Way too many of these. Unsubscribe.", OPT_OUT, "sentence of its own"),
    ("STOP!! what even is this", OPT_OUT, "sentence of its own"),
    # questions about stopping
    ("how would I opt out?", OPT_OUT, "how to stop"),
    ("is there any way to turn these off", OPT_OUT, "how to stop"),
    # reports, complaints, last warnings
    ("sending this to 7726", OPT_OUT, "spam"),
    ("final warning", OPT_OUT, "warning"),
    # consent
    ("who said u could message me", OPT_OUT, "consent"),
    ("never subscribed to this junk", OPT_OUT, "signed up"),
    # another channel
    ("mail works better than texts for me", OPT_OUT, "channel"),
    ("we never check texts", OPT_OUT, "texts"),
    ("only email thanks", OPT_OUT, "only by email"),
    # counts, repeats, too much
    ("that is the 4th message today", OPT_OUT, "counts"),
    ("i have asked you multiple times", OPT_OUT, "told them before"),
    ("yall message way too often", OPT_OUT, "too much"),
    ("why are you always texting me", OPT_OUT, "still text"),
    # the number changed hands
    ("she does not use this number anymore", OPT_OUT, "no longer theirs"),
    ("she switched that number last year", OPT_OUT, "belongs to someone else"),
    ("you are texting the wrong cell", OPT_OUT, "wrong person"),
]

NEGATIVES = [
    "can i stop by after work?",
    "no more, I'm stuffed",
    "I'd rather not talk about it",
    "Stop, you're cracking me up",
    "send you another message later",
    "I told you twice already lol",
    "has he changed his number?",
    "Wrong phone! use the other one",
    "I didn't sign up for that class",
    "You got the wrong guy, it was Mike",
    "stop the survey emails but keep texting me",
]

# Other languages: a stop word asked as a question, or aimed at the writer.
CUE_ROWS = [
    ("Wie kann ich das abbestellen?", "de"),
    ("Jak mogę się wypisać?", "pl"),
    ("Kouman pou m dezabone?", "ht"),
    ("Paano po tanggalin ang number ko?", "tl"),
    ("Pakitanggal na po ako", "tl"),
    ("Bitte austragen, danke", "de"),
    # detection misled by common words; the foreign stop word names the language
    ("Come posso disiscrivermi subito?", "it"),
    ("Please meri SMS list se mujhe nikaal do yaar", "hi"),
]
CUE_NEGATIVES = [
    "Ngừng mưa rồi, em qua liền",  # Vietnamese: the rain has stopped
    "Basta che arrivi presto",  # Italian: as long as you arrive early
]


def _rule_name(text: str) -> str:
    return classify(text, DEFAULT_SETTINGS).detail or ""


def _general_names(text: str) -> list[str]:
    """The names of the GENERAL_RULES whose pattern matches the message (whatever rule decides)."""
    clause_text = clauses(text)
    return [entry.name for entry in rules() if entry in GENERAL_RULES and re.search(entry.source, clause_text)]


@pytest.mark.parametrize(("text", "action", "name"), KINDS, ids=[row[0] for row in KINDS])
def test_kinds_of_phrasing(text: str, action: Action, name: str) -> None:
    decision = classify(text, DEFAULT_SETTINGS)
    assert decision.action is action, decision
    # The kind's own rule matches, even where an older, more specific rule decides first.
    assert any(name in found for found in _general_names(text)), _general_names(text)


@pytest.mark.parametrize("text", NEGATIVES)
def test_kinds_do_not_fire_on_look_alikes(text: str) -> None:
    assert classify(text, DEFAULT_SETTINGS).action is not OPT_OUT, _rule_name(text)


@pytest.mark.parametrize(("text", "language"), CUE_ROWS, ids=[row[0] for row in CUE_ROWS])
def test_cue_questions_and_requests_about_the_writer(text: str, language: str) -> None:
    decision = classify(text, DEFAULT_SETTINGS)
    assert decision.action is OPT_OUT, decision
    assert decision.language == language


@pytest.mark.parametrize("text", CUE_NEGATIVES)
def test_cue_look_alikes(text: str) -> None:
    assert classify(text, DEFAULT_SETTINGS).action is not OPT_OUT, _rule_name(text)


TYPOGRAPHIC = [
    "I\u2019m out \u2013 see you at 5",
    "\u201cStop\u201d he said\u2026 then left",
    "Costs \u00a310 \u2014 ok?",
    "Gr\u00fc\u00dfe? no: Gr\u00fcn ist sch\u00f6n",
    "caf\u00e9 ma\u00f1ana \u00bfs\u00ed?",
    "don\x92t text me",
]


@pytest.mark.parametrize("text", TYPOGRAPHIC)
def test_typographic_characters_read_as_the_full_path_reads_them(text: str) -> None:
    # The ASCII path merges empty clauses the full path can leave (", ,"); nothing else differs.
    fast, full = clauses(text), _full_clauses(text)
    assert plain(fast) == plain(full)
    assert fast == re.sub(r",(?: ,)+", ",", full)


# Other languages: a stop word aimed at an order, a card or an appointment is about that thing;
# with the messages named as well, it stays an opt-out.
TRANSACTION_ROWS = [
    ("Quero cancelar o pedido de ontem", False),
    ("我想退订这个会员套餐", False),
    ("Quiero cancelar la cita del martes", False),
    ("No me manden más mensajes sobre el pedido", True),
    ("Arrêtez les SMS pour ma commande", True),
    # an opt-out called a mistake, with a request to come back
    ("I unsubscribed by accident, can you add me back in?", False),
    ("Me salí de la lista por error, agréguenme de nuevo", False),
    ("I unsubscribed by accident", True),
]


@pytest.mark.parametrize(("text", "opt_out"), TRANSACTION_ROWS, ids=[row[0] for row in TRANSACTION_ROWS])
def test_stop_words_aimed_at_a_transaction(text: str, opt_out: bool) -> None:
    assert (classify(text, DEFAULT_SETTINGS).action is OPT_OUT) is opt_out, _rule_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "Boulanjri Mango: pen cho pou $3 jodi a! Reponn KANPE pou pa resevwa mesaj ankò.",
        "Autohaus Berg: Winterreifen 20% billiger! Keine SMS mehr? Einfach STOP antworten.",
    ],
)
def test_broadcasts_with_the_instruction_verb_after_or_in_creole(text: str) -> None:
    assert classify(text, DEFAULT_SETTINGS).action is not OPT_OUT, _rule_name(text)


def _unscreened_name(text: str) -> str | None:
    """names.wrong_name without its cheap screen: the screen must never change an answer."""
    found = names._pattern().search(text.replace("\u2019", "'"))
    if found is None:
        return None
    words = found.group(0).lower()
    if not any(mark in words for mark in ("not", "isn't", "isnt", "know")):
        return None
    return found.group(0).strip(" ,.!?;")


@pytest.mark.parametrize(
    "text",
    [
        "I'm not Rebecca",
        "This isn\u2019t Tom",
        "NOT Mike, sorry",
        "I don't know any Jake",
        "I'm Notley",  # the letters inside a name
        "this is Knowles",
        "I'm not sure",
        "not now, Dave",
        "Is she replying. Has he changed his number",
    ],
)
def test_the_wrong_name_screen_changes_nothing(text: str) -> None:
    # The first cheap test: "not", "know" or "isn" ("This isn't Tom") must be in the text.
    expected = _unscreened_name(text) if any(mark in text for mark in ("not", "Not", "know", "isn", "Isn")) else None
    assert names.wrong_name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "unsubscribe me from the newsletter, the texts are really helpful",
        "no more robocalls please, just text me when it ships",
        "cancel the weekly emails but only text for deliveries",
    ],
)
def test_texts_said_to_be_wanted_in_other_words(text: str) -> None:
    assert classify(text, DEFAULT_SETTINGS).action is Action.NONE, _rule_name(text)


@pytest.mark.parametrize(
    ("text", "opt_out"),
    [
        ("別再發了", True),  # the whole message is one stop word
        ("再这样发我就打12315投诉", True),  # a hotline number alone makes no advertisement
        ("광고 메시지 그만 보내세요", True),  # nor does the word for advertising
        ("(광고) 신상품 20% 할인 안내 무료수신거부 0801234567", False),
        ("新品上市全场八折 详询4008123123 回T退订", False),
    ],
)
def test_unspaced_requests_and_broadcasts(text: str, opt_out: bool) -> None:
    assert (classify(text, DEFAULT_SETTINGS).action is OPT_OUT) is opt_out, _rule_name(text)
