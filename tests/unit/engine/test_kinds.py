"""Table-driven tests of the kinds added after the fourth dev batch (docs/engine.md): complaints,
dismissals and channel switches read from cue kinds in other languages, texts kept after "but",
English counts, frequency, channels and consent, help and opt-in by kind, and the guards that
keep ordinary words from opting out. Rows are our own wording, none from the evaluation corpus.
"""

from __future__ import annotations

import pytest

from optout.engine import DEFAULT_SETTINGS, Action, classify

OUT, IN, HELP, NONE = Action.OPT_OUT, Action.OPT_IN, Action.HELP, Action.NONE

OTHER_LANGUAGES: list[tuple[str, Action]] = [
    # why + how often + the messages or a send verb; too many messages
    ("¿por qué siempre me mandan mensajes?", OUT),
    ("warum schickt ihr mir dauernd Nachrichten", OUT),
    ("czemu wciąż dostaję te smsy", OUT),
    ("почему вы постоянно шлёте смс", OUT),
    ("왜 자꾸 문자 보내요", OUT),
    ("短信太多了，受不了", OUT),  # noqa: RUF001 - the ideographic comma is the point
    ("kyun roz roz sms bhejte ho aap", OUT),
    # a language's "leave me alone"
    ("bitte lasst mich in Ruhe mit dem Zeug", OUT),
    ("fichez-moi la paix svp", OUT),
    ("daj mi spokój", OUT),
    ("отстаньте уже", OUT),
    ("kite m an pè tanpri", OUT),
    # another channel with "without" or "instead of" the texts
    ("только по почте, без смс пожалуйста", OUT),
    ("تواصلوا عن طريق الايميل بدل الرسائل", OUT),
    # a Polish reflexive "się" before a keyword is no "Senden Sie STOP" instruction
    ("jak mogę się wypisać z tej listy?", OUT),
    # the texts kept, clause against clause or after "but"
    ("не звоните, лучше пишите смс", NONE),
    ("wag nyo akong tawagan, text na lang po", NONE),
    ("ya no me manden correos pero los textos sí", NONE),
    # a foreign stop stem with other words is not a request ("koniec filmu": the film's end)
    ("koniec filmu lol", NONE),
    # keyword with the words that only reinforce it
    ("ya basta con los mensajes", OUT),  # "ya" is filler here, not a negation of "basta"
    ("не звоните мне, лучше напишите", NONE),
    ("STOP karo", OUT),
    ("stop merci beaucoup", OUT),
    ("また通知を受信したいです", IN),
]

ENGLISH: list[tuple[str, Action]] = [
    ("that's the 4th text since lunch", OUT),
    ("five messages in one day from you people", OUT),
    ("I sent you 3 texts today, did you get them?", NONE),  # guards the count rule: the writer's own texts
    ("nonstop messages from this number", OUT),
    ("how did u even get my number", OUT),
    ("honestly this is borderline harassment", OUT),
    ("reach me on the app only", OUT),
    ("kindly deactivate", OUT),
    ("I never gave your company permission to text", OUT),
    ("u people text WAY too often", OUT),
    ("unsubscribe me from the catalog only", NONE),
    ("stop texting me lol jk", NONE),
    ("count me out of this", OUT),
    ("so fed up of all these promos", OUT),
    ("why does this company keep bugging me", OUT),
    ("which company is this", HELP),
    ("I have a quick question", HELP),
    ("could someone from billing call me", HELP),
    ("what does this text mean", HELP),
    ("help i cant open the link", HELP),
    ("which number should I call", HELP),
    ("please put me back on", IN),
    ("resubscribe me to the order updates", IN),
    ("can I get the delivery alerts by text again", IN),
]


@pytest.mark.parametrize(("text", "action"), OTHER_LANGUAGES + ENGLISH)
def test_kinds(text: str, action: Action) -> None:
    decision = classify(text, DEFAULT_SETTINGS)
    assert decision.action is action, decision.to_dict()


def test_a_capital_word_after_text_is_an_instruction_only_where_one_opens() -> None:
    # "Reply STOP" opens a sentence or names a keyword; "you guys text WAY too much" does neither.
    broadcast = "Big sale today! Text STOP to 12345 to end these"
    assert classify(broadcast, DEFAULT_SETTINGS).action is NONE
    assert classify("you two text WAY too much honestly", DEFAULT_SETTINGS).action is OUT
