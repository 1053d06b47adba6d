# ruff: noqa: RUF001, RUF002 - Cyrillic, CJK and other scripts are the point of these tables
"""Cue kinds read as structures in every language (cues.py), merged with the other cue tables:

only: "only" and "just" ("solo", "uniquement", "nur", "tylko", "только", "只", "のみ", "만"): next to
a channel word ("solo por correo", "이메일로만"), a channel switch with no negation said;
who, speak: whom to talk to ("con quién", "an wen", "с кем", "誰に", "누구한테") with a verb of
talking, contacting or asking ("hablar", "wenden", "поговорить", "相談", "문의"): a help request;
i_send: the writer sending something another way ("ti mando solo una email", "メールだけ送っておくね"),
which keeps "only" by a channel word from being a switch;
revoke: verbs of taking back ("zurück", "retiro", "отзываю", "撤回", "取り消", "वापस"), which with a
consent noun withdraw it.

Some languages also get consent nouns and channel words the older tables lacked
("Einverständnis", "सहमति", "ईमेल", "メール").
"""

from __future__ import annotations

STRUCTURE_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "i_send": (
            "te mando",
            "te envio",
            "te escribo",
            "le mando",
            "le envio",
            "les mando",
            "voy a mandar",
            "te lo mando",
        ),
        "only": ("solo", "solamente", "unicamente", "exclusivamente"),
        "who": ("con quien", "a quien"),
        "speak": (
            "hablar",
            "hablo",
            "comunico",
            "comunicarme",
            "contactar",
            "contacto",
            "dirijo",
            "dirigirme",
            "pregunto",
            "preguntar",
            "llamo",
            "acudo",
        ),
        "revoke": ("retiro", "revoco", "anulo"),
        "channel": ("correo electronico", "carta"),
        "help": ("me ayude", "me ayuden", "ayudarme", "alguien que me ayude"),
    },
    "fr": {
        "i_send": ("je tenvoie", "je vous envoie", "je tecris", "je vous ecris", "je tenverrai", "je vous enverrai"),
        "only": ("uniquement", "seulement", "exclusivement"),
        "who": ("a qui", "avec qui"),
        "speak": ("madresser", "adresser", "parler", "contacter", "joindre", "appeler", "demander", "ecrire"),
        "annoyed": ("ca suffit", "cest assez", "y en a marre"),
        "revoke": ("retire", "revoque"),
        "channel": ("courrier", "lettre"),
    },
    "pt": {
        "i_send": ("te mando", "te envio", "vou mandar", "vou te mandar", "te escrevo", "lhe envio"),
        "only": ("so", "somente", "apenas", "exclusivamente"),
        "who": ("com quem", "pra quem", "para quem"),
        "speak": (
            "falo",
            "falar",
            "contatar",
            "contato",
            "ligo",
            "ligar",
            "procurar",
            "procuro",
            "perguntar",
            "pergunto",
            "reclamar",
        ),
        "revoke": ("retiro", "revogo"),
        "channel": ("carta", "correio"),
    },
    "de": {
        "i_send": ("ich schreibe", "ich schicke", "ich sende", "schick dir", "schreib dir", "ich melde mich"),
        "only": ("nur", "ausschliesslich", "lediglich"),
        "who": ("an wen", "mit wem", "wen", "wem"),
        "speak": ("wenden", "sprechen", "kontaktieren", "melden", "anrufen", "fragen"),
        "revoke": ("zuruck", "widerruf", "entzieh"),
        "consent": ("einverstandnis",),
        "channel": ("brief",),
    },
    "it": {
        "i_send": ("ti mando", "ti invio", "ti scrivo", "vi mando", "vi invio", "le mando", "le invio"),
        "only": ("solo", "soltanto", "solamente", "unicamente", "esclusivamente"),
        "who": ("con chi", "a chi"),
        "speak": ("parlare", "parlo", "rivolgermi", "rivolgo", "contattare", "chiamare", "chiedere", "scrivere"),
        "revoke": ("ritiro", "revoco"),
        "dismiss": ("mi lasciate in pace", "mi lasci in pace", "lasciarmi in pace", "mi lasciate stare"),
    },
    "pl": {
        "i_send": ("wysle ci", "wysle wam", "napisze ci", "napisze", "wysle", "przesle"),
        "only": ("tylko", "wylacznie", "jedynie"),
        "who": ("z kim", "do kogo"),
        "speak": (
            "porozmawiac",
            "rozmawiac",
            "zwrocic",
            "kontaktowac",
            "skontaktowac",
            "zadzwonic",
            "napisac",
            "zapytac",
        ),
        "revoke": ("cofam", "wycofuj", "odwoluj"),
        "channel": ("poczt",),
        "dismiss": ("swiety spokoj", "spokoj mi dajcie", "mi spokoj"),
    },
    "ht": {
        "i_send": ("m ap voye", "m a voye", "mwen pral voye", "m pral voye"),
        "only": ("selman", "selma", "senpman"),
        "who": ("ak ki moun", "ki moun", "kiyes", "kiles"),
        "speak": ("pale", "kontakte", "rele", "mande"),
        "revoke": ("retire", "anile"),
        "channel": ("lapos",),
    },
    "ru": {
        "i_send": ("напишу", "отправлю", "пришлю", "скину", "вышлю"),
        "only": ("только", "лишь", "исключительно"),
        "who": ("с кем", "к кому", "кому"),
        "speak": ("поговорить", "обратиться", "обращаться", "связаться", "позвонить", "написать", "спросить"),
        "revoke": ("отзыва", "отзову", "отозва", "забира"),
        "channel": ("электронн", "e mail", "имейл", "емейл"),
    },
    "vi": {
        "i_send": ("toi gui", "em gui", "minh gui", "gui cho ban", "gui ban"),
        "only": ("chi", "thoi"),
        "who": ("voi ai", "hoi ai", "ai"),
        "speak": ("lien he", "lien lac", "hoi"),
        "revoke": ("rut lai", "thu hoi"),
        "channel": ("thu dien tu", "mail"),
    },
    "tl": {
        "i_send": ("isesend ko", "ise send ko", "ipapadala ko", "itetext ko", "ime message ko"),
        "only": ("lang", "lamang"),
        "who": ("sino", "kanino"),
        "speak": ("kausapin", "makausap", "tanungin", "kontakin", "lapitan"),
        "stop": ("paki remove", "pa remove", "paremove", "pakiremove", "paki alis", "pakialis"),
        "messages": ("listahan",),
        "revoke": ("binabawi", "bawiin", "babawiin", "bawi"),
        "channel": ("sulat",),
    },
    "hi": {
        "i_send": ("main bhej", "bhej dunga", "bhej dungi", "bhejta hoon", "bhejti hoon", "मैं भेज", "भेज दूंगा"),
        "only": ("sirf", "keval", "kewal", "केवल", "सिर्फ", "sirf"),
        "who": ("kisse", "kis se", "kisko", "kis ko", "किससे", "किसको"),
        "speak": ("baat", "sampark", "contact", "pooch", "puch", "बात", "संपर्क", "पूछ"),
        "revoke": ("wapas", "vapas", "वापस"),
        "consent": ("सहमति", "sahmati", "sehmati"),
        "channel": ("ईमेल", "ई मेल", "मेल", "chitthi"),
    },
    "ar": {
        "i_send": ("ببعتلك", "راح ارسل", "سارسل", "ح ابعت", "هبعتلك"),
        "only": ("فقط",),
        "who": ("مع من", "مع مين", "لمن", "مين", "من اكلم"),
        "speak": ("اتكلم", "اتواصل", "اكلم", "اتصل", "اسال", "تواصل", "احكي"),
        "revoke": ("اسحب", "سحب"),
        "channel": ("الايميل", "الاميل", "اميل"),
    },
    "zh": {
        "i_send": ("给你", "給你", "给您", "給您", "我发", "我發"),
        "only": ("只用", "只通过", "只透过", "只通過", "只透過", "仅通过", "僅通過", "只"),
        "who": ("找谁", "找誰", "问谁", "問誰", "联系谁", "聯繫誰", "跟谁", "跟誰", "和谁", "和誰"),
        "speak": ("咨询", "諮詢", "联系", "聯繫", "询问", "詢問"),
        "revoke": ("撤回", "撤销", "撤銷", "收回"),
        "messages": ("别再spam", "別再spam", "不要再spam", "别spam", "別spam"),
        "stop": ("别再spam", "別再spam", "不要再spam"),
    },
    "ja": {
        "i_send": ("送っておく", "送っとく", "送るね", "送ります", "送りますね"),
        "only": ("のみ", "だけ"),
        "who": ("誰に", "どなたに", "誰と", "どこに"),
        "speak": ("相談", "問い合わせ", "問合せ", "連絡", "話せ", "聞け", "聞いたら"),
        "revoke": ("取り消", "取消", "撤回"),
        "channel": ("メール",),
    },
    "ko": {
        "i_send": ("드릴게", "보낼게", "보내드릴", "보내 드릴"),
        "only": ("로만", "으로만", "만으로"),
        "who": ("누구한테", "누구에게", "누구와", "누구랑", "어디에", "어디로"),
        "speak": ("문의", "연락해야", "연락하면", "상담", "물어봐야", "물어보면"),
        "revoke": ("철회",),
    },
}
