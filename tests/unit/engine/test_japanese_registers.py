# ruff: noqa: RUF001 - full-width Japanese punctuation is part of what is read
"""Japanese registers of the fourteenth dev round (engine/japanese.py, languages/japanese_registers.py):
dialect and spoken negations, IME slips, katakana and half-width writing, kaomoji, threats naming an
authority, consent never given, another channel only, a number now someone else's, restarts; and the
same words as advice, hearsay, a transaction, a footer's condition or someone else's annoyance.
"""

from __future__ import annotations

import itertools

import pytest

from optout.engine import Action, classify
from optout.engine.japanese import read_japanese

# dialect negations of sending with a dialect or standard ending
_DIALECT_STEMS = ["送らんといて", "送らんどいて", "送らんとって", "送ってこんといて", "送信せんといて", "送らねで"]
_DIALECT_ENDINGS = ["", "や", "ください", "けろ", "な"]
_KEIGO = [
    "停止をお願い申し上げます",
    "配信の停止をお願いいたします",
    "受信をお断りいたします",
    "ご案内は今後望みません",
]

OPT_OUTS = [
    *(stem + end for stem, end in itertools.product(_DIALECT_STEMS, _DIALECT_ENDINGS)),
    *(
        "もう要らんねん",
        "もうやめてくれへん？",
        "送らんでくれんね",
        "止めてつかあさい",
        "やめれ",
        "SMSもう止めてもろて",
    ),
    *_KEIGO,
    # IME slips of ください, katakana, half-width katakana, kaomoji
    *("配信を停止して下さ位", "止めてくだしあ", "メッセージ ヲ トメテ クダサイ", "ﾊｲｼﾝ ﾃｲｼ ｼﾃｸﾀﾞｻｲ", "ﾓｳ ｵｸﾗﾅｲﾃﾞ"),
    *("止めてください(；´Д｀)", "もう送らないで(T_T)", "やめて(´・ω・`)"),
    # a negated wish, the writer insisting on their own words
    *("こういうメッセージは受け取りたくないです", "SMSの受信は希望しません", "もうほしくないです"),
    *("送らないでって言ってるでしょ", "止めてって言ったよね"),
    # how to stop, asked with "って" and "どうやる"
    *("解除ってどうやるの", "配信停止ってどうやるんですか", "届かないようにするにはどうしたらいいでしょうか"),
    # complaints: how long, how many, a count per day, annoyance in slang and dialect
    *("いつまで送ってくるの？", "何回送ってくるんですか", "一日10通は多すぎ", "ウザい", "しつけえ", "ほんまかなわん"),
    *("こんなに来るなんて聞いてない", "深夜にメッセージ送ってくるのは非常識です", "通知うるさすぎ"),
    # threats naming an authority; consent never given or withdrawn; another channel only
    *("総務省に報告します", "消費者センターに相談します", "国民生活センターに連絡します", "通報します", "失せろ"),
    *("ブロックします", "弁護士に相談させていただきます", "もういらんて言うとるやろ", "知らん番号から毎日来て怖い"),
    *("登録なんかしてないんだけど", "同意とかしてません", "受信の承諾を取り下げます", "勝手に登録しないでください"),
    *("今後の連絡はメールのみでお願いします", "郵送だけにしてください", "メールだけでいいです"),
    # the number now someone else's, a name that is not the writer's, no such person
    *(
        "この携帯、今は娘が使ってます",
        "この番号は先月から私が使っています",
        "山田さんではないです",
        "そんな名前の人はいません",
    ),
    *("この電話は鈴木の携帯ではございません", "現在は別の者が使用しております", "母はもうこの世におりません"),
    # keigo and slang stop verbs, objects and prefaces ("控えて", "メッセ", "大変恐縮ですが")
    *("大変恐縮ではございますが、ご連絡はお控えください", "メッセ送ってくんのやめてくんない？", "停止でおなしゃす"),
    *("送るのやめてください", "配信を止める手順を教えてください", "stopって返信すればいいの？"),
    # complaints with unease, a count of times, "nothing but"; legal steps; another channel only
    *("宣伝ばっかりで邪魔", "毎日何回も来てイライラする", "一日に五回も来るのはやりすぎ", "SMS多い、不快"),
    *("これ以上続くなら法的措置を取ります", "今後は電子メールでのご連絡のみ希望します"),
    # a bracketed header with the writer's own request after it is still a reply
    *("【至急】配信停止してください", "【お願い】もう送らないでください", "【重要】SMSを止めて"),
]

NOT_OPT_OUTS = [
    # advice, a passive, hearsay
    *("警察に相談したほうがいいよ、それ", "通報されたらしいよ、あのアカウント", "退会手続きは受付でやるんだって"),
    *("友達が配信停止したらしい",),
    # a payment, an order, an appointment; a footer's condition
    *("クレジットカードの支払いを停止したいのですが、手続きを教えてください", "予約をキャンセルしたいです"),
    *("口座振替を停止してください", "メール配信を停止する場合はマイページから"),
    # someone else's annoyance, a thanks, an item handed over
    *("上司がうるさい", "子どもがしつこく聞いてくる", "うちの犬がしつこく吠えて困る", "毎日メッセージくれてありがとう"),
    *("送らないでいいよ、手渡しするから", "送らなくていいよ、明日取りに行くから"),
    # things that stopped, a ra-less potential, another channel stopped alone, a channel announced
    *("推しの配信止まってて草", "やめれるかな", "それ止めれる？", "郵送のみになります"),
    # the texts kept beside something else stopped
    *("メールの配信は停止してください。ショートメッセージは問題ありません", "定期購入は停止したいけど、SMSは送ってね"),
    *("郵送のダイレクトメールは止めてください。メッセージは今まで通りで",),
    # reported speech, a tag question, nobody there once, a plain statement
    *("母がもう送らないでって言ってたよ", "その人はいませんでした", "停止するよ", "聞いてないよー"),
    # advice to report, an authority as a job, the writer's own worry, unease alone, an unlocked password
    *("警察に相談して", "警察官になるのが夢です", "ご迷惑でなければ、また連絡してもいいですか", "気持ち悪い"),
    *("パスワードの解除方法がわからない", "画面ロックの解除ってどうやるの"),
    # hedged or apologised nuisance, a wish to consult, a shop's hours, a completed stop, a broadcast header
    *("迷惑かもしれないけど、明日もよろしく", "しつこく誘ってごめん", "相談したいことがあるんだけど"),
    *("土曜は電話のみで対応します", "退会処理が完了しました", "【お知らせ】メンテナンスのため配信を一時停止します"),
    "【配信停止のお知らせ】本サービスは3月末で終了します",
    # reported with anger, a quote sent to someone else, another product alone, an item the writer has
    *("父が「もう送ってこないで」と怒ってました", "彼に「もう連絡しないで」ってLINEした", "メルマガだけ止めてください"),
    *("会員登録は解除しませんが、メールマガジンは止めてください", "送らなくていいよ、もう持ってるから"),
    # the police and lawyers on screen, as an errand, a stubborn ailment
    *("警察24時見てる", "弁護士ドラマ面白いね", "警察に落とし物届けてきた", "しつこい肩こりに悩んでます"),
    # an item asked for again is a resend, not an opt-in
    "もう一度送ってもらえますか",
]

OPT_INS = ["もう一度登録", "登録し直したいです", "STARTでお願いします", "スタート", "またお知らせ送ってくれる？"]
OPT_INS_MORE = ["やっぱり通知ほしいです", "SMSの配信をもう一回始めてほしい", "再度登録をお願いします"]
HELPS = ["どういうサービスなのか説明してもらえますか", "このメッセージはどこから送られてるの？", "HELPお願いします"]
NOT_HELPS = ["説明してくれてありがとう", "どういうこと？", "どこから来たの？"]


@pytest.mark.parametrize("text", OPT_OUTS)
def test_registers_and_kinds_opt_out(text: str) -> None:
    assert classify(text).action is Action.OPT_OUT, text


@pytest.mark.parametrize("text", NOT_OPT_OUTS)
def test_the_same_words_asking_nothing_of_the_texts_do_not(text: str) -> None:
    assert classify(text).action is not Action.OPT_OUT, text


@pytest.mark.parametrize("text", [*OPT_INS, *OPT_INS_MORE])
def test_a_restart_or_the_messages_wanted_again_opts_in(text: str) -> None:
    assert classify(text).action is Action.OPT_IN, text


@pytest.mark.parametrize("text", HELPS)
def test_what_the_service_is_and_where_it_comes_from_is_help(text: str) -> None:
    assert classify(text).action is Action.HELP, text


@pytest.mark.parametrize("text", NOT_HELPS)
def test_thanks_for_explaining_and_where_from_are_not_help(text: str) -> None:
    assert classify(text).action is not Action.HELP, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("総務省に報告します", "threat"),
        ("何回送ってくるんですか", "complaint"),
        ("山田さんではないです", "owner"),
        ("もう一度登録", "asked_back"),
        ("上司がうるさい", "veto"),
        ("送らないでいいよ、手渡しするから", "veto"),
        ("郵送のみになります", "plain"),
    ],
)
def test_reading_kinds_of_the_round(text: str, kind: str) -> None:
    reading = read_japanese(text)
    assert reading is not None and reading.kind == kind


def test_katakana_is_read_as_written() -> None:
    reading = read_japanese("メッセージ ヲ トメテ クダサイ")
    assert reading is not None and reading.text == "メッセージ トメ テ クダサイ"
