# ruff: noqa: RUF001 - Cyrillic and Arabic letters are the point of these tables
"""The word-family tables of the languages besides English (languages/cue_words_forms.py,
languages/tables_more.py): requests are checked as structures (every stop verb or negated send
verb of a language with every noun for what is sent), and the everyday uses of the same words as
rows that must not opt anyone out.
"""

from __future__ import annotations

import itertools

import pytest

from optout.engine import Action, classify
from optout.engine.cues import _KINDS
from optout.engine.detect import detect
from optout.engine.languages import LANGUAGES
from optout.engine.languages.cue_words_forms import FORM_CUES
from optout.engine.normalization import normalize


def _grid(template: str, *columns: list[str]) -> list[str]:
    return [template.format(*row) for row in itertools.product(*columns)]


_AR_NOUNS = ["الرسائل", "الرسايل", "المسجات", "الإعلانات", "الرسائل النصية", "رسائلكم"]
_IT_NOUNS = ["messaggi", "sms", "notifiche", "avvisi", "promozioni", "offerte", "comunicazioni"]
_JA_NOUNS = ["メッセージ", "SMS", "ショートメール", "通知", "お知らせ", "案内", "広告", "配信"]
_HI_NOUNS = ["message", "messages", "msg", "sms", "मैसेज", "संदेश"]
_RU_NOUNS = ["сообщения", "смс", "эсэмэски", "рассылку", "уведомления", "спам"]
_ZH_NOUNS = ["短信", "信息", "消息", "广告", "推送", "簡訊", "訊息"]

# Each structure: every stop verb (or negation with a send verb) with every noun.
STRUCTURES = {
    "ar stop verb + noun": _grid("{} {}", ["أوقفوا", "وقفوا", "بطلوا", "الغوا", "امسحوا", "كفاية", "بلاش"], _AR_NOUNS),
    "ar negation + send verb": _grid(
        "{} {} رسائل", ["لا", "ما", "مش", "مو"], ["ترسلوا لي", "تبعتولي", "ترسلون لي", "تبعتلي"]
    ),
    "it stop verb + noun": _grid(
        "{} {}",
        [
            *("smettete di mandarmi", "smettetela di inviarmi", "basta con", "finitela con", "non mandatemi più"),
            *("non inviatemi più", "non voglio più ricevere", "non desidero più ricevere", "interrompete l'invio di"),
        ],
        _IT_NOUNS,
    ),
    "ja noun + stop verb": _grid(
        "{}を{}",
        _JA_NOUNS,
        ["止めてください", "やめてください", "停止してください", "送らないでください", "解除してください", "やめて"],
    ),
    "ja noun + not needed": _grid("{}は{}", _JA_NOUNS[:4], ["不要です", "いりません", "結構です", "要りません"]),
    "hi noun + stop verb": _grid(
        "{} {}",
        _HI_NOUNS,
        ["band karo", "band kar do", "bhejna band karo", "mat bhejo", "mat bhejiye", "बंद करो", "मत भेजिए"],
    ),
    "ru stop verb + noun": _grid(
        "{} {}",
        [
            *("прекратите присылать", "перестаньте присылать", "хватит присылать", "не присылайте", "не шлите"),
            *("больше не присылайте", "отключите"),
        ],
        _RU_NOUNS,
    ),
    "tl stop verb + noun": _grid(
        "{} na po ang {}", ["itigil", "ihinto", "stop"], ["text", "mga text", "mensahe", "promo", "alerts"]
    ),
    "zh no-more verb + noun": _grid(
        "{}{}", ["不要再发", "别再发", "别发", "停止发送", "不要再给我发", "请不要发", "請不要再傳"], _ZH_NOUNS
    ),
}


@pytest.mark.parametrize("structure", sorted(STRUCTURES))
def test_every_form_of_a_structure_opts_out(structure: str) -> None:
    missed = [text for text in STRUCTURES[structure] if classify(text).action is not Action.OPT_OUT]
    assert missed == []


# One row per kind the word families add, in the languages the test split found weakest.
REQUESTS = [
    ("ar", "matb3atleesh rasayel tany law sama7t"),  # Arabizi ma-...-sh negation on the verb
    ("ar", "leh kol yom rasayel keda"),  # Arabizi why + how often
    ("ar", "الرجاء عدم مراسلتي مرة أخرى"),
    ("ar", "لم أوافق على استقبال هذه الرسائل"),  # MSA negation + consent
    ("ar", "هذا الرقم مو لها بعد الحين"),  # the number is no longer hers
    ("ar", "مش عايز حاجة منكم"),  # nothing from you
    ("en", "stop خلاص يا جماعة"),  # Arabic filler around the English keyword
    ("ar", "ستوب"),
    ("it", "levatemi da sti messaggi"),
    ("it", "revoco il consenso a ricevere sms"),
    ("it", "questo numero non è più di mio marito"),
    ("it", "ma quanti messaggi mandate?"),
    ("it", "chiamo i carabinieri se continuate"),
    ("ja", "ﾊｲｼﾝﾃｲｼ"),  # half-width kana keyword
    ("ja", "こんなの登録した覚えはありません"),
    ("ja", "なんで何回も送ってくるの？"),
    ("ja", "受信拒否します"),
    ("hi", "mujhe aapke ye messages nhi chahiye"),
    ("hi", "मेरा नंबर हटाइए"),  # न would have negated the stop verb through नंबर
    ("hi", "maine subscribe hi nahi kiya tha"),
    ("hi", "ye number ab unka nahi hai"),
    ("hi", "aap log message kyu bhejte ho"),
    ("ru", "это больше не её номер"),
    ("ru", "bolshe ne prisylayte nichego pozhaluysta"),
    ("ru", "я не подписывался на это"),
    ("ru", "перестаньте присылать эсэмэски"),
    ("tl", "huwag nang magpadala"),
    ("tl", "wala na po dito si Jun, iba na may ari ng number"),
    ("tl", "hindi ako nag-subscribe dito"),
    ("zh", "不要再傳了"),
    ("zh", "把我的号码从名单里删掉"),
    ("zh", "这个号码的主人已经去世了"),
    ("zh", "唔該停"),
    ("fr", "je n'ai jamais accepté de recevoir ça"),
    ("de", "schickt mir nichts mehr"),
    ("de", "diese Nummer gehört nicht mehr meiner Mutter"),
    ("de", "Mein Einverständnis für Werbenachrichten gilt ab sofort nicht mehr"),  # "ab" is no Hindi
    ("pl", "ten numer nie należy już do mojego brata"),
    ("ko", "동의한 적 없어요"),
    ("vi", "tôi chưa bao giờ đồng ý"),
]


@pytest.mark.parametrize(("language", "text"), REQUESTS)
def test_word_family_requests_opt_out(language: str, text: str) -> None:
    decision = classify(text)
    assert decision.action is Action.OPT_OUT, decision.detail
    assert decision.language == language


# Everyday uses of the same words: a delivery problem, the rain, the shop, a singular "you".
EVERYDAY = [
    "أبغى أرجع أستقبل تنبيهات المواعيد",  # مو opens المواعيد: no negation there
    "كل يوم بروح الشغل بدري",
    "non ho ricevuto il messaggio di conferma",
    "ho sbagliato strada",
    "cancella la mail che ti ho mandato prima",
    "確認のSMSが届きません",
    "毎日暑いですね",
    "お酒はやめてください",
    "darwaza band kar do",
    "mujhe chai nahi chahiye",
    "subscription cancel karna hai netflix ka, sms chalu rakho",
    "Diwali sale! 50% off. Band karne ke liye STOP likh kar bheje",
    "я не получил смс с кодом",
    "не могу войти, код не приходит",
    "Аптека: скидка 15% до пятницы. Отказ от рассылки — STOP",
    "hindi ko natanggap yung text",
    "tanggal na ako sa trabaho",
    "ayaw ko na ng kanin",
    "itigil mo na yang pag-inom mo",
    "每天都很忙",
    "przestało padać",
    "не присылайте курьера до обеда",  # a courier: the transaction guard still sees it
    "再发一次验证码",  # send the code again: no opt-in
    "pourquoi tu m'écris pas?",
    "mwen pa konnen",  # "I don't know", not "I don't know you"
    "ogni giorno mi alleno",
    "удалите мой старый адрес и оставьте новый",
    "прекрати смеяться",  # singular: said to a person
    "перестань опаздывать",
    "anulowałem spotkanie",
    "tôi chưa nhận được mã",
    "hủy đơn hàng giúp tôi",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_uses_are_no_opt_out(text: str) -> None:
    decision = classify(text)
    assert decision.action is not Action.OPT_OUT, decision.detail


# Another channel stopped while the texts are kept, with each language's "keep" or "but".
TEXTS_KEPT = [
    "annullate solo le chiamate, gli sms li voglio",
    "disiscrivetemi dalla newsletter ma continuate con gli sms",
    "retirez-moi de l'infolettre, les textos c'est correct",
    "wypiszcie mnie z newslettera ale sms zostawcie",
    "звонки не нужны, а смс пусть приходят",
    "メルマガは解除してほしいけどSMSは続けてください",
    "電話はやめてほしいです、SMSで連絡ください",
    "邮件退订，短信保留",
    "메일은 그만 보내시고 문자는 계속 받을게요",
    "الغوا اشتراكي في الجريدة بس خلوا الرسايل",
]


@pytest.mark.parametrize("text", TEXTS_KEPT)
def test_texts_kept_in_other_languages(text: str) -> None:
    assert classify(text).action is Action.NONE


# Opt-ins and help asked in each language's words.
OPT_IN_AND_HELP = [
    ("ممكن تشغلوا التنبيهات مرة تانية", Action.OPT_IN),  # "again" with a turn-on verb, no complaint
    ("potete ricominciare a mandarmi gli avvisi?", Action.OPT_IN),
    ("iscrivetemi di nuovo", Action.OPT_IN),
    ("また通知を受け取りたいです", Action.OPT_IN),
    ("подключите рассылку обратно", Action.OPT_IN),
    ("pakibalik po ang text alerts ko", Action.OPT_IN),
    ("renvoyez-moi les alertes", Action.OPT_IN),
    ("come posso contattare l'assistenza?", Action.HELP),
    ("質問があります", Action.HELP),
    ("aap kaun ho?", Action.HELP),
    ("у меня вопрос по счёту", Action.HELP),
    ("我有个问题", Action.HELP),
]


@pytest.mark.parametrize(("text", "action"), OPT_IN_AND_HELP)
def test_opt_in_and_help_in_other_languages(text: str, action: Action) -> None:
    decision = classify(text)
    assert decision.action is action, decision.detail


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("shilo ra2mi mn el list", "ar"),  # Arabizi
        ("ya ne Sergey, nomer ne tot", "ru"),  # translit
        ("itne message kyu bhej rahe ho", "hi"),  # Hinglish
        ("alerts wapas chalu kar do please", "hi"),
        ("czemu codziennie piszecie?", "pl"),
        ("prefiro email, sem sms", "pt"),
        ("veuillez cesser l'envoi de sms", "fr"),
    ],
)
def test_romanised_and_plain_words_name_the_language(text: str, language: str) -> None:
    normalized = normalize(text)
    assert detect(normalized, normalized.split()) == language


def test_word_family_table_uses_known_kinds_and_languages() -> None:
    for code, kinds in FORM_CUES.items():
        assert code in LANGUAGES
        assert set(kinds) <= set(_KINDS), code
        for kind, stems in kinds.items():
            # a one-letter Latin stem would prefix half the words of a message
            assert all(stem and not (len(stem) == 1 and stem.isascii()) for stem in stems), (code, kind)
            assert all(normalize(stem) for stem in stems), (code, kind)
