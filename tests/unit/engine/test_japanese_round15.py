# ruff: noqa: RUF001 - full-width Japanese punctuation is part of what is read
"""Japanese of the fifteenth dev round: romaji read as kana (engine/japanese_romaji.py), the
kanji-only "<noun>不要" past the Chinese negation gate, dialect and notice endings, owners of a
second-hand or a family member's phone, a stop undone; and the same words as a phone set quiet,
hearsay, advice on a wish, a stop already done for the writer, or another channel stopped.
"""

from __future__ import annotations

import pytest

from optout.engine import Action, classify
from optout.engine.japanese_romaji import to_kana

KANA = [
    ("teishi", "ていし"),
    ("teisi", "ていし"),  # Kunrei
    ("tyuusi", "ちゅーし"),
    ("chuushi", "ちゅーし"),
    ("okuranaide", "おくらないで"),
    ("yamette", "やめって"),
    ("kekkou", "けっこう"),
    ("haishin", "はいしん"),
    ("meeru", "めーる"),
    ("kyohi", "きょひ"),
    ("zyosin", "じょしん"),
    ("n'en", "んえん"),
]
NOT_ROMAJI = ["stop", "please", "thanks", "street", "xyz"]

OPT_OUTS = [
    # romaji, Hepburn or Kunrei, spaced or not
    "haisin o tomete kudasai",
    "renraku wa fuyou desu",
    "meeru okuranaide hoshii",
    "teisi site kudasai",
    "moo okuranaide",
    "sms wo teishi shite kudasai",
    "kaijo shite kudasai onegai",
    # "<noun>不要" in kanji only: the Japanese "not needed", not the Chinese "don't"
    "案内不要",
    "今後連絡不要",
    "広告送信不要。",
    # notice style "停止願", dialect and spoken endings
    "案内送信停止願",
    "連絡止めてほしいんやけど",
    "もう送らんでくれんかのう",
    "通知止めてけさい",
    "配信ば止めてください",
    "停止していただけますでしょうか",
    "解除の仕方が分かりません",
    "どないしたら止まるんや",
    "もう関わらんとって",
    "ほっといてください",
    "毎日いい加減にして",
    "送ってくんなアホ",
    "配信停止をお願いします。失礼いたします",
    "消費者センターに相談しました",
    "配信解除してくださいm(_ _)m",
    "配信をoptoutしたい",
    # the number's owner: a second-hand phone, a family member's phone
    "この電話は中古品なので持ち主が違います",
    "中古で購入したスマホなので",
    "亡くなった母の携帯に届いています",
    "祖父の古い番号です、もう誰も使いません",
    "友人から譲り受けたスマホなので",
    "前の所有者宛てのメッセージだと思います",
    # passive negations, kana of kanji endings, business and dialect forms
    "どうしたら通知が送られてこなくなりますか",
    "kaijo kibou",
    "当方への案内は御遠慮ください",
    "以降はお知らせ不要です",
    "もう連絡せんでええ",
    # benefactive endings asking leave or hoping, "can it be stopped?", marketing nouns
    "配信をやめてもらってもよろしいですか",
    "解除していただけたらと思います",
    "止めてもらえると助かる",
    "通知の配信は停止できますか",
    "勧誘のメッセージはいりません",
    "プラスメッセージでの告知は控えてください",
]
NOT_OPT_OUTS = [
    # romaji about other things, and English that parses as syllables
    "kuruma tomete matteru",
    "no help",
    "ne",
    # Chinese "不要" before a verb is "don't"
    "不要停止",
    "请不要停止发送",
    # a phone set quiet, told
    "会議中だから通知うるさくてマナーモードにしといた",
    "寝るから機内モードにしてる",
    # hearsay, advice on a wish, a stop someone already did for the writer
    "姉のスマホに迷惑メールが届いてるみたい",
    "彼のところに変な連絡が来てるって",
    "通知を止めたいなら設定から変えられるよ",
    "昨日レッスン予約キャンセルしてもらった",
    "雪で電車止まってた",
    # a second-hand phone or a family phone as news, not said of the number
    "中古のタブレット買ったよ",
    "母の古い携帯どこにしまった？",
    # another channel stopped, the texts kept
    "郵送は止めてSMSは今まで通りで",
    # nuisance calls, banter, a footer's way to stop
    "無言電話がしつこい、どうしよう",
    "弟うるさくて笑う",
    "解除はアプリから設定してください",
    "そこに車止めてもらってもいいですか",
    "予約の停止できますか",
]
OPT_INS = [
    "停止の取り消しをお願いします、また送ってください",
    "もう一回登録お願いします",
]


@pytest.mark.parametrize(("word", "kana"), KANA)
def test_romaji_words_read_as_kana(word: str, kana: str) -> None:
    assert to_kana(word) == kana


@pytest.mark.parametrize("word", NOT_ROMAJI)
def test_words_that_are_no_syllables_are_not_romaji(word: str) -> None:
    assert to_kana(word) is None


@pytest.mark.parametrize("text", OPT_OUTS)
def test_opt_out(text: str) -> None:
    decision = classify(text)
    assert decision.action is Action.OPT_OUT, f"{text!r}: {decision.detail}"
    assert decision.match and decision.detail


@pytest.mark.parametrize("text", NOT_OPT_OUTS)
def test_not_an_opt_out(text: str) -> None:
    decision = classify(text)
    assert decision.action is not Action.OPT_OUT, f"{text!r}: {decision.detail}"


@pytest.mark.parametrize("text", OPT_INS)
def test_texts_asked_back(text: str) -> None:
    decision = classify(text)
    assert decision.action is Action.OPT_IN, f"{text!r}: {decision.detail}"
