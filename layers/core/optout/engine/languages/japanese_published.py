"""Japanese of the eighteenth dev round, taken from published pages: the wording SMS and mail
services, carriers and help sites document for stopping messages (配信停止依頼, オプトアウトリスト,
受信拒否の通知), and the talk around it that stops nothing: a carrier's blocking feature named,
another company's service, a link or checkbox, a translation, the sender's own confirmation.
Every table is written in kanji and either kana; the reader folds katakana to hiragana on both sides.
"""

from __future__ import annotations

# A stop asked in a service's own terms ("オプトアウトリストに追加してください").
STOP = (
    *("オプトアウトリストに追加", "オプトアウトリストに入れ", "オプトアウトリストへ追加", "オプトアウトリストへ入れ"),
    *("配信リストから削除", "送信リストから削除", "配信リストから外し", "送信リストから外し"),
)
# Words that only frame a complaint ("宣伝メッセージが毎日のように届いて正直うっとうしい").
REINFORCING = ("宣伝", "正直", "のように", "毎日のように", "本当に")
# Talk that names a stop word yet asks nothing of this sender.
VETOES = (
    # a carrier's or phone's blocking feature, named ("SMS一括拒否は*20184", "危険SMS拒否って")
    r"(?:(?:一括|非通知|危険|国際|国内他事業者)(?:sms)?拒否|sms拒否(?:機能|設定)|報告機能|ブロックリスト編集)"
    r"(?![^,]*(?:やめて|止めて|ないで))",
    # a membership left, told or asked how ("退会手続きの方法", "ジムは退会することにした")
    r"退会(?:手続き)?の(?:方法|仕方|やり方)|退会(?:する|した)こと(?:に)?し",
    # another company's mail or contract named
    r"(?:楽天|アマゾン|amazon|ヤフー|yahoo|nhk|line)の(?:メルマガ|メール|受信契約|配信)(?![^,]*(?:含め|全部|全て|すべて))",
    # a matter passed on, or a stop's link or checkbox talked about
    r"の件(?:は|について)[^,]{0,10}(?:確認|検討|相談)|(?:停止|解除)(?:の)?(?:リンク|ボタン)|にチェック(?:を)?入れ(?!た(?:のに|けど|が))",
    r"依頼の(?:メール|文面)(?:って|は)",
    # unrelated to a stop, a word translated, a keyword list reported
    r"(?:停止|解除|拒否)とは関係(?:ない|ありません|のない)",
    # software stopped ("自動プロビジョニングを停止するには")
    r"(?:プロビジョニング|インストール|同期|録画|アップデート)(?:を|の)?(?:停止|中止)",
    # a scam text judged, or one deleted
    r"詐欺(?:だよね|ですよね|かな|でしょうか)|受け取ったので削除",
)
# Whole messages that talk about the words, whatever their clauses hold: the sender's confirmation
# quoted ("オプトアウトされたため、今後は受信しません"), a word translated, a keyword list reported.
TOLD = (
    r"(?:オプトアウト|配信停止|登録解除)(?:され(?:た|ました)(?:ため|ので)|を承りました)"
    r"|(?:と|に)(?:訳す|訳し)|の訳(?:は|を)|キーワード(?:は|って)[^。]*(?:そうです|らしい)"
)
# A stop undone ("オプトアウトリストから外して", "配信停止を解除して"): with また or 再, an opt-in.
UNDONE = (
    r"(?:オプトアウト|配信停止|ブロック|受信拒否)(?:リスト)?(?:から外し|を?取り消し?|を?解除し)"
)
# Still sent after a cancellation ("解約したのにSMSが届き続ける"): a complaint.
STILL_SENT = (
    r"(?:解約|停止|解除|退会)[^,]{0,12}?(?:のに|にもかかわらず)[^,]{0,16}?"
    r"(?:届き続け|来続け|送られ続け|(?:sms|メッセージ|ショートメール)[^,]{0,3}(?:届|来))"
)
# The message sent to the wrong person ("お送り先をお間違えのようです", "別の人に付与された番号").
OWNER = (
    r"(?:お?送り先|宛先|送信先)(?:を|が)?(?:お)?間違え|別の(?:人|方)に(?:付与|割り当て)"
    r"|(?:前|以前|前の)(?:ユーザー|契約者|利用者|持ち主)(?:さん|の方|様)?(?:とは|宛|あて)"
)
