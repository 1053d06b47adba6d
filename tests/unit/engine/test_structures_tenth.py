# ruff: noqa: RUF001 - Cyrillic, CJK and other scripts are the point of these tables
"""The kinds of the tenth dev batch, read as structures (intent_structures.py, optin_help_structures.py,
counter_readings.py, names_languages.py, languages/cue_words_structures.py): every entry of a table
works in its structure, in every language it is written for, and each structure keeps its guard."""

from __future__ import annotations

import itertools

import pytest

from optout.engine import Action
from optout.engine import intent_structures as st
from optout.engine import optin_help_structures as hs
from tests.unit.engine.table_checks import missing, taken

# --- English opt-outs -------------------------------------------------------------------------


def test_every_ordinal_text_and_period_is_a_complaint() -> None:
    ordinals = ["2nd", "3rd", "5th", "11th", *st.ORDINALS]
    texts = [f"{o} {noun} {period}" for o, noun, period in itertools.product(ordinals, st.SENT_ONE, st.PERIODS)]
    assert missing(texts, Action.OPT_OUT) == []
    guards = ["I sent you the 3rd reminder today", "another reminder today, thanks", "the 3rd street bus today"]
    assert taken(guards, Action.OPT_OUT) == []


def test_not_another_one_of_the_texts() -> None:
    texts = [f"ugh not another {noun}" for noun in st.SENT_ONE] + [
        "not another one of these",
        "omg not another one of your texts",
    ]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["not another word about it", "ugh not another monday"], Action.OPT_OUT) == []


def test_everything_the_texts_do_to_the_writer() -> None:
    texts = [f"{subject} texts are {what}" for subject, what in itertools.product(("your", "these"), st.IRRITATE)]
    texts += [f"these constant alerts are {what}" for what in st.IRRITATE]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["your jokes are too much lol", "these deals are great", "your texts are sweet"], Action.OPT_OUT) == []


@pytest.mark.parametrize("verb", ["tell", "ask", "say", "repeat"])
def test_how_many_times_it_must_be_said(verb: str) -> None:
    texts = [f"how many times do i have to {verb} {who}" for who in ("you", "u people", "you guys", "yall")]
    assert missing(texts, Action.OPT_OUT) == []
    assert (
        taken([f"how many times do i have to {verb} the doctor", "how many times do i take this pill"], Action.OPT_OUT)
        == []
    )


def test_every_idiom_of_stopping_with_the_texts() -> None:
    texts = [f"{idiom} with the {noun}" for idiom, noun in itertools.product(st.IDIOMS, ("texts", "promos", "alerts"))]
    assert missing(texts, Action.OPT_OUT) == []
    # (the dismissal idioms that stand alone, "give it a rest", are intent_everyday.py's)
    assert taken(["cut it out with the jokes", "ease up on the sugar", "lay off the carbs"], Action.OPT_OUT) == []


def test_every_polite_conditional_request() -> None:
    texts = [
        f"{polite} if you {stop} {sending} me"
        for polite, stop, sending in itertools.product(
            st.POLITE, ("stopped", "would stop", "could stop"), ("texting", "messaging")
        )
    ]
    assert missing(texts, Action.OPT_OUT) == []
    assert (
        taken(["it would be great if you could stop by", "id appreciate it if you kept texting me"], Action.OPT_OUT)
        == []
    )


def test_excluded_and_out() -> None:
    texts = ["exclude me", "please exclude my number", "I'd like to be excluded", "keep me excluded from your list"]
    texts += ["no thanks, im out", "nah im out", "nope, i am out"]
    assert missing(texts, Action.OPT_OUT) == []
    guards = [
        "I was excluded from the team",
        "exclude me from the group photo lol",
        "no thanks, im out of town",
        "im out, see you",
    ]
    assert taken(guards, Action.OPT_OUT) == []


def test_never_opted_in_and_signed_up_by_someone() -> None:
    texts = [
        "i never opted in",
        "we never opted into this",
        "i didnt opt in",
        "whoever signed me up did it without asking",
    ]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["i never opted for the extended warranty", "who signed up for the potluck?"], Action.OPT_OUT) == []


def test_every_regulator_and_filing_verb_is_a_threat() -> None:
    texts = [
        f"im {verb} you to the {who}" for verb, who in itertools.product(("reporting", "gonna report"), st.REGULATORS)
    ]
    texts += [f"filing a complaint with the {who}" for who in st.REGULATORS]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["my sister works at the FTC", "the BBB rating is good"], Action.OPT_OUT) == []


def test_a_way_not_to_get_them() -> None:
    texts = [
        f"{opening} way to {neg} {verb} these"
        for opening, neg, verb in itertools.product(
            ("is there a", "any"), ("not", "stop"), ("get", "getting", "receive")
        )
        if not (neg == "not" and verb == "getting")
    ]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["is there a way to not pay shipping", "is there a way to get these in blue"], Action.OPT_OUT) == []


def test_another_way_instead_of_the_texts() -> None:
    texts = [f"whatsapp me instead of {noun}" for noun in st.TEXT_NOUNS]
    texts += [f"take {who} off sms" for who in st.MY_NUMBER]
    texts += ["write to my home address, not on this phone"]
    assert missing(texts, Action.OPT_OUT) == []
    assert taken(["ill call you instead of texting", "lemme call you instead of texting"], Action.OPT_OUT) == []


# --- English help and opt-in ------------------------------------------------------------------


def test_every_live_person_asked_for_is_help() -> None:
    texts = [f"is there a {live} {who} I can talk to" for live, who in itertools.product(hs.LIVE, hs.PEOPLE)]
    assert missing(texts, Action.HELP) == []
    assert taken(["chat to a real person tonight! call now", "she is a real person"], Action.HELP) == []


def test_information_what_to_do_and_what_it_is_about() -> None:
    texts = [f"i need info on my {noun}" for noun in ("order", "account", "bill", "refund", "appointment")]
    texts += ["what do i do if i lost my card", "what should we do about the charge", "whats this text about?"]
    assert missing(texts, Action.HELP) == []


def test_a_change_of_mind_asks_for_the_texts_again() -> None:
    texts = [
        f"{changed}, {keep} texting me"
        for changed, keep in itertools.product(hs.CHANGED, ("keep", "continue", "start"))
    ]
    assert missing(texts, Action.OPT_IN) == []
    assert taken(["changed my mind about dinner", "on second thought keep the blue one"], Action.OPT_IN) == []


# --- other languages ----------------------------------------------------------------------------

ONLY_CHANNEL = [
    "solo por correo, gracias",
    "seulement par courriel merci",
    "somente por email",
    "Bitte nur noch per E-Mail schreiben",
    "tylko przez maila proszę",
    "только на почту",
    "只通过邮件联系",
    "メールのみでお願いします",
    "이메일로만 보내주세요",
    "chỉ qua email thôi",
    "فقط على الايميل لو سمحت",
]


def test_only_next_to_a_channel_is_a_switch_in_every_language() -> None:
    assert missing(ONLY_CHANNEL, Action.OPT_OUT) == []
    # the writer sending something another way, "cancel the email, only that", only the texts
    guards = ["solo te mando un correo luego", "cancela el correo, solo eso", "solo SMS por favor",
              "wyślę ci tylko maila wieczorem", "я напишу только на почту", "我只用邮件发合同给你",
              "メールだけ送っておくね", "이메일로만 보내드릴게요"]  # fmt: skip
    assert taken(guards, Action.OPT_OUT) == []


WHOM = [
    "¿con quién hablo sobre mi factura?",
    "à qui dois-je parler pour ma commande?",
    "com quem eu falo sobre a conta?",
    "An wen kann ich mich wenden?",
    "con chi posso parlare?",
    "z kim mogę porozmawiać o zamówieniu?",
    "с кем можно связаться по поводу заказа?",
    "这个问题找谁咨询？",
    "誰に相談すればいいですか",
    "누구한테 문의해야 하나요?",
    "mình nên liên hệ với ai vậy?",
    "sino po pwede kausapin?",
    "مع مين اتكلم بخصوص الطلب؟",
]


def test_whom_to_talk_to_is_help_in_every_language() -> None:
    assert missing(WHOM, Action.HELP) == []
    # whom someone talked to is conversation
    guards = ["с кем ты поговорил вчера", "¿con quién hablaste ayer?", "con chi sei uscita ieri?", "你跟谁说了？",
              "누구한테 얘기했어?", "sino kausap mo kanina?"]  # fmt: skip
    assert taken(guards, Action.HELP) == []


REVOKED = [
    "Ich ziehe mein Einverständnis zurück",
    "retiro mi consentimiento",
    "revoco il consenso",
    "cofam zgodę",
    "я отзываю согласие",
    "我撤回我的同意",
    "同意を撤回します",
    "동의를 철회합니다",
    "मैं सहमति वापस लेती हूँ",
    "اسحب موافقتي",
]


def test_consent_taken_back_in_every_language() -> None:
    assert missing(REVOKED, Action.OPT_OUT) == []
    assert taken(["Ich komme später zurück, einverstanden?", "ich rufe dich zurück"], Action.OPT_OUT) == []


def test_i_am_not_a_name_in_other_languages() -> None:
    texts = ["Я не Ольга.", "это не Марина, номер мой", "我不是王先生", "no soy Carla, número equivocado", "je ne suis pas Luc",
             "io non sono Marco, avete sbagliato", "não sou o Pedro", "nie jestem Tomkiem, pomyłka"]  # fmt: skip
    assert missing(texts, Action.OPT_OUT) == []
    assert (
        taken(
            [
                "je ne suis pas Canadien de naissance mais",
                "я не Знаю что делать",
                "我不是很懂",
                "non sono sicuro",
                "我不是王老师的学生",
            ],
            Action.OPT_OUT,
        )
        == []
    )


# --- readings that undo an opt-out ----------------------------------------------------------------

JOKES = [
    "dejen de mandarme mensajes, es broma",
    "para de mandar mensagem kkk brincadeira",
    "smettetela di scrivermi, sto scherzando",
    "arrêtez de m'écrire, je rigole",
    "hört auf mir zu schreiben, war nur Spaß",
    "przestańcie pisać, żartuję",
    "хватит писать, шучу",
    "别再发了，开玩笑的",
    "tigilan niyo na ako, joke lang",
    "ngừng nhắn tin đi, đùa thôi",
]


def test_a_request_called_a_joke_is_none_in_every_language() -> None:
    assert taken(JOKES, Action.OPT_OUT) == []
    # asked or denied, the joke takes nothing back
    assert (
        missing(
            ["¿esto es broma? dejen de mandarme mensajes", "no es broma, dejen de mandarme mensajes"], Action.OPT_OUT
        )
        == []
    )


DONT_STOP = [
    "no dejen de mandarme las promos",
    "não parem de mandar as ofertas",
    "n'arrêtez pas les rappels svp",
    "nie przestawajcie wysyłać przypomnień",
    "не переставайте присылать напоминания",
    "đừng ngừng gửi tin nhắn nhé",
    "wag niyo itigil ang mga text",
    "reminder band mat karna",
    "لا توقفوا الرسائل",
    "通知を止めないでください",
    "알림 멈추지 말아 주세요",
]


def test_dont_stop_is_never_an_opt_out_nor_help() -> None:
    assert taken(DONT_STOP, Action.OPT_OUT) == []
    assert taken(DONT_STOP, Action.HELP) == []
    # the indicative of a complaint is not the imperative
    assert (
        missing(["¿por qué no dejan de mandarme mensajes?", "почему вы не перестаёте присылать смс?"], Action.OPT_OUT)
        == []
    )


def test_one_photo_or_voice_note_to_a_friend_is_none() -> None:
    texts = ["no me mandes la foto, no tengo datos", "не скидывай мне видео", "その写真送らないで", "그 사진 보내지 마",
             "mujhe photo mat bhejna", "لا ترسل لي الفيديو", "nie wysyłaj mi zdjęcia"]  # fmt: skip
    assert taken(texts, Action.OPT_OUT) == []
    assert missing(["no me manden más mensajes ni fotos", "не присылайте мне смс и фото"], Action.OPT_OUT) == []


def test_a_named_service_or_a_plan_is_another_service() -> None:
    texts = ["¿cómo cancelo mi suscripción de Max?", "как отменить подписку на Окко?", "paano i-cancel ang subscription sa Viu?",
             "Wie kündige ich mein Handy-Abo?", "넷플릭스 멤버십 해지 어떻게 해요?", "كيف ألغي اشتراك نتفليكس؟",
             "jak anulować subskrypcję w Maxie?"]  # fmt: skip
    assert taken(texts, Action.OPT_OUT) == []
    # the messages named, or the sender asked plainly
    texts = [
        "cancela mi suscripción a sus mensajes",
        "unsubscribe me from Bella Salon",
        "how do I unsubscribe from Bella Salon?",
    ]
    assert missing(texts, Action.OPT_OUT) == []


def test_an_arabic_stop_with_its_subject_is_a_statement() -> None:
    assert taken(["الساعة وقفت", "السيارة توقفت فجأة"], Action.OPT_OUT) == []
    assert missing(["وقفوا الرسائل", "الاعلانات وقفوها"], Action.OPT_OUT) == []


def test_stopping_an_activity_in_tagalog_is_a_statement() -> None:
    assert taken(["titigil muna ako sa pag-aaral", "hihinto na ako sa pagtatrabaho doon"], Action.OPT_OUT) == []
    assert missing(["tigilan niyo na ang pag-text sa akin"], Action.OPT_OUT) == []
