"""The kinds built from word tables (intent_coverage.py, optin_help_coverage.py): every entry of a
table works in its structure, and each structure keeps its guard against the ordinary uses."""

from __future__ import annotations

import itertools

import pytest

from optout.engine import Action
from optout.engine import intent_code_switch as cs
from optout.engine import intent_coverage as oc
from optout.engine import optin_help_coverage as hc
from tests.unit.engine.table_checks import action_of, missing, taken


def test_every_sender_and_sending_verb_reads_as_a_complaint() -> None:
    texts = [f"why do {who} keep {verb} me" for who, verb in itertools.product(oc.SENDERS, oc.SENDING)]
    texts += [f"why are {who} still {verb} me" for who, verb in itertools.product(oc.SENDERS, oc.SENDING)]
    assert missing(texts, Action.OPT_OUT) == []


def test_a_sender_who_keeps_sending_an_order_is_no_complaint_about_texts() -> None:
    assert taken(["why do they keep sending me the wrong size", "why do you keep asking"], Action.OPT_OUT) == []


def test_every_complaint_adjective_and_intensifier() -> None:
    texts = [f"these texts are {adjective}" for adjective in oc.COMPLAINT_ADJ]
    texts += [f"your messages are {word} annoying" for word in oc.INTENSIFIERS]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["these deals are a lot better than last week", "the texts are not annoying"], Action.OPT_OUT) == []


@pytest.mark.parametrize("period", ["day", "week", "hour", "morning", "month", "night", "weekend"])
def test_every_count_of_texts_in_a_period(period: str) -> None:
    counts = [count for count in oc.COUNTS if count not in (r"\d+", "like", "another")] + ["5", "12"]
    assert missing([f"{count} texts in one {period}" for count in counts], Action.OPT_OUT) == []
    # The writer's own texts, a frequency asked for, a marketing footer, or a count said to be fine.
    guards = [
        f"I sent you 3 texts this {period}",
        f"can you send 2 reminders a {period} instead",
        "Expect 4 msgs/month",
        f"5 texts a {period} is fine",
    ]
    assert taken(guards, Action.OPT_OUT) == []


def test_every_recipient_and_modal_of_not_receiving() -> None:
    texts = [f"{who} {modal} receive texts" for who, modal in itertools.product(oc.RECIPIENTS, oc.MODALS)]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["I will not receive texts while abroad, that's ok", "I can't receive the code"], Action.OPT_OUT) == []


def test_done_on_the_texts_but_never_good_with_them() -> None:
    texts = [f"{i_am} {done} on the texts" for i_am, done in itertools.product(oc.I_AM, oc.DONE_ON)]
    texts += [f"{i_am} {done} with the texts" for i_am, done in itertools.product(oc.I_AM, oc.DONE_WITH)]
    assert missing(texts, Action.OPT_OUT) == []
    approving = [f"{i_am} {word} with the texts" for i_am, word in itertools.product(oc.I_AM, ("good", "ok", "fine"))]
    assert taken([*approving, "I'm done with the dishes", "I'm sick of the rain"], Action.OPT_OUT) == []


def test_every_typed_form_of_i_dont_want_the_texts() -> None:
    texts = [f"{neg} {want} these texts" for neg, want in itertools.product(oc.I_DONT, oc.WANT)]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["I don't want the texts to stop", "i dont want the reminders to end"], Action.OPT_OUT) == []


def test_every_way_of_saying_texting_is_not_for_me() -> None:
    texts = [f"{noun} isnt {view}" for noun, view in itertools.product(oc.TEXT_NOUNS, oc.NOT_FOR_ME)]
    texts += [f"no {noun} just {channel}" for noun, channel in itertools.product(oc.TEXT_NOUNS, oc.CHANNELS)]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["texting is for me", "no texts yet?", "texting is easier for me than calling"], Action.OPT_OUT) == []


def test_the_number_changing_hands_and_not_being_their_client() -> None:
    texts = [f"this number was {handed}" for handed in oc.HANDED_OVER]
    texts += [f"im not your {role}" for role in oc.ROLES]
    texts += ["i just got this number", "whoever you're looking for isn't me"]
    assert missing(texts, Action.OPT_OUT) == []
    guards = ["I'm not a member yet, how do I join?", "I have a new number, save it", "I just got a new phone"]
    assert taken(guards, Action.OPT_OUT) == []


def test_spanish_and_french_requests_with_english_nouns() -> None:
    texts = [f"{stop} {sending} por favor" for stop, sending in itertools.product(("stop", "dejen de"), cs.ES_SENDING)]
    texts += [f"ya no quiero los {noun}" for noun in cs.ES_FR_NOUNS if noun.isascii() and " " not in noun]
    texts += [f"svp arretez les {noun}" for noun in ("texts", "txts", "sms", "messages", "alerts")]
    assert missing(texts, Action.OPT_OUT) == []


def test_every_unable_form_and_account_task_asks_for_help() -> None:
    texts = [f"i {unable} {task}" for unable, task in itertools.product(hc.UNABLE, hc.TASKS_ALONE)]
    texts += [f"i cant {task} my {noun}" for task, noun in itertools.product(hc.TASKS, ("account", "order", "card"))]
    assert missing(texts, Action.HELP) == []
    assert taken(["i cant find my keys", "I can't see you today", "I cant make it tonight"], Action.HELP) == []


def test_asking_what_to_do_or_for_a_hand() -> None:
    texts = ["ok what do i do now", "my order is wrong, what should i do", "i need a hand with my payment"]
    texts += ["can someone look into my order", "can you explain this bill", "where can i find my account number"]
    assert missing(texts, Action.HELP) == []
    assert taken(["what do i do for dinner tonight", "thanks so much for your help!"], Action.HELP) == []


def test_every_subscribed_thing_can_be_asked_back() -> None:
    texts = [f"i miss the {thing}" for thing in hc.SUBSCRIBED]
    texts += [f"send me the {thing} again" for thing in hc.SUBSCRIBED]
    texts += [f"turn my {thing} back on" for thing in hc.SUBSCRIBED]
    assert missing(texts, Action.OPT_IN) == []
    # A resend, a reply or a threat is no opt-in.
    guards = ["send me the code again", "can you send me the link again", "text me back when you can"]
    assert taken([*guards, "if you text me again I will report you"], Action.OPT_IN) == []


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("we need to unsubscribe from cable, it's way too expensive", Action.NONE),
        ("how do i stop spam calls on my iphone", Action.NONE),
        ("unsubscribe me from netflix texts", Action.OPT_OUT),
        ("my husband passed the test!", Action.NONE),
        ("he passed by the store", Action.NONE),
        ("my husband passed last week", Action.OPT_OUT),
        ("I told you to stop worrying", Action.NONE),
        ("i told you to stop texting me", Action.OPT_OUT),
        ("what do i reply to stop getting these", Action.OPT_OUT),
        ("I'm opting out of the trip", Action.NONE),
        ("im unsubscribing frfr", Action.OPT_OUT),
        ("cancela mi cita del lunes pero sigue mandando los textos", Action.NONE),
        ("Call mat karo, SMS theek hai", Action.NONE),
        ("I accidentally unsubscribed, can you add me back", Action.OPT_IN),
        ("how did I get on the guest list lol", Action.NONE),
        ("why am I on this list?", Action.OPT_OUT),
    ],
)
def test_guards_and_their_requests(text: str, action: Action) -> None:
    assert action_of(text) is action
