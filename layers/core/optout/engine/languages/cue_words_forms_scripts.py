# ruff: noqa: RUF001 - Cyrillic, Arabic and other scripts are the point of this table
"""The word-family cue stems (cue_words_forms.py) of the languages written in other scripts:
Arabic (with Arabizi), Hindi (with Hinglish), Russian (with translit), Chinese, Japanese, Korean.
"""

from __future__ import annotations

# Chinese "no more <verb>" with every negator and send verb: they name the messages themselves
# ("不要再傳了"), unlike a bare "别发" ("别发语音" is about a voice note).
_ZH_MORE = tuple(
    neg + verb
    for neg in ("不要再", "别再", "別再", "不用再", "唔好再", "勿再", "不再", "唔使再", "咪再")
    for verb in (
        "发",
        "發",
        "传",
        "傳",
        "寄",
        "send",
        "打扰",
        "打擾",
        "推送",
        "联系",
        "聯繫",
        "联络",
        "聯絡",
        "骚扰",
        "騷擾",
    )
)

SCRIPT_FORM_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {
        "stop": (
            *("اوقفو", "شيلو", "امسح", "احذفو", "حذف", "ازال", "ازيل", "شطب", "بطلو", "بلاش"),
            # Arabizi (2 = hamza, 3 = ain, 5 = kha, 6 = ta, 7 = ha)
            *("wa2af", "wa2f", "waqef", "ba6al", "batal", "battal", "balash", "bala4", "kfaya", "kefaya"),
            *("kifaya", "5alas", "shil", "sheel", "ems7", "imsa7", "e7zef", "i7zif", "elghi", "ilghi"),
        ),
        "messages": (
            *("مراسل", "اعلان", "تنبيه", "اشعار", "الاشعارات"),
            *("rasayel", "rasa2el", "rsayel", "resala", "resayel", "masgat", "msgs", "messages", "ra2m"),
            *("raqm", "rakam", "number", "list", "e3lan"),
            # "from you", and a negated send verb, name what is sent
            *("منكم", "menko", "mnko", "matb3at", "mtb3t", "mtba3t", "ماتبعت", "متبعت", "ماترسل"),
            "matba3t",
        ),
        "negation": (
            "مب",
            "ميش",
            "mesh",
            "msh",
            "mish",
            "mosh",
            "mat",
            "la2",
            # MSA لم/لن/ليس beside the dialects'
            *("لم", "لن", "ليس"),
            "mt",
            *("مابي", "مابغي", "مابدي", "مابدنا"),
        ),
        "want": (
            *("تبعتو", "ابعت", "تبعث", "ترسلو", "ترسلون", "تراسل"),
            *("3ayez", "3ayz", "3awez", "3awz", "3ayza", "bade", "biddi", "baddi", "abgha", "ab3at"),
            *("tb3at", "teb3at", "btb3at", "tersel", "ersal"),
            # the Egyptian ma-...-sh negation joined to the verb ("matb3atleesh", "ماتبعتليش")
            *("matb3at", "mateb3at", "matib3at", "mab3at", "matersel", "matkalem", "ماتبعت", "متبعت", "ماترسل"),
            *("مراسل", "راسل"),
            *("mtb3t", "mtba3t"),
            *("تشغل", "شغلوا", "فعلوا", "تفعل"),
            *("مابي", "مابغي", "مابدي", "مابدنا", "matba3t"),
        ),
        "wrong": (
            *("غلطان", "مش بتاع", "مو لها", "مو له", "مو رقم", "مش رقم", "مش لي", "رقم خطا"),
            *("توفي", "توفت", "متوفي", "المرحوم", "الله يرحم"),
            *("ghalat", "8alat", "ghalta", "msh bta3", "mesh bta3", "mish bta3", "mosh bta3", "mo la"),
            *("msh ana", "mesh ana", "etwafa", "itwafa", "allah yer7am"),
            *("ليس رقم", "ليس رقمي", "انا مش الشخص", "انا مش صاحب", "انا مو الشخص", "انا مو صاحب"),
            *("انا لست", "ana mish", "ana msh", "ana mesh"),
            "ana mosh",
        ),
        "consent": (
            *("وافقت", "ما وافق", "ما اشتركت", "مش مشترك", "ما سجلت", "سجلتوني", "مين سجل", "مين اعطاكم"),
            *("wafe2t", "wafa2t", "mwafe2", "mesh moshtarek", "msh moshtarek"),
            *("اوافق", "وافق", "اشترك", "سجلت"),
        ),
        "why": ("leh", "lesh", "leih", "lih", "lyh"),
        "often": (
            "تاني",
            "tany",
            "tani",
            "kol yom",
            "kol youm",
            "kol shwaya",
            "kol shwya",
            "dayman",
            "3ala tool",
            "كل شويه",
            *("مره ثانيه", "مرة ثانية", "نفس الرسائل", "نفس الرسايل"),
        ),
        "annoyed": (
            *("زهقت", "زهقتوني", "قرفتونا", "قرفت", "طفش", "خنقتوني", "صدعتوني", "حرام عليكم"),
            *("zeh2t", "zah2t", "2araftoona", "7aram 3aleko", "7aram 3alaikom"),
        ),
        "prefer": ("a7san", "ahsan", "faqat"),
        "help": ("يساعد", "تساعد", "ساعدني", "عندي سؤال", "استفسار", "sa3edni", "sa3dni", "mosa3da", "msa3da"),
        "again": (
            "رجعو",
            "ارجعو",
            "رجعني",
            "تاني",
            "مره تانيه",
            "tany",
            "tani",
            "rage3",
            "raga3",
            *("مره ثانيه", "مرة ثانية"),
        ),
        "dismiss": (
            "حلو عني",
            "حلوا عني",
            "sebony",
            "seebony",
            "7elo 3anni",
            *("ابعدوا عني", "ابعد عني", "ابعدو عني", "اتركني", "ابعدوا", "ib3ido 3anni"),
        ),
        "threat": ("hashteki", "shakwa", "ha2adem shakwa"),
        "channel": ("واتساب", "واتس", "الواتس", "تلفون", "تليفون", "اتصلوا", "كلموني", "wats", "whats"),
        "excess": ("كل ساعه", "كل ساعة", "kol sa3a"),
    },
    "ja": {
        # kana spellings of the kanji keywords (half-width kana become these under NFKC)
        "stop": (
            *("はいしんていし", "ハイシンテイシ", "テイシ", "すとっぷ", "お断り", "断ります", "拒否"),
            *("ご遠慮ください", "ご遠慮下さい", "ご遠慮願", "遠慮してください", "遠慮して下さい"),
            *("止ま", "とまら", "必要ありません", "必要ない", "要らない", "いらないです"),
        ),
        "messages": (
            "連絡",
            "通知",
            "案内",
            "ショートメール",
            "ショートメッセージ",
            *("今後の送信", "今後の配信", "今後のご連絡", "今後の連絡"),
        ),
        "negation": ("ないで", "なくて"),
        # not "届": "SMSが届きません" is a delivery problem
        "want": (
            "送っ",
            "送信",
            "登録したい",
            "受け取りたい",
            *("してこない", "送ってこない"),
        ),
        "consent": (
            *("覚えはありません", "覚えがありません", "覚えはない", "覚えがない", "登録していない"),
            *("登録してない", "登録していません", "頼んでない", "頼んでいません", "申し込んでいません"),
            "申し込んでない",
        ),
        "often": ("何回も", "何回", "毎回", "ずっと", "何通も"),
        "wrong": ("別人", "亡くなり", "亡くなっ", "他界", "死去"),
        "dismiss": ("いい加減にして", "関わらないで", "構わないで", "かまわないで"),
        "help": ("教えて", "分からない", "わからない", "困って", "助け", "質問"),
        "annoyed": ("うんざり",),
        "again": ("また届け",),  # "また送って…" only with a wish (cue_structures.py)
    },
    "hi": {
        "stop": (
            *("hatao", "hatado", "hata do", "nikalo", "radd", "रद्द", "हटाइए", "हटाओ"),
            *("band kijiye", "band kar", "बंद कीजिए", "बंद कर"),
            *("delete", "डिलीट", "remove", "रिमूव"),
        ),
        "messages": (
            *("alert", "notification", "मैसेजेस", "सन्देश"),  # not "subscription": Netflix has one
            *("अलर्ट", "नोटिफिकेशन"),
        ),
        # "न" alone would prefix नंबर: the particle is read with its verb
        "negation": ("nhi", "nahin", "nahee", "न भेज", "न करें", "न करे", "नही"),
        "want": (
            *("chaiye", "chahie", "chaahiye", "chaiyee", "चाहता", "चाहती", "chahta", "chahti"),
            *("milna", "milne", "मिलना", "मिलने"),
        ),
        "consent": (
            *("इजाज", "सहमति", "sahmati", "subscribe nahi", "subscribe hi nahi", "subscribe nhi"),
            *("sign up nahi", "register nahi", "maine kabhi", "मैंने कभी"),
        ),
        "wrong": (
            *("ab unka nahi", "ab mera nahi", "ab uska nahi", "ab unki nahi", "unka number nahi"),
            *("ka number nahi", "kisi aur ka", "dusre ka", "number badal", "guzar gaye", "nahi rahe"),
            *("देहांत", "स्वर्गवास", "अब उनका नहीं", "अब मेरा नहीं", "किसी और का", "गुजर गए"),
        ),
        "why": ("kyo",),
        "often": (
            "itna",
            "इतना",
            "har din",
            "हर दिन",
            "roz roz",
            "रोज़",
            # habitual and progressive send: "keep sending"
            *("bhejte ho", "bhejte rehte", "bhej rahe", "bhejte rahte", "bhejte hain", "भेजते हो"),
            *("भेजते रहते", "भेज रहे"),
        ),
        "again": ("wapas", "वापस", "chalu kar", "चालू कर", "dobara"),  # not "chalu rakho": keep on
        "how": ("kaisay", "kese"),
        "help": (
            "help chaiye",
            "help karo",
            "help kar",
            *("kaun ho", "kon ho", "कौन हो"),
        ),
    },
    "ru": {
        "wrong": (
            *("больше не ее", "больше не его", "больше не мой", "не ее номер", "не его номер"),
            *("уже не ее", "уже не его", "номер не тот", "не тот номер", "nomer ne tot", "ne tot nomer"),
            *("oshiblis", "ne moy", "умер", "скончал", "umer"),
        ),
        # "send nothing more": nothing is what is sent. Not the send verbs themselves, which would
        # hide a courier or an order from the transaction guard ("не присылайте курьера")
        "messages": ("уведомл", "рассылк", "спам", "spam", "ничего", "nichego", "эсэмэск"),
        "why": ("зачем", "zachem", "pochemu"),
        "annoyed": ("в который раз", "третий раз", "надоели", "nadoeli", "dostali"),
        "again": (
            "снова",
            "опять",
            "включите",
            "вернуть",
            "верните",
            *("подключ", "обратно"),
        ),
        "threat": ("жалов", "пожалов", "подам в суд", "заявлени"),
        "consent": ("не подписыв", "не подписал", "не подпис"),
        "stop": (
            "отказываюсь",
            "откажусь",
            "otkazyvayus",
            *("uberite", "udalite", "ubrat"),
        ),
        "help": ("вопрос",),
    },
    "zh": {
        "stop": (
            *_ZH_MORE,
            "删掉",
            "刪掉",
            "去掉",
            "拿掉",
            "除名",
            "注销",
            "註銷",
            "拉黑",
            "不要",
        ),
        "messages": (*_ZH_MORE, "订阅", "訂閱", "推送", "通知", "短訊"),
        "wrong": (
            *("去世", "过世", "過世", "往生", "已经不是", "已經不是", "唔係佢", "不是他的", "不是她的"),
            *("换号", "換號"),
            *("换人", "換人", "换主人", "換主人"),
        ),
        "consent": ("没有同意", "沒有同意", "没同意", "沒同意", "没有订阅", "沒有訂閱", "没订阅"),
        "how": ("點樣", "点样", "怎样", "怎樣"),
        "why": ("点解", "點解", "为啥", "為啥", "凭什么", "憑什麼"),
        "often": ("成日", "经常", "經常", "又来", "又來", "又发", "又發", "几条", "幾條"),
        "annoyed": (
            *("谁让你们", "誰讓你們", "谁叫你们", "谁允许你们", "誰允許你們", "哪来的我的号码", "哪來的我的號碼"),
        ),
        "help": ("有个问题", "有個問題", "有问题", "有問題", "问一下", "問一下"),
    },
    "ko": {
        "stop": ("끊어주", "끊어 주", "끊을 수", "끊어요", "끊는"),
        "consent": ("동의한 적 없", "동의한 적이 없", "동의 안 했", "동의하지 않", "가입한 적 없", "신청한 적 없"),
        # the same never-consented endings count as the negation the consent reading needs
        "negation": ("한 적 없", "한 적이 없"),
        "wrong": ("번호 아니", "돌아가셨"),
        "often": ("자주",),
    },
}
