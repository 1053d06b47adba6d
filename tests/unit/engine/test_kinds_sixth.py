"""Table-driven tests of the kinds added after the sixth dev batch (docs/engine.md): texts kept
after a call or mail opt-out in more words and languages, misspelt request words, courtesy-closed
requests, idioms of dismissal, consent denied in other words, a mistaken opt-out asked back,
messages sent to the wrong chat, and cue stems in other languages. Rows are our own wording,
none from the evaluation corpus.
"""

from __future__ import annotations

import pytest

from optout.engine import Action, classify

OUT, IN, HELP, NONE = Action.OPT_OUT, Action.OPT_IN, Action.HELP, Action.NONE

ROWS: list[tuple[str, Action]] = [
    # another channel stopped, the texts kept: "instead", "just", "like", Korean -고, more languages
    ("quit the robocalls, texting me is fine though", NONE),
    ("stop the calls, i like getting the texts", NONE),
    ("stop the flyers to my old address, text me instead", NONE),
    ("take me off the mailing list but keep the text alerts", NONE),
    ("não me liguem mais, podem mandar mensagem", NONE),
    ("nie dzwońcie do mnie, wolę smsy", NONE),
    ("tanpri pa rele m ankò, voye mesaj pito", NONE),
    ("電話はやめて、メッセージなら大丈夫", NONE),
    ("전화는 하지 말고 문자로 보내주세요", NONE),
    ("phone mat karo, sirf sms bhejna", NONE),
    # a call or a long message that only mentions the phone stays an opt-out
    ("my phone is for work, please stop sending me texts", OUT),
    # misspelt request words; a surname is no misspelling
    ("stopp textng me pls", OUT),
    ("stop sendng me these mesages", OUT),
    ("unsbuscribe me now", OUT),
    ("Regards, J. Stopa", NONE),
    ("stop spending so much lol", NONE),
    # courtesy-closed requests, cease, remove as its own sentence, no contact
    ("no more k thx bye", OUT),
    ("dont send nothing else pls", OUT),
    ("kindly cease", OUT),
    ("not for me, remove", OUT),
    ("no contact pls", OUT),
    ("there are no more", NONE),
    ("this line should no longer receive marketing texts", OUT),
    ("you can delete 555 0101 from your list", OUT),
    # dismissal idioms and blocking, not said of someone else
    ("take a hike", OUT),
    ("blocked n reported", OUT),
    ("reported and blocked", OUT),
    ("told him to back off", NONE),
    ("sick of all these notifications", OUT),
    ("y u keep hittin my line", OUT),
    # consent denied in other words
    ("i havent consented to this", OUT),
    ("who signed me up for this?", OUT),
    ("no one gave you permission to text me", OUT),
    # a name not at this number
    ("No Derek here", OUT),
    ("No Thanks here", NONE),
    # an opt-out made by mistake, asked back; the writer's message sent to the wrong chat
    ("unsubscribed by accident, can you put me back on", IN),
    ("mi sono cancellato per sbaglio, rimettetemi per favore", IN),
    ("stop sending me your memes lol wrong chat", NONE),
    # opt-in and help by kind
    ("please reenroll me in the text reminders", IN),
    ("how do I start receiving the sms alerts", IN),
    ("i need to chat with support about my refund", HELP),
    ("how can I update my billing address", HELP),
    # other languages: dismissal idioms without a detected language, revocation, how-questions
    ("basta, lasciatemi stare per favore", OUT),
    ("zostaw mnie w spokoju", OUT),
    ("ich widerrufe hiermit meine Zustimmung", OUT),
    ("was soll ich schreiben, damit das aufhört", OUT),
    ("je n'ai jamais donné mon accord", OUT),
    ("pakitigil po ang mga text", OUT),
    ("de novo essas mensagens? todo dia a mesma coisa", OUT),
    ("nasa bus stop pa ako", NONE),
    ("preciso de um atendente para o meu pedido", HELP),
    # after the seventh batch: pronouns for what is sent, the phone removed, "wanna", "enough with"
    ("pls quit sending me those", OUT),
    ("can i opt out of them please", OUT),
    ("take my cell off your list", OUT),
    ("i dont wanna receive any more promos", OUT),
    ("easy on the notifications guys", OUT),
    ("how many more texts will you send me", OUT),
    ("no further outreach necessary", OUT),
    ("my wife passed in june so please take her off", OUT),
    ("stop sending that one, send the blue one", NONE),
    ("who should I call about a refund", HELP),
    ("stop calling me, you can still text", NONE),
    ("يرجى عدم ارسال الرسائل", OUT),
]


@pytest.mark.parametrize(("text", "action"), ROWS)
def test_sixth_batch_kinds(text: str, action: Action) -> None:
    decision = classify(text)
    assert decision.action is action, (text, decision.to_dict())


def test_a_misspelt_match_keeps_the_typed_span() -> None:
    decision = classify("stopp textng me pls")
    assert decision.match is not None and "stopp" in decision.match
