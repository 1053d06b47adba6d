# ruff: noqa: RUF001 - Arabic, Japanese and other scripts are the point of these tables
"""The kinds of the eleventh dev batch, read as structures (optin_help_questions.py,
languages/cue_words_dialects.py, cue_structures.py): every entry of a table works in its structure,
and each structure keeps its guard."""

from __future__ import annotations

import itertools

from optout.engine import Action
from optout.engine import optin_help_questions as q
from tests.unit.engine.table_checks import missing, taken

# --- English help and opt-in ------------------------------------------------------------------


def test_every_question_about_the_texts_is_help() -> None:
    referents = [r for r in q.REFERENTS if r not in {"this number"}]
    texts = [f"{w} {b} {r}" for w, b, r in itertools.product(q.WHAT, ("is", "are", "r"), referents)]
    texts += [f"{o} what is this" for o in q.OPENERS] + [f"what are these texts {e}" for e in q.ENDINGS]
    assert missing(texts, Action.HELP) == []


def test_every_aspect_of_the_service_is_help() -> None:
    texts = [f"{w} {a}" for w in ("how", "where") for a in q.ASPECTS if a.split()[0] != "are" or w == "where"]
    assert missing(texts, Action.HELP) == []


def test_questions_about_other_things_are_not_help() -> None:
    guards = [
        "what is the tracking number",
        "who is this for, the birthday card?",
        "who is picking up the kids today",
        "what time do you open",
        "how much is shipping to canada",
        "how do i get to your store",
        "i dont know what is this about",
    ]
    assert taken(guards, Action.HELP) == []


def test_bare_resubscribe_and_enrolment_are_opt_ins_and_their_negations_are_not() -> None:
    texts = ["resubscribe", "re subscribe pls", "resub please", "enroll me in text notifications",
             "sign me up for the text alerts", "i want in on the text club"]  # fmt: skip
    assert missing(texts, Action.OPT_IN) == []
    assert taken(["dont enroll me in text notifications", "do not resubscribe me"], Action.OPT_IN) == []


# --- Arabic dialects and Arabizi --------------------------------------------------------------


def test_every_dialect_stop_verb_with_the_messages_is_an_opt_out() -> None:
    verbs = ["حبسو", "وقفوا", "بطلوا", "شيلوا"]
    nouns = ["الميساجات", "الرسايل", "الرسائل"]
    texts = [f"{v} {n} عافاكم" for v, n in itertools.product(verbs, nouns)]
    texts += [f"{v} rassa2el please" for v in ("wa9fo", "w2fo", "7bso")]
    assert missing(texts, Action.OPT_OUT) == []


def test_every_dialect_want_negated_with_the_messages_is_an_opt_out() -> None:
    texts = ["ما بغيتش هاد الميساجات", "ماابغى رسايل", "ma badi rasayel mnkon", "mish 3ayez rasayel tany"]
    assert missing(texts, Action.OPT_OUT) == []


def test_arabic_not_understanding_is_help_and_other_objects_stay_ordinary() -> None:
    assert missing(["ممكن حد يساعدني؟ مش فاهم الرسالة", "مش فاهم الرسالة دي، ساعدوني"], Action.HELP) == []
    guards = ["أنا مشترك من سنة وعايز أعرف رصيد النقاط", "انا موجود في البيت", "أوقف السيارة عند الباب من فضلك"]
    assert taken(guards, Action.OPT_OUT) == []


# --- Japanese -----------------------------------------------------------------------------------


def test_japanese_kana_romaji_and_how_questions_are_opt_outs() -> None:
    texts = ["めいわくです。はいしんをとめてください", "もうおくらないでください", "haishin teishi onegaishimasu",
             "どうやったら止められますか？", "解除はどこからできますか", "退会させてください"]  # fmt: skip
    assert missing(texts, Action.OPT_OUT) == []
    guards = ["雨が止んだら行きます", "電車が止まってて遅れます", "止まらないくしゃみで困ってる"]
    assert taken(guards, Action.OPT_OUT) == []


def test_japanese_again_with_a_wish_is_an_opt_in_and_without_one_is_not() -> None:
    texts = [f"また{thing}{wish}" for thing, wish in itertools.product(
        ("クーポン送って", "お知らせを受け取り", "配信して"), ("ほしい", "たいです", "ください"))
        if not (thing.endswith("り") and wish != "たいです") and not (thing.endswith("て") and wish == "たいです")]  # fmt: skip
    texts.append("通知をもう一回オンにしてください")
    assert missing(texts, Action.OPT_IN) == []
    guards = ["また来週行きます", "また送らないでほしい", "もう送らないでください", "また送ってきた"]
    assert taken(guards, Action.OPT_IN) == []


# --- Other languages ----------------------------------------------------------------------------


def test_not_understanding_is_help_in_other_languages() -> None:
    texts = ["nie rozumiem tej wiadomości, proszę o pomoc", "m pa konprann mesaj sa a, ki moun sa ye?",
             "ano po ito? pakipaliwanag naman"]  # fmt: skip
    assert missing(texts, Action.HELP) == []
    assert (
        missing(["nie rozumiem, przestańcie pisać", "m pa konprann poukisa nou voye mesaj, sispann"], Action.OPT_OUT)
        == []
    )


def test_re_registering_and_instead_of_the_texts() -> None:
    assert missing(["réinscrivez-moi s'il vous plaît", "Bitte melden Sie mich wieder an"], Action.OPT_IN) == []
    assert missing(["scrivetemi su whatsapp invece che con gli sms"], Action.OPT_OUT) == []
