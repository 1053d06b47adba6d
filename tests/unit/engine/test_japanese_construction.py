# ruff: noqa: RUF001 - full-width Japanese punctuation is part of what is read
"""Japanese read by construction (engine/japanese.py, languages/japanese_structure.py): every
object, stop predicate and politeness ending together is a request; the same words reporting,
narrating or aimed at something else are not. Also the word families of this round in Arabic,
Italian and Polish (languages/cue_words_extra.py, texts_kept.py, transactions.py).
"""

from __future__ import annotations

import itertools

import pytest

from optout.engine import Action, classify
from optout.engine.japanese import read_japanese

_OBJECTS = ["", "もう", "メッセージを", "SMSの配信を", "ショートメールは", "お知らせの通知を", "今後の案内は"]
_PREDICATES = ["止めて", "とめて", "やめて", "停止して", "解除して", "ストップして", "オフにして"]
_ENDINGS = ["", "ください", "下さい", "ほしいです", "いただけますか", "いただけますでしょうか", "もらえますか", "くれ"]
_NOT_SENT = ["送らないで", "送ってこないで", "連絡しないで", "送信しないで", "送んないで", "来ないようにして"]
_NOT_SENT_ENDINGS = ["", "ください", "ね", "いただけますか", "もらえますか"]

REQUESTS = [
    *(o + p + e for o, p, e in itertools.product(_OBJECTS, _PREDICATES, _ENDINGS)),
    *(o + p + e for o, p, e in itertools.product(_OBJECTS, _NOT_SENT, _NOT_SENT_ENDINGS)),
    *("停止願います", "配信停止希望", "購読解除", "退会させていただきたいです", "停止をお願いできますでしょうか"),
    *(
        "もう結構です",
        "案内は結構です",
        "もういらないです",
        "もう不要です",
        "以後、送信不要です",
        "今後のご連絡はご遠慮ください",
    ),
    *("二度と送ってくるな", "送ってくんな", "もうええわ、送らんといて", "送らんでええで", "ＳＴＯＰでお願いします"),
    *("しつこい", "SMS多すぎ", "なんで毎日メッセージ来るの", "迷惑メッセージです", "承諾していないのでやめてください"),
    *("どうやって止めるの？", "解除方法は？", "どうすれば届かなくなりますか", "止め方を教えてください"),
    *("持ち主が変わりました", "この番号はもう使っていません", "この携帯番号は別の人のものです", "番号間違っていますよ"),
    "配信を一時停止してください",
    "解除したのにメッセージが止まっていません",
]

NOT_REQUESTS = [
    # a bus stop, a paused video, a lock, a laugh that will not stop
    *("バス停で待ってるね", "停止線の手前で止まってね", "その動画、一時停止しといて", "スマホのロック解除の仕方忘れた"),
    *("解除コード忘れた", "笑いが止まらない", "涙が止まらない😭", "ストップウォッチ持ってきて", "ストップ高になった！"),
    # another object: a car, a parcel, a bag, a photo
    *("車止めて", "エンジン止めた？", "荷物は来週まで送らないでね", "写真まだ送らないでね", "袋いらないです"),
    *("請求書は郵送しないでください、メールでいいです", "スプーンいらないです", "それで結構です"),
    # a bare refusal, with neither the texts nor "anymore": "no thanks" (round 16)
    *("いらないです", "不要です"),
    # narrated, conditional, reported, negated
    *(
        "画面ロックを解除したら通知がたくさん来てた",
        "配信停止になった番組もう一回見たい",
        "退会した先輩がまた部室に来た",
    ),
    *("彼女に「もう連絡しないで」って言われちゃった", "止めないでください", "もう送らない、ごめん", "SMSが来ない"),
    *("最近通知来なくなった", "来ないの？", "やめてよー笑 くすぐったい"),
    # the writer's own nuisance or mistake; news of a death; a stubborn cold
    *(
        "迷惑かけてごめんね",
        "ご迷惑をおかけしました",
        "間違えて送っちゃった、ごめん",
        "番号違いの電話がよく来るんだよね",
    ),
    *("亡くなった祖母の家に行ってきた", "しつこい風邪でつらい", "迷惑メールフォルダに入ってたよ"),
    # livestreams, and footers
    *("今夜配信するから見てね", "明日の配信は中止です", "新商品のお知らせ。解除はこちら https://example.jp/unsub"),
    # the texts kept
    *("メールはいらないです、連絡はSMSでお願いします", "アプリのプッシュ通知を止めたいです、SMSは引き続き受け取ります"),
    *("ジムは退会しますが、SMSのお知らせはこのまま送ってください", "電話はやめて、SMSでお願いします"),
    # the messages stopped by themselves
    *("配信が止まった", "メッセージが止まりました"),
    # Chinese: "don't stop"
    "不要停止",
]


@pytest.mark.parametrize("text", REQUESTS)
def test_japanese_requests_opt_out(text: str) -> None:
    assert classify(text).action is Action.OPT_OUT, text


@pytest.mark.parametrize("text", NOT_REQUESTS)
def test_the_same_words_about_something_else_do_not(text: str) -> None:
    assert classify(text).action is not Action.OPT_OUT, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("もうSMS来ないようにしてください", "request"),
        ("しつこい", "complaint"),
        ("持ち主が変わりました", "owner"),
        ("バス停で待ってるね", "veto"),
        ("メールはいらないです、連絡はSMSでお願いします", "kept"),
        ("また送ってください、間違えて解除しました", "asked_back"),
        ("これは何のメッセージですか？", "help"),
        ("車止めて", None),
    ],
)
def test_reading_kinds(text: str, kind: str | None) -> None:
    reading = read_japanese(text)
    assert (reading.kind if reading else None) == kind


def test_a_veto_in_one_clause_leaves_a_request_in_another() -> None:
    assert classify("笑いが止まらない、もうやめて").action is Action.OPT_OUT
    assert classify("これは何のメッセージですか？もう送らないで").action is Action.OPT_OUT


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("また送ってください、間違えて解除しました", Action.OPT_IN),
        ("これは何のメッセージですか？", Action.HELP),
        ("هذا الرقم ما عاد لي", Action.OPT_OUT),
        ("basta davvero, non ne posso più", Action.OPT_OUT),
        ("Contattatemi solo via mail, gli SMS no", Action.OPT_OUT),
        ("Jak zrezygnować z tych wiadomości?", Action.OPT_OUT),
        ("STOP dziękuję bardzo", Action.OPT_OUT),
        ("ألغوا اشتراكي في المجلة بس خلوا الرسائل توصلني", Action.NONE),
        ("Sospendete l'abbonamento della palestra ma continuate a mandarmi i promemoria", Action.NONE),
        ("Wyłączcie powiadomienia w aplikacji, SMS-y mogą zostać", Action.NONE),
    ],
)
def test_word_families_of_the_other_languages(text: str, action: Action) -> None:
    assert classify(text).action is action
