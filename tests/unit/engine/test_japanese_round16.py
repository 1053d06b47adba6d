# ruff: noqa: RUF001 - full-width Japanese punctuation is part of what is read
"""Japanese of the sixteenth dev round (languages/japanese_loanwords.py): writers abroad and younger
writers. One case per kind: Latin keywords in Japanese politeness, katakana loanwords, "テキスト" for
texts, stretched endings, reasons, spam reports, owners, a stop that did not hold; and the same
words as a bare refusal, a booking cancelled, a question about a word, texts kept, a restart or help.
"""

from __future__ import annotations

import pytest

from optout.engine import Action, classify

CASES = [
    # opt-outs
    ("CANCELしてくださいね", Action.OPT_OUT),  # a Latin keyword inside Japanese politeness
    ("stopでよろしくです", Action.OPT_OUT),
    ("Remove meでお願いします", Action.OPT_OUT),
    ("アンサブお願いします", Action.OPT_OUT),  # katakana loanwords
    ("リムーブでよろしく", Action.OPT_OUT),
    ("キャンセル希望", Action.OPT_OUT),
    ("テキスト配信停止で", Action.OPT_OUT),  # テキスト: the texts
    ("二度とテキストしてくんな", Action.OPT_OUT),  # texting as a verb, a spoken prohibitive
    ("解除でーす", Action.OPT_OUT),  # a stretched ending
    ("ストップしてくださ〜い", Action.OPT_OUT),
    ("s.t.o.pでお願いします", Action.OPT_OUT),  # letters spelt one by one
    ("英語がわからないので止めて", Action.OPT_OUT),  # a reason that only backs the request
    ("日本に帰国しましたので、今後のテキストは不要です", Action.OPT_OUT),
    ("スパム報告しとくね", Action.OPT_OUT),  # a spam report, a threat alone
    ("FTCに報告しますよ", Action.OPT_OUT),  # a regulator or carrier
    ("訴えてやる", Action.OPT_OUT),
    ("その方は存じません", Action.OPT_OUT),  # the person named is unknown
    ("誰それ、知らない", Action.OPT_OUT),
    ("wrong number", Action.OPT_OUT),
    ("この携帯、亡くなった父のです", Action.OPT_OUT),  # a dead relative's phone
    ("STOPって送ったのにまだ来るんだけど", Action.OPT_OUT),  # still sent after a stop
    ("電話のほうがいいので、テキストは止めて", Action.OPT_OUT),  # another channel preferred
    ("朝6時にテキストとか非常識すぎ", Action.OPT_OUT),  # a clock time in a complaint
    ("こんなに毎日テキスト来るの無理", Action.OPT_OUT),  # unease with the texts
    ("承諾なしに送るのやめてください", Action.OPT_OUT),
    ("どうやってアンサブするの？", Action.OPT_OUT),  # how to stop, in a loanword
    ("もういらないでーす", Action.OPT_OUT),  # a refusal with "anymore"
    ("テキストNG", Action.OPT_OUT),  # "no good" and the texts unread
    ("メールにしてください、テキストは見ないので", Action.OPT_OUT),
    ("いつになったら止まるの", Action.OPT_OUT),
    ("kyanseru de onegaishimasu", Action.OPT_OUT),  # romaji of a loanword
    ("cancel de onegaishimasu", Action.OPT_OUT),
    ("忙しいのでテキスト止めて", Action.OPT_OUT),  # a clause of reasons before a request naming the texts
    ("Hello, unsubscribeしてください", Action.OPT_OUT),  # a greeting before the request
    ("先週も言いましたが送らないでください", Action.OPT_OUT),  # said before
    ("子供が勝手に登録しました、解除お願いします", Action.OPT_OUT),  # someone else signed the writer up
    ("止めてぇぇ", Action.OPT_OUT),  # a small vowel stretching a request
    ("ブロるよ", Action.OPT_OUT),  # slang for blocking, a threat alone
    ("もう送んなって言ってんじゃん", Action.OPT_OUT),  # the writer's own words insisted on
    ("きしょい、送ってくんな", Action.OPT_OUT),
    # hard negatives
    ("いらないっす", Action.NONE),  # a bare refusal: "no thanks"
    ("不要でーす", Action.NONE),
    ("ホテルのキャンセルしといて", Action.NONE),  # a booking cancelled
    ("オーダーキャンセルで", Action.NONE),
    ("アンサブした", Action.NONE),  # a loanword stop told as done
    ("配信停止ってなに？", Action.NONE),  # a question about a word
    ("STOPって送るとどうなる？", Action.NONE),
    ("「STOPで停止」って書いてあるけど何これ", Action.NONE),  # a quoted footer
    ("メールは止めて、テキストだけで", Action.NONE),  # the texts kept
    ("クーポンいつまで？", Action.NONE),  # how long an offer lasts
    ("テキストブック忘れた", Action.NONE),
    ("エンドロール長い", Action.NONE),
    ("帰国しました", Action.NONE),  # a reason alone asks nothing
    ("オフです", Action.NONE),  # a day off: "off" needs the texts
    ("その日はNG", Action.NONE),
    ("「STOP」とは", Action.NONE),
    ("止まりますか？このバス", Action.NONE),
    ("車が邪魔だから止めて", Action.NONE),  # a reason, then a stop naming no texts
    ("仕事中なのであとで返信します", Action.NONE),
    ("バイトやめたいなぁ", Action.NONE),  # musing, not a request
    ("しつこいって思われたかな", Action.NONE),  # how the writer seems
    ("さっきのテキスト消して、間違えた", Action.NONE),  # one text deleted
    ("キャンセルしたいです", Action.NONE),  # a cancel wished or asked about names nothing ("I want to cancel")
    ("キャンセルできますか", Action.NONE),
    ("SMSキャンセルしたいです", Action.OPT_OUT),  # with the texts named it asks
    # opt-ins
    ("やっぱり送って", Action.OPT_IN),
    ("またテキストください", Action.OPT_IN),
    ("アンストップで", Action.OPT_IN),
    ("サブスクライブしたい", Action.OPT_IN),
    ("saikai shite", Action.OPT_IN),  # kana of 再開, as romaji reads
    # help
    ("どこからのメッセージ？", Action.HELP),
    ("何のテキスト？", Action.HELP),
    ("何て書いてあるの？", Action.HELP),
    ("御社はどういう会社ですか", Action.HELP),
]


@pytest.mark.parametrize(("text", "action"), CASES)
def test_round16_kind(text: str, action: Action) -> None:
    decision = classify(text)
    assert decision.action is action, f"{text!r}: {decision.detail}"
