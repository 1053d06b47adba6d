# ruff: noqa: RUF001 - full-width Japanese punctuation is part of what is read
"""Japanese of the eighteenth dev round (languages/japanese_published.py), from published pages:
a service's own stop wording, texts still sent after a cancellation, the message sent to the
wrong person, a stop undone; against a carrier's blocking feature, another company's service, a
stop's link or checkbox, a translation, a keyword list and the sender's own confirmation quoted.
"""

from __future__ import annotations

import pytest

from optout.engine import Action, classify

CASES = [
    # opt-outs
    ("この番号をオプトアウトリストに追加してください", Action.OPT_OUT),  # a service's own terms
    ("オプトアウトリストに入れておいてください", Action.OPT_OUT),
    ("解約したのにショートメールが届き続けています", Action.OPT_OUT),  # still sent after a cancellation
    ("退会したにもかかわらずメッセージが来ます", Action.OPT_OUT),
    ("送信先をお間違えのようです", Action.OPT_OUT),  # the message sent to the wrong person
    ("この番号は別の方に割り当てられたものです", Action.OPT_OUT),
    ("前の利用者さんとは無関係です", Action.OPT_OUT),
    ("宣伝メッセージが毎日のように届いて本当にうっとうしい", Action.OPT_OUT),  # framing words
    ("SMS一括拒否をされたくなければ送るのやめてください", Action.OPT_OUT),  # a feature named in a request
    # hard negatives
    ("非通知SMS拒否ってどこで設定するの？", Action.NONE),  # a carrier's blocking feature
    ("迷惑メッセージ報告機能って使ったことある？", Action.NONE),
    ("スポーツクラブは来月で退会することにした", Action.NONE),  # a membership left
    ("退会の仕方がわからないサイトがある", Action.NONE),
    ("楽天のメルマガがしつこいんだよね", Action.NONE),  # another company's mail
    ("配信停止の件については部長に相談します", Action.NONE),  # a matter passed on
    ("配信停止ボタンが押せないってクレームが来た", Action.NONE),  # a stop's link or button
    ("「unsubscribe」は「購読解除」と訳すのが普通", Action.NONE),  # a word translated
    ("停止キーワードはSTOPとENDらしい", Action.NONE),  # a keyword list reported
    ("録画を停止するにはどのボタン？", Action.NONE),  # software stopped
    ("配信停止を承りました。ご利用ありがとうございました", Action.NONE),  # the sender's confirmation
    ("これ詐欺かな？", Action.NONE),
    ("キャンペーン案内以外は停止でお願いします", Action.OPT_OUT),  # a partial stop still stops, as in English
    ("ポイントのお知らせは残して、セール情報だけ止めてください", Action.OPT_OUT),
    ("番号を変えたばかりで、前の持ち主とは関係ありません", Action.OPT_OUT),  # an owner, not "unrelated"
    # opt-ins
    ("オプトアウトリストから外してください、また受け取りたいです", Action.OPT_IN),  # a stop undone
    ("受信拒否を解除しました、また送ってください", Action.OPT_IN),
    ("LINEのブロック解除しといたよ", Action.NONE),  # undone with nothing asked back
]


@pytest.mark.parametrize(("text", "action"), CASES)
def test_round18_kind(text: str, action: Action) -> None:
    assert classify(text).action is action, text
