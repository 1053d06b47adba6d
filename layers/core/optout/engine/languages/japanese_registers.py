"""Japanese registers and kinds of the fourteenth dev round, read with japanese_structure.py.

Dialect and spoken negations and request endings (Kansai, Kyushu, Hiroshima, Tohoku, Hokkaido),
common IME slips of "ください", threats naming an authority, a restart of the texts, and the
forms that keep these words from asking anything (advice, hearsay, a transaction, an "if" clause).
Every table is written in kanji and either kana; the reader folds katakana to hiragana on both sides.
"""

from __future__ import annotations

# Dialect negations of sending, before the ending that asks: "送らんどいて", "送らねで", "送らんでくれんね".
_NEGATED_STEMS = (
    *("送ら", "おくら", "送ってこ", "送信せ", "連絡せ", "連絡してこ", "めーるせ", "よこさ", "めっせーじせ"),
    *("関わら", "かかわら"),  # "関わらんといて": leave me alone
)
_DIALECT_TAILS = ("んといて", "んどいて", "んとって", "んどって", "ねで", "んで")
NOT_SENT = (
    *(stem + tail for stem in _NEGATED_STEMS for tail in _DIALECT_TAILS),
    # the registration itself refused ("勝手に登録しないで"), and "so that it is not received"
    *("登録しないで", "受信しないよう", "受信しなくていい", "送らねえで", "送らんでいい"),
    # "leave me alone", a dismissal of the sender as a whole
    *("放っといて", "ほっといて", "放っておいて", "ほうっておいて"),
)
# Benefactive requests, asked leave or hoped for: "止めてもらってもいいですか", "いただけると助かります".
_BENEFACTIVE = (
    *(
        verb + te + leave + tail
        for verb in ("もらっ", "いただい", "頂い")
        for te in ("て", "ても")
        for leave in ("いい", "よろしい")
        for tail in ("", "ですか", "でしょうか", "か")
    ),
    *(
        verb + when + glad
        for verb in ("もらえ", "いただけ", "頂け")
        for when in ("ると", "たら", "れば", "ますと")
        for glad in ("助かります", "助かる", "嬉しいです", "うれしいです", "幸いです", "ありがたいです", "と思います")
    ),
    *("いただきたいのですが", "頂きたいのですが", "もらうことはできますか", "いただくことはできますか"),
    *("いただくことは可能でしょうか", "いただくことは可能ですか"),
)
# Dialect and spoken request endings; IME slips of "ください" ("下さ位", "くだしあ").
ENDINGS = (
    *("ねん", "んねん", "へん", "くれへん", "くれへんか", "てや", "や", "んか", "てんか", "やで", "わ"),
    *("くれん", "くれんね", "くれんか", "つかあさい", "つかぁさい", "けろ", "でけろ", "てけろ", "れ", "ちょ"),
    *("くだしあ", "下さ位", "くださぃ", "下さぃ", "くらさい", "くださーい", "ください。", "もろて", "もらえん"),
    *("いたします", "致します", "申し上げます", "したく", "でしょうか", "でしょう", "んですか", "んでしょうか"),
    *("するには", "にする", "っす", "ますね", "ますよ", "させていただきます", "ますので"),
    # sentence-final particles of the dialects ("送らんでいいけん", "やめてほしいばい", "止めてけろ")
    *("けん", "けぇ", "ばい", "よか", "っちゃ", "べ", "べさ", "じゃけ", "やけん", "やけ", "がや", "だわ", "やわ"),
    # business keigo around the request ("ご対応のほど", "いただけますと幸いです")
    *("いただけますと幸いです", "いただければ幸いです", "幸いです", "くださいますよう", "いただきますよう"),
    # spoken and slang ("やめてくんない", "おねしゃす")
    *("くんない", "くんねえ", "くんね", "おねしゃす", "おなしゃす", "お願いしゃす", "おねがいしゃす", "しゃす"),
    # Kansai "んやけど", Hiroshima "のう", Tohoku "けさい"; the notice style "停止願" (願: requested)
    *("やけど", "んやけど", "のう", "かのう", "けさい", "てけさい", "でけさい", "願", "願い"),
    *("頂けますでしょうか", "頂けないでしょうか", "んですが", "んですけど", "しました", "いたしました"),
    *("きぼう", "きぼうです"),  # kana of "希望", as romaji "kibou" reads
    *_BENEFACTIVE,
    # "can it be stopped?" asked of the sender ("停止できますか", "止めることはできますか")
    *("できますか", "できませんか", "ることはできますか", "ることはできませんか", "ることってできますか"),
    *("お願いできれば", "お願いできればと思います", "お願いしたいのですが", "のですが", "おいて", "おいてください"),
)
# Words around the request that only reinforce it: a demonstrative, how to do it, insistence.
REINFORCING = (
    *("ご", "お", "御"),  # honorific prefixes ("ご案内", "お手続き", "御遠慮")
    *("何卒", "なにとぞ", "のほど", "ご対応", "対応", "宜しく", "宜しくお願いします", "よろしくお願いいたします"),
    *("宜しくお願い致します", "お願い申し上げます", "以上です", "当方", "以降", "以降は", "同じ内容の", "同じ"),
    *("大変", "誠に", "恐縮ではございますが", "恐縮でございますが", "申し訳ございませんが", "申し訳ないのですが"),
    *("このような", "こういった", "そのような", "そういう", "こんなに", "なんて", "深夜に", "深夜", "朝早くから"),
    *("どうやる", "どうやるん", "どうする", "どうすんの", "どうすれ", "毎日毎日"),
    # insistence, the writer's own words repeated: "送らないでって言ってるでしょ"
    *("言ってるでしょ", "言ってるだろ", "言ってるじゃん", "言ってるやろ", "言うてるやろ", "言ってますよね"),
    *("言ったでしょ", "言ったよね", "言ったじゃん", "言いましたよね", "言ってるんですけど", "言ってるんだけど"),
    *("言うとるやろ", "言うとるやん", "言うてるやん", "言っとるやろ", "言っとるがな", "言うとるでしょ"),
    # who sends: an unknown number ("知らん番号から")
    *("知らない番号", "知らん番号", "見知らぬ番号", "知らない人", "知らない所", "知らないところ"),
    # the steps asked for, "only", and an "if it goes on" ("止める手順", "通知ばっかり", "これ以上続くなら")
    *("手順", "流れ", "ばっかり", "ばかり", "ばっか", "続くなら", "続くようなら", "続いたら", "来たら", "送ってきたら"),
    # the reply asked about ("stopって送ればいいの"), the writer's company ("弊社へのSMS")
    *("送れば", "返信すれば", "返せば", "返信したら", "送ったら", "弊社", "当社", "私ども", "なので"),
    # Kansai "how" (どない), Tohoku "がら" (から), a sign-off, not knowing how ("解除の仕方がわかりません")
    *("どないしたら", "どないすれば", "どないやったら", "がら", "失礼します", "失礼いたします"),
    *("わかりません", "分かりません", "わからない", "分からない", "わからん", "分からん"),
    # an insult at the sender only reinforces ("二度と送ってくんなボケ"); alone it asks nothing
    *("ボケ", "アホ", "カス", "クソ", "バカ", "ばか"),
)
# A negated wish for the texts ("受け取りたくありません", "今後望みません").
NOT_WANTED = (
    *("望みません", "望まない", "希望しません", "希望しない", "受け取りたくない", "受け取りたくありません"),
    *("いらねー", "いらねえ", "要らねえ", "いらねぇ"),
    # the writer's refusal to receive ("もう受け取りません")
    *("受け取りません", "受け取らない", "受け取らないです", "受信しません", "受け付けません", "うけとりません"),
    *("いらへん", "要らへん", "いらんねん", "要りまへん", "いりまへん", "いらね", "要らね"),
    *("受信したくない", "受信したくありません", "欲しくない", "ほしくない", "欲しくありません", "ほしくありません"),
)
# Annoyance and dismissal, each a complaint of its own ("うざい", "しつけえ", "失せろ").
ANNOYED = (
    *("うざい", "うぜえ", "うぜー", "うっとうしい", "鬱陶しい", "うるさすぎ", "うるさすぎる", "しつけえ", "しつけー"),
    *("しつこすぎ", "かなわん", "かなわない", "たまらん", "非常識", "失せろ", "うせろ", "消えろ", "きえろ"),
    *("懲り懲り", "こりごり", "もううんざり", "やりすぎ", "やり過ぎ", "不快", "不愉快"),
    *("いい加減にして", "いいかげんにして"),  # "knock it off": a complaint alone, not a reinforcement
)
# Unease ("気持ち悪い", "怖い"): a complaint only with the messages, their coming or how often.
UNEASY = (
    *("気持ち悪い", "気持ちわるい", "きもい", "キモい", "怖い", "こわい", "不気味", "気味が悪い"),
    *("しんどい", "イライラする", "イライラします", "イライラ", "ストレス", "つらい", "辛い", "邪魔", "じゃま"),
    *("異常", "おかしい", "多い", "多いです"),
)
# Sent at the writer: with how long or how often, a complaint ("いつまで送ってくるの").
SENDING = ("送ってくる", "送ってくん", "送ってきて", "送り続け", "送られてくる", "送ってくるの")
# How long and how many times ("いつまで", "何回"): a complaint with the messages or a send verb.
HOW_LONG = ("いつまで", "何回", "何度", "何通")
# A period the count is in ("一日何通"): how often.
OFTEN = ("一日", "1日", "毎週", "週に", "一晩に", "朝から晩まで")
# Consent nouns, and never having given it ("登録なんかしてない", "承諾を取り下げます").
AGREED = ("承諾", "同意", "許可", "申し込み", "申込")
NEVER_DONE = (
    *("していない", "してない", "してません", "していません", "しておりません", "しとらん", "してへん"),
    *("した覚えはない", "した覚えがない", "した覚えない", "した覚えはありません", "した覚えがありません"),
)
# The texts withdrawn: "取り下げ", "撤回" as stop predicates.
STOP = ("取り下げ", "とりさげ", "撤回", "お止め", "おやめ", "控え", "お控え", "ひかえ", "optout")
# "I was not told it would be like this": with the messages or their coming, a complaint.
UNTOLD = ("聞いてない", "聞いていない", "聞いてません", "聞いていません")
# Threats: an authority with a verb of reporting, or reporting that is a threat alone ("通報します").
AUTHORITIES = ("総務省", "消費者庁", "消費者センター", "消費生活センター", "国民生活センター", "警察", "弁護士")
REPORTING = ("報告", "通報", "相談", "訴え", "届け出", "申告", "ブロック")
REPORTING_ALONE = ("通報", "訴え", "届け出", "ブロック")
# Legal steps the writer will take ("法的措置を取ります"): a threat with a verb of taking them.
LEGAL = ("法的措置", "法的手段", "法的対応", "訴訟", "裁判")
TAKING = ("取ります", "とります", "講じます", "検討します", "起こします", "に出ます", "取らせていただきます")
# Said by the writer of what they will do ("します", "訴えます"), not asked of someone ("相談して").
WILL = frozenset(
    {"します", "ます", "ますね", "ますよ", "いたします", "致します", "させていただきます", "しますね", "しますよ"}
    | {"しました", "いたしました"}  # a report already made ("国民生活センターに連絡しました")
)
# Another channel only, with the particle that makes it the way asked for ("メールのみで", "郵送だけに"):
# the texts switched off ("電話だけして" is "just call").
_CHANNELS = (
    "メール",
    "電子メール",
    "eメール",
    "電話",
    "郵送",
    "郵便",
    "ハガキ",
    "はがき",
    "手紙",
    "line",
    "アプリ",
    "書面",
)
SWITCH = (
    *(channel + only + way for channel in _CHANNELS for only in ("のみ", "だけ") for way in ("で", "に")),
    # "メールでのご連絡のみ": the way, then what is sent, then "only"
    *(
        f"{channel}での{noun}{only}"
        for channel in _CHANNELS
        for noun in ("連絡", "ご連絡", "ご案内", "案内", "お知らせ")
        for only in ("のみ", "だけ")
    ),
)
# What makes another channel asked for or accepted, not announced ("郵送のみになります"): an ending.
ASKED = (
    "願",
    "くださ",
    "下さ",
    "して",
    "ほしい",
    "欲しい",
    "希望",
    "いただ",
    "頂",
    "もら",
    "くれ",
    "いい",
    "十分",
    "大丈夫",
)
# The texts asked for again: a restart word, or "again" / "after all" with the messages wanted.
RESUME = (
    *("再開", "再登録", "登録し直", "登録しなおし", "再度登録", "もう一度登録", "もう一回登録", "スタート", "start"),
    *("始め", "開始", "受け取りたい", "受け取りたいです"),
)
AGAIN = ("また", "もう一度", "もう一回", "再び", "再度", "やっぱり", "やっぱ", "やはり")
WISHES = frozenset(
    {"ほしい", "欲しい", "ほしいです", "欲しいです", "送って", "送ってくれる", "受け取りたい", "受け取りたいです"}
)
# Sending asked for ("また送って"): a wish only with the messages named.
SEND_ASKED = ("送って", "送ってくれる")
THANKS = ("ありがとう", "ありがとうございます", "感謝", "感謝しています", "うれしい", "嬉しい")
# Forms in which these words ask nothing (each also read as a veto by engine/japanese.py).
VETOES = (
    # advice, a passive, hearsay: "警察に相談したほうがいいよ", "通報されたらしい", "やるんだって"
    r"(?:通報|相談|報告|訴え|届け出|ブロック)(?:され|した(?:ほう|方)が|する(?:ほう|方)が)",
    # an authority as a job or a dream ("警察官になるのが夢"), the writer's own worry ("ご迷惑でなければ")
    r"警察官|警察学校|(?:弁護士|警察)(?:に|を)?(?:なる|なり|目指)|迷惑(?:じゃ|で|では)(?:なければ|なかったら|ないなら|ないか)",
    # a password, a PIN or a screen unlocked ("パスワードの解除方法")
    r"(?:パスワード|暗証番号|pin|画面|鍵|かぎ|制限|フィルター|sim)(?:ロック)?(?:の|を)?解除",
    # asked or told by someone else ("母が配信停止の仕方を聞いてきた"), a report already made and its outcome
    r"聞いてきた|聞かれた|聞いてた|頼まれた|言ってきた|(?:相談|通報|報告)した(?:結果|ところ|けど)",
    # the police as people or a place seen ("警察の人が来てた"), a stubborn ailment ("しつこい肩こり")
    r"警察(?:の人|官|署|が来)|しつこい(?!勧誘|営業|宣伝|広告|配信|連絡|通知)[\u4e00-\u9fff]",
    # the writer's own persistence apologised for ("しつこく誘ってごめん"), a wish to consult ("相談したい")
    r"(?:しつこ|うるさ|迷惑)[^,]{0,8}(?:ごめん|すみません|すいません|申し訳|失礼しました)",
    r"相談(?:したい|させて(?:ください|下さい|ほしい|もらえ)|に乗って|がある|事|こと)",
    # a nuisance the writer fears being, hedged ("迷惑かもしれないけど", "しつこいようですが")
    r"(?:迷惑|しつこい|うるさい)(?:かも|かな|だったら|でしたら|よう(?:です|だ)?(?:が|けど))",
    # the police watched on screen ("警察24時見てる"), a stop already completed ("退会処理が完了しました")
    r"(?:警察|弁護士)[^,]{0,6}(?:見て|見た|見る|観て|観た)|(?:警察|弁護士)(?:ドラマ|映画|漫画|アニメ|もの|役)",
    # an errand at the police ("警察に落とし物届けてきた"), a club or gym left ("ジムの退会手続き")
    r"(?:警察|交番)(?:に|へ)[^,]{0,8}(?:届けて|行って|行った|寄って)",
    r"(?:ジム|会員|サークル|教室|スクール|クラブ|部活)(?:の)?(?:退会|解約)",
    # the writer's quote sent to someone else ("「もう連絡しないで」ってLINEしちゃった")
    r"(?:って|と)(?:line|ライン|伝え)",
    r"(?:退会|解除|停止|配信停止)(?:の)?(?:処理|手続き)?(?:が|は)?完了(?:しました|した|です|いたしました)",
    # a shop's own hours and ways ("電話のみで対応します"), the writer's own stop refused ("解除しません")
    r"(?:のみ|だけ)で(?:対応|受付|営業|受け付け)",
    r"(?:停止|解除|退会)(?:は)?しません(?!か)",
    # another product or channel stopped alone: a newsletter, a catalogue, app pushes ("メルマガだけ止めて")
    r"(?:メルマガ|メールマガジン|ニュースレター|カタログ|dm|プッシュ通知|アプリの通知)(?:だけ|のみ)?(?:を|は)?"
    r"(?:止め|停止|解除|やめ|不要|いらな|結構)",
    r"(?:た|だ|る|ん|てる)らしい|んだって|んだってさ",
    # a payment, an order or an appointment stopped ("支払いを停止したい", "予約をキャンセル")
    r"(?:支払い|引き落とし|口座振替|予約|注文|契約|プラン|会費|定期便|定期購入)(?:の|を|は|も)?"
    r"(?:停止|止め|とめ|キャンセル|取り消|取消|解約|中止|やめ)",
    # "if you wish to stop", a footer's condition ("停止する場合は")
    r"(?:停止|解除|退会|拒否|ストップ|止め|やめ)(?:する|される|を希望する|をご希望の)?(?:場合|際)(?:は)?[^,]{0,12}?"
    r"(?:返信|送信|こちら|マイページ|から|http)",
    # things that stopped: "配信止まってて"
    r"(?:止ま|とま)ってて",
    # a ra-less potential, "can quit" ("やめれる"), and another channel only, stopped: "メールだけ止めて"
    r"(?:やめ|止め|辞め|とめ)れる",
    r"(?:メール|電話|郵送|郵便|ハガキ|line|アプリ)(?:だけ|のみ)(?:を|は)?(?:止め|停止|解除|やめ|不要|いらな|結構)",
    # the writer's own phone set quiet, told ("通知うるさいからマナーモードにした")
    r"(?:マナーモード|おやすみモード|サイレント(?:モード)?|機内モード|集中モード|ミュート|通知(?:を)?オフ)(?:に)?"
    r"(?:した|しといた|しておいた|してる|している|しています|しました|しちゃった|してた)",
    # a stop someone already did for the writer ("シフト解除してもらった"), unless it did not hold ("のに")
    r"(?:(?:止め|やめ|とめ)て|(?:停止|解除|退会|キャンセル)して)(?:もらっ|いただい|頂い|くれ)(?:た|ました)(?!のに)",
    # hearsay at a clause's end ("母の携帯に迷惑メールが来てるみたい", "迷惑SMS来てるって")
    r"(?:てる|ている|てた)(?:みたい|っぽい|って)(?:です|だ|よ|ね)?$",
    # advice on a wish ("止めたいならキャリアの設定で"), a stop that happened ("電車止まってた")
    r"(?:止め|やめ|とめ|停止し|解除し|拒否し)たい(?:なら|んなら|のなら|場合は)|(?:止ま|とま)って(?:た|いた|ました)",
    # nuisance calls, not texts ("迷惑電話の止め方"), unless the texts are named too
    r"(?:迷惑|営業|勧誘|いたずら|無言)電話(?![^,]*(?:sms|メッセージ|ショートメ|メール|配信))",
    # annoyance told laughing ("先生しつこくて笑った"): banter
    r"(?:しつこ|うざ|うるさ)[^,]{0,6}(?:笑|w)",
    # a footer's way to stop ("配信停止はマイページからお手続きください")
    r"(?:停止|解除|退会|配信停止|配信解除)(?:は|の方は|をご希望の方は)[^,]{0,10}(?:から|より)(?:お|ご)?(?:手続き|設定|変更)",
)
# Annoyance said of someone named as its subject who is not the messages or their sender
# ("犬がしつこく吠えて"), read in engine/japanese.py.
ANNOYED_SUBJECT = r"([^\s,をはがに]{1,6})が(?:しつこ|うるさ|うざ|ウザ)"
SENDERS = (
    *("メッセージ", "メール", "sms", "通知", "連絡", "お知らせ", "案内", "広告", "宣伝", "配信", "電話"),
    *("そちら", "お宅", "おたく", "御社", "貴社", "あなた", "業者", "会社", "お店", "店", "お前", "おまえ", "あんた"),
)
# An item the writer delivers another way: "送らないでいいよ、手渡しするから".
HANDED = (
    r"手渡し|直接渡|持って(?:いく|行く|く|きます)|持参|取りに(?:いく|行く|伺)|もう持って(?:る|います|ます)|手元にある"
)
# Kept words that hold a negation of their own ("問題ありません"): not a refusal of the texts.
KEPT = (
    "今まで通り",
    "いままで通り",
    "今までどおり",
    "問題ありません",
    "問題ない",
    "送ってね",
    "送り続けて",
    "構いません",
)
UNNEGATED = r"問題(?:ありません|ない|なし)|構いません|かまいません|構わない|かまわない"
# A count of what is sent ("五通", "10件"): read as "何通".
COUNT = r"(?<!もう)[0-9一二三四五六七八九十百]+(?:通|件|回)"  # not "もう一回" (once more)
# The person named is not the writer ("山田さんではないです"), the whole clause, said outright
# (a bare "じゃない" is as often "isn't it?").
NOT_THE_NAME = (
    r"^(?:私は|わたしは|僕は|俺は|こちらは|うちは|この番号は)?[^\s,]{1,6}(?:さん|様|さま|氏)"
    r"(?:ではありません|ではないです|ではございません|じゃありません|じゃないです)(?:よ|けど|が)?$"
)
NOBODY = (
    r"(?:(?:そんな|そのような|その)(?:お)?名前の|という|って|(?:こちら|うち|ここ)には(?:そのような|その|そんな)?)"
    r"(?:人|方|者)(?:は|なら)?(?:い|お)(?:ません|ない|りません|らん)(?!でした|かった)"
)
# The number used by someone else now, or by the writer since lately ("今は娘が使ってます").
# The phone or number said outright not to be the person's ("佐藤の携帯ではございません").
PHONE_NOT_THEIRS = (
    r"(?:携帯|番号|電話|スマホ)(?:番号)?(?:は)?(?:(?:私|わたし|僕|俺|うち)の(?:もの)?)?"
    r"(?:では|じゃ)(?:ございません|ありません|ないです)"
)
NUMBER_NOW = (
    r"(?:番号|携帯|スマホ|電話)[^,]{0,3},?(?:今|いま|現在|最近|先月から|去年から|昨年から|先週から)(?:は)?"
    r"[^,]{0,6}?(?:が|で)(?:使って|使用して)|(?:別の|他の|違う)(?:者|人|方)が(?:使って|使用して)"
)
# The writer's phone bought second-hand ("中古で買った携帯です"), said of the phone, not as news.
SECOND_HAND = (
    r"中古(?:で|の)(?:買った|購入した)?(?:携帯|スマホ|電話|端末|もの)(?:です|なので|なんで|ので|だから|でして|で,)"
    r"|(?:携帯|スマホ|端末|電話)(?:は)?中古(?:で|品)"
)
_KIN = "(?:父|母|夫|妻|主人|家内|祖父|祖母|息子|娘|本人|兄|姉|弟|妹|家族)"
# A family member's phone or old number, said to be so ("亡くなった父の携帯", "夫の前の番号です").
KIN_PHONE = (
    rf"亡くなった{_KIN}の(?:携帯|スマホ|番号|電話)"
    rf"|{_KIN}の(?:前の|古い|昔の|以前の|旧)(?:番号|携帯)(?:です|でして|なので|で,|でもう|で今は)"
    # a phone handed down, and texts meant for the one before ("前の持ち主宛て")
    r"|(?:譲り受け|譲ってもらっ)た(?:携帯|スマホ|端末|電話|もの)(?:です|なので|ので|で,)"
    r"|前の(?:持ち主|所有者|使用者|利用者|契約者|方|人)(?:様)?(?:宛|あて|向け|への)"
)
# A death in the writer's family told to the sender ("父はもうこの世におりません"), not news of another's.
DECEASED = (
    r"(?:^|,|うちの|私の|わたしの)(?:父|母|夫|妻|主人|家内|祖父|祖母|息子|娘|本人|兄|姉|弟|妹)(?:は|が)[^,]{0,8}?"
    r"(?:亡くなり|亡くなって|亡くなっております|他界|逝去|永眠|この世に(?:いません|おりません|いない))"
)
# What the service is, and where the texts come from: help.
HELP = (
    r"どういう(?:サービス|内容|メッセージ)|説明して(?:ください|下さい|もらえ|いただ|頂|ほしい)|どこから(?:送|届)"
    r"|help(?![a-z])|へるぷ"
)

# A broadcast's bracketed header ("【お知らせ】", "【〇〇ストア】") with no request of the writer's after
# it is a notice, not a reply. With one ("【至急】配信停止してください"), it is read as any message.
HEADER = r"\s*【[^】]{1,30}】"
WRITER_ASKS = (
    r"ください|下さい|ほし|欲し|お願い|おねがい|願い|ちょうだい|くれ|いただけ|頂け|もらえ|やめろ|止めろ|ないで|いらな|要らな"
    r"|不要|結構|[てで](?:[\s,、。!\uff01?\uff1f]|$)"
)
