# ruff: noqa: RUF001 - full-width Japanese punctuation is part of what is read
"""Japanese of the seventeenth dev round (languages/japanese_formal.py): English mixed in, business
writing, older writers, emoji, IME slips, marketing quoted back, a member number, repeats and
indirect keigo. One case per kind, with the same surfaces as a hard negative, an opt-in or help.
"""

from __future__ import annotations

import pytest

from optout.engine import Action, classify

CASES = [
    # opt-outs
    ("Please stop these messages. 本当に困ります", Action.OPT_OUT),  # an English sentence beside Japanese
    ("配信停止希望です。Thank you very much", Action.OPT_OUT),
    ("ご担当者様 当社宛てのショートメッセージ配信を停止願います", Action.OPT_OUT),  # business writing
    ("本番号を配信対象から削除いただきたく存じます", Action.OPT_OUT),
    ("貴社のご案内は今後辞退いたします", Action.OPT_OUT),
    ("めーる もう こないように してください", Action.OPT_OUT),  # an older writer, kana and spaces
    ("「ていし」と送れと言われました ていし", Action.OPT_OUT),  # told what to send, then sent
    ("😤しつこすぎ😤 止めて", Action.OPT_OUT),  # emoji as a clause break
    ("◆配信不要◆", Action.OPT_OUT),
    ("SMS❌でお願いします", Action.OPT_OUT),  # a "no" mark for the negation
    ("配心解除してください", Action.OPT_OUT),  # IME slips of the request words
    ("配信低止してください", Action.OPT_OUT),
    ("もう贈らないでください", Action.OPT_OUT),
    ("解徐お願いします", Action.OPT_OUT),
    ("「週末限定セール」←もう送らないで", Action.OPT_OUT),  # marketing text quoted back
    ("「ポイント還元」のお知らせは不要です", Action.OPT_OUT),
    ("会員番号5678、配信を止めてください", Action.OPT_OUT),  # a member number or name
    ("お客様番号 A1234 配信停止希望", Action.OPT_OUT),
    ("やめてやめてやめて", Action.OPT_OUT),  # repeated and emphatic
    ("停止、停止、停止", Action.OPT_OUT),
    ("ご連絡は今後ご無用でございます", Action.OPT_OUT),  # indirect keigo
    ("お送りいただかなくても構いません", Action.OPT_OUT),
    ("以後の送信は差し控えてください", Action.OPT_OUT),
    ("メッセージの受信は辞退させていただきます", Action.OPT_OUT),
    # hard negatives
    ("辞退します", Action.NONE),  # declining bare declines the offer, as "no thanks"
    ("お気遣いなく", Action.NONE),
    ("ご放念ください", Action.NONE),  # "please disregard"
    ("配信を辞退します", Action.OPT_OUT),  # with the texts named it asks
    ("The meeting was cancelled. 残念", Action.NONE),  # English and Japanese chat
    ("Please stop by later, 今日は遅くなる", Action.NONE),
    ("担当者様 月額利用料の支払いを停止したいので手続き方法を教えてください", Action.NONE),  # a payment
    ("担当者様 工事の一時停止についてご連絡いたします", Action.NONE),  # a notice of works suspended
    ("配信停止の手続き、昨日済ませました", Action.NONE),  # the writer's stop told as done
    ("ばあちゃんは もう たばこを やめたよ", Action.NONE),
    ("😭😭 涙が止まらない", Action.NONE),
    ("🙅‍♂️それ触らないで😂", Action.NONE),
    ("「夏のセール」って何日からですか？", Action.NONE),  # quoted marketing asked about
    ("会員番号4455、予約をお願いします", Action.NONE),  # a member number for another reason
    ("止めて止めて、痛いって笑", Action.NONE),
    ("ご連絡いただかなくて大丈夫ですよ、明日会えるので", Action.NONE),
    ("お手数ですが、ご返信はご無用です", Action.NONE),  # a reply declared unneeded
    ("プレゼントは贈らないで大丈夫", Action.NONE),  # 贈る meant: a gift
    ("低止まりが続いています", Action.NONE),
    ("受賞を辞退しました", Action.NONE),
    ("配信停止について友達と話してた", Action.NONE),  # a talk narrated
    # opt-ins
    ("Please start again、配信再開でお願いします", Action.OPT_IN),
    ("ご担当者様 SMSの配信再開をお願い申し上げます", Action.OPT_IN),
    ("🙆配信再開で🙆", Action.OPT_IN),
    # help
    ("What is this? このSMSは何ですか", Action.HELP),
    ("本メッセージの送信元についてご教示ください", Action.HELP),
    ("この めっせーじは どこから ですか", Action.HELP),
]


@pytest.mark.parametrize(("text", "action"), CASES)
def test_round17_kind(text: str, action: Action) -> None:
    decision = classify(text)
    assert decision.action is action, f"{text!r}: {decision.detail}"
