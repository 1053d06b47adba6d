"""Japanese of the sixteenth dev round: writers abroad and younger writers (read by engine/japanese.py).

Latin carrier keywords inside Japanese politeness ("CANCELでお願いします"), katakana loanwords
("アンサブ", "リムーブ", "テキスト" for texts), stretched endings ("でーす"), reasons that only back a
request ("帰国したので", "英語が読めないので"), spam reports as threats, and owners who do not know
the person named. Bare refusals ("要らない", "不要です") ask nothing, as "no thanks" does in English.
"""

from __future__ import annotations

# Stop predicates borrowed from English, in Latin letters, katakana and the kana romaji reads.
STOP = (
    *("cancel", "キャンセル", "きゃんせる", "unsub", "アンサブ", "アンサブスクライブ", "サブスクライブ解除"),
    *("サブスク解除", "remove", "リムーブ", "delete", "デリート", "end", "エンド", "quit"),
    *(
        "取り消し",
        "取消し",
        "止まりますか",
        "止まるの",
        "止まるん",
        "removeme",
        "takemeoff",
        "optmeout",
        "ブロックしたい",
    ),
)
# A bare cancel with a wish or "can I" names nothing cancelled ("キャンセルしたい", like "I want to
# cancel"); with a request ending ("キャンセルでお願いします") it asks, as "cancel please" does.
CANCEL = frozenset({"cancel", "きゃんせる"})
WISH_OR_ABILITY = frozenset({"したい", "したいです", "たい", "たいです", "できますか", "できませんか"})
# Texting as a verb ("テキストしないで"), contact, and spoken prohibitives ("送ってくんじゃねーよ").
_NEGATED_VERBS = ("テキストしな", "テキストしてこな", "コンタクトしな", "送ってくれな", "メッセしな")
_TAILS = ("いで", "いよう", "くていい", "くていいです", "くて", "くな", "くする", "くなる")
NOT_SENT = (
    *(verb + tail for verb in _NEGATED_VERBS for tail in _TAILS),
    *(
        "テキストするな",
        "テキストすんな",
        "送ってくんじゃね",
        "くんじゃね",
        "送んじゃね",
        "送ってくんなし",
        "来んなし",
        "送んな",
    ),
    *("連絡してくるな", "連絡してくんな", "メールしてくるな", "テキストしてくるな", "テキストしてくんな"),
)
# "No more" with the texts ("ノーモアテキスト"); "no thanks" needs the texts or もう, like 結構.
_UNREAD = ("見ない", "見ないので", "読まない", "読まないので")  # "SMSは見ないので": the texts go unread
NOT_NEEDED = (
    *_UNREAD,
    "ノーモア",
    "nomore",
    "ng",
    "ノーテキスト",
    "受け付けていません",
    "受け付けてません",
    "受け付けてない",
)
# "Off" too, since "オフです" alone is a day off ("SMSオフにして" stops).
WEAK = ("ノーサンキュー", "のーさんきゅー", "nothanks", "nothankyou", "オフ", "off")
# Texts in English and katakana ("テキスト送らないで"), and what they carry.
MESSAGES = (
    *("テキスト", "text", "texts", "アラート", "テキストアラート", "プロモ", "promo", "ナンバー"),
    *("テキストする", "テキストしてくる"),  # texting as the object: "テキストするのやめて"
)
TEXTS = ("テキスト", "text")
# A bare refusal: one of these with no texts and no "anymore" asks nothing ("いらないっす").
REFUSALS = frozenset(
    {"いらない", "いらん", "要らない", "要らん", "要りません", "いりません", "不要", "ふよう", "必要ない"}
    | set(_UNREAD)
    | {
        "必要ありません",
        "受け付けてない",
        "ng",
        "いらねー",
        "いらねえ",
        "要らねえ",
        "いらねぇ",
        "いらへん",
        "要らへん",
        "いらね",
        "要らね",
    }
)
# What makes a refusal a request to end the texts: "anymore", "from now on", insistence.
ONGOING = frozenset(
    {"もう", "もー", "今後", "今後は", "以後", "以降", "以降は", "二度と", "これ以上", "一切", "言ってるでしょ"}
    | {"言ってるだろ", "言ったでしょ", "言ったよね", "言ってるじゃん", "っつってんだろ", "つってんだろ"}
    | {"言ってんじゃん", "って言ってんじゃん"}
)
# Texting as the sender's habit ("何回送るの"): with how long or how often, a complaint.
SENDING = ("送るの", "送るん", "送ってくんだよ", "送ってくんの")
_PLACES = ("アメリカ", "カナダ", "米国", "日本", "海外", "近く", "この辺")
# Reasons that only back a request ("日本に帰ったので", "英語が読めないので", "もう住んでない").
REINFORCING = (
    *_PLACES,
    *("帰国した", "帰国しました", "帰った", "帰りました", "戻った", "戻りました", "引っ越した", "引っ越しました"),
    *("帰る", "帰国する", "帰国します", "引っ越す", "引っ越します", "ガチで", "ガチ", "がちで"),
    *("住んでない", "住んでいない", "住んでません", "住んでいません", "留学終わって", "留学が終わって"),
    *("英語", "読めない", "読めません", "苦手", "苦手なので", "わかんない", "分かんない", "お店", "店"),
    *("プリーズ", "ぷりーず", "please", "pls", "plz", "次", "次に", "今度", "とか", "前に", "したけど"),
    *("っつってんだろ", "つってんだろ", "って言ってんだろ", "言ってんだろ", "やめないと", "止めないと"),
    *("スパム", "って送ります", "と送ります", "って返信します"),  # "スパムやめて", "STOPって送ります"
    *("承諾なしに", "同意なしに", "許可なく", "許可なしに", "断りなく", "いつになったら"),
    *("鳴る", "鳴って", "鳴るの", "っつってんの", "と返信します", "で返信します", "送信します"),
    *("誰か知らないけど", "誰だか知らないけど", "誰か知らんけど"),
    *("何時", "何時に", "朝", "夜", "来た", "来るの", "何通目"),
    # greetings and openers before the request ("こんにちは、STOPでお願いします", "Hi、unsubscribeして")
    *("hi", "hello", "hey", "こんにちは", "こんばんは", "おはようございます", "はじめまして", "お疲れ様です"),
    *("お世話になっております", "お世話になります", "あの", "あのー", "えっと", "ねえ", "おい", "でも", "thanks"),
    *("ごめんなさい", "悪いけど", "誰", "何これ", "なにこれ", "thankyou", "つか", "ほんっと", "ほんっとに"),
    *("言ってんじゃん", "って言ってんじゃん", "言ってんだけど", "言ってんの"),
    # said before ("何回も言ってるけど", "先週も言いましたが"), a stop already made ("退会済みなので")
    *("言ってるけど", "言ったけど", "言いましたが", "言いましたけど", "前にも", "先週も", "この前も", "以前も"),
    *("退会済み", "解約済み", "解除済み", "停止済み", "配信停止済み"),
    # someone else signed the writer up ("子供が勝手に登録しました")
    *(
        who + "が" + how + done
        for who in ("子供", "息子", "娘", "母", "父", "家族", "夫", "妻", "友達")
        for how in ("", "勝手に", "間違えて", "間違って")
        for done in ("登録した", "登録しました", "登録したみたい", "登録したみたいです")
    ),
    # another channel preferred: "電話のほうがいいので、テキストは止めて"
    *(
        channel + better
        for channel in ("メール", "eメール", "email", "電話", "郵便", "郵送", "line", "アプリ", "手紙", "書面")
        for better in (
            "のほうがいい",
            "の方がいい",
            "がいい",
            "で送って",
            "で十分",
            "でいい",
            "でお願いします",
            "にして",
            "して",
        )
    ),
)
ENDINGS = (
    "するの",
    "すればいい",
    "けれ",
    "てけれ",
    "でしょ",
    "できる",
    "できるの",
    "もらえます",
    "ちくり",
    "くれます",
    "るから",
    "お願いしまっす",
    "頼んます",
    "たのんます",
)
SWITCH = tuple(
    channel + "オンリー" + way
    for channel in ("メール", "eメール", "email", "電話", "郵送", "line")
    for way in ("で", "に")
)
KEPT = ("のほうがいい", "の方がいい", "だけにして", "だけで", "のみで", "オンリー")
# Unease with the texts ("毎日テキスト来るのまじ無理", "最悪"): a complaint only with them.
UNEASY = (
    "きしょい",
    "キショい",
    "無理",
    "むり",
    "ありえない",
    "ありえん",
    "あり得ない",
    "最悪",
    "さいあく",
    "起こされ",
    "起こされた",
    "起こされました",
)
# "うぜー", "しつけー" read short once the stretch goes ("うぜ", "しつけ").
ANNOYED = (
    "うぜ",
    "しつけ",
    "めいわく",
    "非常識すぎ",
    "うざすぎ",
    "ウザすぎ",
    "いい加減にしろ",
    "いいかげんにしろ",
    "いい加減にせえ",
)
AGREED = ("サインアップ", "オプトイン")
# A report to a carrier or regulator ("FCCに報告します"), or one that threatens alone ("スパム報告").
AUTHORITIES = ("fcc", "ftc", "bbb", "キャリア", "携帯会社", "通信会社")
REPORTING = ("苦情入れ", "苦情を入れ", "report")
SPAM_REPORT = ("スパム報告", "スパムとして報告", "スパム認定", "スパム通報", "リポート", "レポート")
# A report made or promised in so many words ("通報済みです", "次来たら訴える").
REPORTED = (
    *("報告済み", "報告済", "通報済み", "通報済", "訴える", "訴えるぞ", "訴えるから", "通報する", "通報するぞ"),
    *("訴えてやる", "通報してやる", "報告してやる", "通報案件", "通報レベル", "ブロる", "ブロります"),
)
WILL = frozenset(
    {
        "済み",
        "するわ",
        "するからな",
        "するよ",
        "するね",
        "するから",
        "するからね",
        "するぞ",
        "しとく",
        "しとくね",
        "しときます",
    }
)
# Restarts in loanwords ("アンストップ", "サブスクライブします"), and what asks for the texts again.
RESUME = (
    *("アンストップ", "unstop", "サブスクライブ", "subscribe", "リスタート", "restart"),
    *(
        "さいかい",
        "さいとうろく",
        "もういちどとうろく",
        "もういっかいとうろく",
    ),  # kana of 再開, 再登録, as romaji reads
)
# Sending or keeping on asked for ("やっぱり続けて", "やっぱ配信して"): with "again" or "after all".
SEND_ASKED = ("続けて", "配信して", "送り続けて", "おくって")
WISHES = frozenset({"もらえますか", "もらえる", "もらえます", "ください", "下さい", "ちょうだい"})
_KIN = "(?:父|母|夫|妻|主人|祖父|祖母|息子|娘|兄|姉|弟|妹)"
# A phone said to be a dead relative's ("亡くなった父のです"): no death told as news.
UNVETOED = rf"亡くなった{_KIN}の(?:です|もの|なので|なんです)"
# The writer's own words insisted on, spoken ("送んなって言ってんじゃん"): no hearsay.
INSISTED = r"って言ってん(?:じゃん|だろ|だけど|の|ですけど)"
# The writer does not know the person named, or the number is wrong ("その人は知りません", "wrong number").
OWNER = (
    r"(?:その|この|そんな|そちらの)(?:人|方|名前|お名前)(?:は|のことは|の事は|とか|なんて)?"
    r"(?:知りません|知らない|知らん|存じ(?:上げ)?ません)"
    r"|(?:^|,)(?:知らない|知らん)(?:人|方)(?:です|だ|ですけど|なんですけど)?(?:よ|ね)?$"
    r"|(?:誰|だれ)[^,]{0,6},(?:その(?:人|方)は?)?(?:知りません|知らない|知らん|存じません)"
    r"|(?:その|あの)(?:人|方)[^,]{0,10}(?:番号|携帯)[^,]{0,3}使って(?:ない|いない|ません|いません)"
    r"|(?:客|顧客|利用者|ユーザー)(?:では|じゃ)(?:ありません|ないです|ございません)(?:よ|けど)?(?:,|$)"
    rf"|(?:本人|{_KIN})(?:は|が)?(?:死亡|他界|逝去)"
    r"|再割り当て|(?:心当たり|身に覚え)(?:が|は)?(?:ありません|ないです|ございません)"
    r"|(?:この)?番号(?:に|を)?(?:変えた|変更した|取った|契約した)ばかり"
    rf"|(?:{_KIN}|その人|その方|本人)(?:は|なら)?もう(?:いません|いない|おりません)|^(?:ここ|うち|こちら)には(?:いません|おりません)"
    r"|(?:番号|携帯|スマホ)(?:だった|でした)(?:けど|が|のですが),?(?:今|いま|現在)(?:は)?[^,]{0,6}?(?:が|で)使って"
    r"|(?:人違い|ひとちがい)(?:です|だよ|ですよ)|^(?:私|わたし|僕|ぼく|俺|おれ)(?:じゃ|では)(?:ない|ありません)(?:です)?(?:よ)?$"
    r"|wrongnumber|ろんぐなんばー|番号(?:が|を)?(?:まちが|間違えて(?:ます|る|い))"
)
# What the texts are, asked in the words of the round ("どこからのテキスト?", "説明して").
HELP = (
    r"日本語で(?:お願い|説明|送って|書いて|ください)|どういう(?:会社|お店|店|団体)"
    r"|どこで(?:私の|この)?(?:番号|連絡先)(?:を)?(?:知|手に入れ)|^(?:誰|だれ|どなた|どちらさま|どちらさん)(?:ですか|でしょうか|なの)?,?$"
    r"|どこからの(?:テキスト|メッセージ|sms|メール|連絡)|^(?:説明|せつめい)して(?:よ|ね)?$|^(?:これ|それ)(?:は|って)?なに(?:,|$)|(?:何|なん)て書いて"
    r"|(?:何|なん|なに|誰|だれ|どこ)の(?:テキスト|text)|この(?:テキスト|text)(?:は|って)(?:何|なん)"
)
# Still sent after a stop ("解除したのにまだ来る", "STOPって送ったのに止まらない"): a complaint.
STILL_SENT = (
    r"(?:停止|解除|退会|拒否|stop|ストップ|キャンセル|unsubscribe)[^,]{0,12}?(?:のに|けど|けれど|はずなのに|はずが)"
    r"[^,]{0,12}?(?:来る|来ます|来てる|来ています|来てます|くる|届く|届きます|届いてる|届いています|届いてます"
    r"|送られてくる|送られてきます|送られてきてる|送ってくる|止まらない|止まりません|とまらない|止まってない|止まっていない)"
)
# A clause of reasons before a request naming the texts ("忙しいのでテキスト止めて"): only backs it.
REASON = r"^[^,]{1,30}?(?:ので|なので|から|ため)(?:,)?"
# A question about a word's meaning ("配信停止ってどういう意味?", "「STOPで停止」って何?") asks nothing.
VETOES = (
    # a thought about how one seems ("しつこいって思われたかな"), one text deleted ("さっきのテキスト消して")
    r"って(?:思われ|思って|思う|思った)|(?:さっきの|今送った|昨日の|この前の)(?:テキスト|メッセージ|sms|メール)[^,]{0,4}(?:消し|削除)",
    r"(?:テキスト|メッセージ|メール|写真|履歴)(?:の|を)?(?:削除|消し)(?:方|かた|方法|の仕方|って)",
    r"(?<!これ)(?<!それ)(?:って|というのは)(?:何|なに|なん|どういう)|(?<![\u3041-\u3096])とは(?:,|$|何|なに|なん)",
    # a loanword stop told as done ("キャンセルしました"), as 解除しました is
    r"(?:キャンセル|アンサブ|リムーブ|デリート|cancel|unsubscribe|remove)(?:した|しました|しといた|しちゃった)"
    r"(?!い|く|ので|から|のに|けど)",
    # an appointment, an order or a booking cancelled ("オーダーキャンセルで", "アポキャンセル")
    r"(?:オーダー|アポ|フライト|ホテル|チケット|シフト|レッスン|ミーティング|ディナー|ランチ|約束|面接|診察)"
    r"(?:の|を|は|も)?(?:キャンセル|cancel|取り消)",
)
