# ruff: noqa: RUF001 - Arabic, Japanese and other scripts are the point of these tables
"""The kinds of the twelfth dev batch, read as structures (intent_pause.py, thanks.py, keywords.py's
help misspellings, languages/cue_words_pause.py): every entry of a table works in its structure, and
each structure keeps its guard."""

from __future__ import annotations

import itertools

import pytest

from optout.engine import Action, cues
from optout.engine import intent_pause as pause
from optout.engine.keywords import misspellings
from optout.engine.languages import LANGUAGES
from optout.engine.languages.cue_words_pause import PAUSE_CUES
from optout.engine.normalization import normalize
from optout.engine.thanks import thanks_for_help
from tests.unit.engine.table_checks import missing, taken

# --- English: pausing the texts, "no thanks, that's enough", misspelt help --------------------


def test_every_pause_verb_with_what_is_sent_is_an_opt_out() -> None:
    objects = ("the texts", "my sms alerts", "text messages", "these notifications")
    texts = [f"{verb} {thing}" for verb, thing in itertools.product(pause.PAUSE_VERBS, objects)]
    texts += [f"put my texts {end}" for end in pause.HOLD_ENDS] + ["hold off on texting me for a while"]
    assert missing(texts, Action.OPT_OUT) == []


def test_a_pause_of_anything_else_or_negated_is_no_opt_out() -> None:
    objects = ("the game", "my gym membership", "the video", "my order")
    guards = [f"{verb} {thing}" for verb, thing in itertools.product(pause.PAUSE_VERBS, objects)]
    guards += ["put my order on hold", "dont pause my alerts", "please don't suspend the text reminders",
               "hold off on sending the package till monday", "hold off on texting him until he replies"]  # fmt: skip
    assert taken(guards, Action.OPT_OUT) == []


def test_every_refusal_with_enough_is_an_opt_out_and_enough_alone_is_not() -> None:
    endings = ("thats enough", "enough", "that is plenty", "enough texts for me", "ive had enough of these")
    texts = [f"{refusal} {end}" for refusal, end in itertools.product(pause.REFUSALS, endings)]
    assert missing(texts, Action.OPT_OUT) == []
    guards = ["thats enough for today, thanks coach", "thats enough salt lol", "enough said, see you at 6",
              "no thanks, i have enough coffee at home"]  # fmt: skip
    assert taken(guards, Action.OPT_OUT) == []


def test_every_misspelling_of_help_is_help_and_real_words_are_not() -> None:
    assert missing([*misspellings("help"), "halp", "HLEP!!", "hepl pls", "hepl me"], Action.HELP) == []
    assert taken(["held", "hell", "helm", "yelp", "kelp", "heap"], Action.HELP) == []


# --- Thanks for help, every language ----------------------------------------------------------

THANKS = (
    "thanks so much for your help", "merci beaucoup pour votre aide", "grazie mille per l'aiuto",
    "Danke für Ihre Hilfe!", "gracias por su ayuda", "obrigado pela ajuda", "спасибо за помощь",
    "dziękuję za pomoc", "salamat sa tulong", "mèsi anpil pou èd la", "cảm ơn bạn đã giúp đỡ",
    "मदद के लिए धन्यवाद", "help ke liye thanks", "شكرا على مساعدتك", "shokran 3ala el mosa3da",
    "助けてくれてありがとう", "サポートありがとうございます", "도와주셔서 감사합니다", "谢谢你的帮助",
)  # fmt: skip


@pytest.mark.parametrize("text", THANKS)
def test_thanks_for_help_is_read_in_every_language(text: str) -> None:
    assert thanks_for_help(normalize(text).replace(",", " , "))


def test_thanks_for_help_asks_for_nothing_and_a_request_beside_it_stays_help() -> None:
    assert taken(list(THANKS), Action.HELP) == []
    requests = ["thanks, I need help with my bill", "merci, jai besoin daide", "aidez moi svp, merci",
                "도와주세요 감사합니다", "मदद चाहिए, धन्यवाद", "gracias, necesito ayuda con mi cuenta"]  # fmt: skip
    assert not any(thanks_for_help(normalize(text).replace(",", " , ")) for text in requests)


# --- Cue kinds by language: every stem in its structure ---------------------------------------


def _read(language: str, text: str) -> Action | None:
    normalized = normalize(text)
    found = cues.read_cues(language, normalized, normalized.split())
    return None if found is None else found.action


def _join(language: str, *words: str) -> str:
    """The words as the language writes them: joined, except in Latin letters (romaji is spaced)."""
    joined = "".join(words)
    return joined if LANGUAGES[language].unspaced and not joined.isascii() else " ".join(words)


def _pairs(kind: str, other: str) -> list[tuple[str, str, str]]:
    return [
        (code, first, second)
        for code, kinds in PAUSE_CUES.items()
        for first in kinds.get(kind, ())
        for second in cues._cues()[code]["messages"][:3]
        if other == "messages"
    ]


@pytest.mark.parametrize(("language", "verb", "noun"), _pairs("pause", "messages"))
def test_every_pause_stem_with_the_messages_is_an_opt_out(language: str, verb: str, noun: str) -> None:
    assert _read(language, _join(language, verb, noun)) is Action.OPT_OUT


@pytest.mark.parametrize(("language", "word", "noun"), _pairs("enough", "messages"))
def test_every_enough_with_the_messages_is_an_opt_out(language: str, word: str, noun: str) -> None:
    assert _read(language, _join(language, word, noun)) is Action.OPT_OUT


def test_every_refusal_with_enough_is_an_opt_out_in_a_short_message() -> None:
    misses = [
        (code, refusal, word)
        for code, kinds in PAUSE_CUES.items()
        for refusal, word in itertools.product(kinds.get("refuse", ()), kinds.get("enough", ())[:2])
        if _read(code, _join(code, refusal, word)) is not Action.OPT_OUT
    ]
    assert misses == []


def _stops_anything(language: str, stem: str) -> bool:
    """Whether a word of the stem is a stop or annoyance cue, which may stop anything ("j'en ai assez")."""
    words = (*cues._cues()[language]["stop"], *cues._cues()[language]["annoyed"])
    folded = normalize(stem)
    return folded.startswith(words) or any(word.startswith(words) for word in folded.split())


def test_a_pause_or_enough_without_the_messages_asks_for_nothing() -> None:
    taken_ = [
        (code, stem)
        for code, kinds in PAUSE_CUES.items()
        for stem in (*kinds.get("pause", ()), *kinds.get("enough", ()))
        if not _stops_anything(code, stem) and _read(code, _join(code, stem, "video", "2024", "film")) is Action.OPT_OUT
    ]
    assert taken_ == []


def test_every_item_asked_again_is_a_resend_not_an_opt_in() -> None:
    resumed = [
        (code, item, again)
        for code, kinds in PAUSE_CUES.items()
        for item, again in itertools.product(kinds.get("item", ()), cues._cues()[code]["again"][:2])
        if _read(code, _join(code, again, item, "pls")) is not None
    ]
    assert resumed == []


@pytest.mark.parametrize(
    "text",
    ["ابعتلي الكود تاني", "gửi lại mã giúp mình", "code dobara bhejo", "인증번호 다시 보내주세요",
     "さっきの写真もう一回送って", "voye kòd la ankò tanpri", "能重新发一下地址吗", "mándame otra vez la dirección"],
)  # fmt: skip
def test_a_resend_is_neither_an_opt_in_nor_an_opt_out(text: str) -> None:
    assert taken([text], Action.OPT_IN) == taken([text], Action.OPT_OUT) == []


# --- Languages: the families of the weakest ---------------------------------------------------


def test_pauses_and_refusals_in_every_language_are_opt_outs() -> None:
    texts = [
        "sospendete l'invio degli sms per favore", "proszę wstrzymać wysyłanie smsów", "Bitte pausieren Sie die SMS",
        "mettez les messages en pause svp", "pausen los mensajes por favor", "pausem as mensagens por favor",
        "приостановите рассылку, пожалуйста", "请暂停发送短信", "문자 발송 일시중지 해주세요", "vui lòng tạm ngưng tin nhắn",
        "i-pause niyo muna yung mga text", "poze mesaj yo pou yon mwa tanpri", "أرجو تعليق الرسائل حتى إشعار آخر",
        "配信を一時停止してください", "No grazie, basta così", "nie, dziękuję, wystarczy", "Nein danke, das reicht",
        "no gracias, ya es suficiente", "non mèsi, sa ase", "不用了，谢谢，别再发了", "됐어요, 이제 그만",
        "la shokran, kfaya keda", "案内はもう結構です", "Lassen Sie das bitte sein mit den SMS", "wstrzymajcie smsy",
        "mettete in pausa le notifiche", "non mesi, ase", "kaijo shitai", "mou renraku shinaide", "受信を拒否します",
    ]  # fmt: skip
    assert missing(texts, Action.OPT_OUT) == []


def test_ordinary_uses_of_the_new_words_are_no_opt_outs() -> None:
    guards = [
        "はい、それで結構です", "明日の10時で結構です", "領収書は結構です", "動画を一時停止して", "sospendi la partita, piove",
        "wstrzymaj się z decyzją do jutra", "lassen Sie mich wissen, wann Sie ankommen", "lassen Sie das Paket beim Nachbarn",
        "Lass das Auto in der Garage", "ça suffit pour aujourd'hui, on continue demain", "يكفي كيلو واحد شكرا",
        "sospendete l'abbonamento alla rivista, gli sms continuate pure", "会员暂停一个月，短信照常发",
        "Ich habe das Abo pausiert, die SMS bitte weiter schicken", "tama na yan, kain na tayo",
        "خلاص كفاية كيس واحد، مشكور", "chega de conversa, vamos jantar",
    ]  # fmt: skip
    assert taken(guards, Action.OPT_OUT) == []
