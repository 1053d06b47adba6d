"""Japanese registers of the seventeenth dev round, read with japanese_structure.py: business
writing, older writers, indirect keigo refusals, IME slips of the request words and marketing
text quoted back, emoji and a member number around the request.
Every table is written in kanji and either kana; the reader folds katakana to hiragana on both sides.
"""

from __future__ import annotations

# Indirect keigo that declines the texts ("受信を辞退します", "差し控えてください"). Not ご放念 ("please
# disregard"), and not kana じたい (信じたい, 感じたい).
STOP = ("辞退", "差し控え", "さしひかえ", "断ります", "ことわります", "お断りし")
# Declining, bare, declines the offer, as English "no thanks": it asks only with the texts or "anymore".
DECLINE = frozenset({"辞退", "断ります", "ことわります", "お断りし"})
# "Need not be sent" in keigo ("お送りいただかなくて結構です", "ご連絡はご無用に").
_NEED_NOT = ("いただかなく", "頂かなく", "お送りいただかなく", "お送り頂かなく", "頂戴しなく", "ちょうだいしなく")
NOT_NEEDED = (
    *(
        verb + te + fine
        for verb in (*_NEED_NOT, "送らなく", "届けなく")
        for te in ("て", "ても")
        for fine in ("結構", "構いません", "かまいません", "大丈夫", "いいです", "よいです")
    ),
    *("必要はございません", "必要ございません", "必要はありません", "ご無用", "無用", "お気遣いなく"),
    *("遠慮したい", "遠慮します", "いただく必要はございません", "いただく必要はありません"),
)
# The bare ones among them ask nothing alone ("お気遣いなく": "no need to trouble yourself").
REFUSALS = frozenset(
    {"必要はございません", "必要ございません", "必要はありません", "ご無用", "無用", "お気遣いなく", "遠慮したい", "遠慮します"}
)
# Words of a business or an older writer around the request that only frame it.
REINFORCING = (
    *("宛", "宛て", "宛ての", "宛の", "代表", "名義", "法人", "法人名義", "営業", "販促", "勧誘", "本件"),
    *("につきまして", "につき", "について", "届いております", "届いています", "より", "当番号", "本番号"),
    *("会社支給", "業務用", "支給", "端末", "対象", "配信対象", "担当者様", "ご担当者様", "担当者様へ", "総務部"),
    *("くるので", "くるから", "いただくのは", "頂くのは"),
    *("まいにち", "毎回", "こまります", "困ってます", "こまってます", "年寄り", "としより", "には"),
    *("存じます", "いたく", "たく", "ますよう", "いただけますよう", "に願います", "ご手配", "手配", "手続き"),
    # marketing words quoted back ("期間限定とか毎回来るけど")
    *("開催中", "期間限定", "本日限定", "限定", "新着", "最終日", "特典", "割引", "とか", "系の", "みたいなの"),
    *("何度も言ってますが", "何度も言ってますけど", "何度も言いましたが"),
)
# A member number or name given with the request ("会員番号1234、配信停止"): dropped before reading.
MEMBER = r"(?:会員|顧客|お客様|登録)(?:カード)?(?:番号|id|no\.?)(?:は)?:?[a-z0-9ー_-]+(?:です)?"
# Emoji between the words are a clause break ("😤しつこい😤 止めて").
EMOJI = "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u200d\ufe0f]+"
# A "no" mark right after a word stands for its negation ("配信❌でお願いします").
NO_MARK = "(?<=[A-Za-z\u3041-\u30ff\u4e00-\u9fff])[\u274c\u274e\u2716\U0001F6AB]"
# Being told what to send ("停止と送れと言われました"), before an older writer's last line that asks.
TOLD = r"言われ|いわれ|書いてあ|かいてあ|と聞いた|ときいた"
# IME slips of the request words, each read as the word meant ("配心停止", "低止して", "贈らないで").
SLIPS = {
    "配心": "配信",
    "廃信": "配信",
    "配進": "配信",
    "定止": "停止",
    "停死": "停止",
    "解徐": "解除",
    "登録介助": "登録解除",
    "配信介助": "配信解除",
    "下差い": "下さい",
    "句ださい": "ください",
    "して干しい": "して欲しい",
    "お値がい": "お願い",
    "お根がい": "お願い",
    "贈らないで": "送らないで",
    "贈ってこないで": "送ってこないで",
}
# Homophones of 停止 ("低止", "亭止", "停子"), but not "低止まり" (staying low).
SLIP = "|".join((*SLIPS, "[低亭丁]止(?!ま)|停子"))
# Business mail done or about another stream ("手続き、済ませました", "動画の配信").
VETOES = (
    r"済ませ(?:ました|た)|(?:動画|ライブ|生)(?:の)?配信",
    # a notice of another thing suspended ("工事の一時停止についてご連絡いたします"), a talk narrated;
    # "一時" reads "何時", a clock
    r"(?:工事|供給|出荷|運転|営業|運行|販売|生産)(?:の)?(?:一時|何時)?(?:停止|中止)",
    r"(?:について|のこと)[^,]{0,8}(?:話して(?:た|いた|ました)|話した|話しました)",
    # a reply declared unneeded ("ご返信はご無用です"): not the texts
    r"(?:返信|返事|お返事|ご返信)(?:は|も)?(?:ご無用|無用|不要|結構)",
)
# A stop's steps told as done ("配信停止の手続き、先月済ませました"), unless the texts still come.
DONE = r"(?:停止|解除|退会)の?手続き(?:は|を)?,?[^,]{0,6}(?:済ませ|完了し|終えまし)(?![^,]*(?:のに|けど|が,|まだ))"
# A quoted part of the marketing text ("「セール開催中」←これ"): read as "これ" when it holds no stop.
QUOTE = r"「[^「」]{1,40}」|^>[^,\s]{1,30}\s"
# Who sends the texts, asked in business or kana ("送信元についてご教示ください", "だれから").
HELP = r"送信元|差出人|(?:だれ|誰|どなた|どこ)から(?:ですか|でしょうか|の)"
