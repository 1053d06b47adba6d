# ruff: noqa: RUF001 - Cyrillic, CJK and other scripts are the point of these tables
"""Readings that undo an opt-out match, in every language, each written as a word family.

- A joke: the writer takes the request back ("es broma", "scherzavo", "шучу", "开玩笑的").
- A negated stop: "don't stop" asks for more, not less ("no dejen de", "не переставайте",
  "やめないで", "đừng ngừng"). The forms are imperatives: the indicative of a complaint ("no
  dejan de", "nie przestajecie") is not one of them, and forms an indicative shares ("non
  smettete di", "não para de", "pa sispann") count only opening a clause.
- Stopping an activity in Tagalog ("titigil muna ako sa pag-aaral"): "sa pag-" and none of the
  messages.
- One photo, video or voice note said to a friend ("не скидывай мне голосовые", "その写真送らないで"):
  a media noun and none of the messages.
- Another company's service: a cancel word whose object is named ("mi suscripción de Disney+",
  "подписку на Кинопоиск", "how do I cancel my Hulu?"), read from the sentence rather than from a
  list of brands: a capitalised word in mid-sentence right after a subscription noun (or "my", in a
  question), or a plan word ("Abo", "구독", "اشتراك" with a noun after it). Never with the messages
  named, and never a name after a preposition alone, which may be the sender's own.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from optout.engine.normalization import normalize

# Written as typed; normalised once (accents folded, apostrophes dropped) when first needed.
_JOKES = (
    "es broma", "era broma", "es una broma", "estoy bromeando", "bromeo", "brincadeira", "to brincando",
    "tô brincando", "zoeira", "zuera", "scherzavo", "sto scherzando", "stavo scherzando", "era uno scherzo",
    "je rigole", "je blague", "je plaisante", "c'est une blague", "c'était une blague", "nur spaß", "war ein scherz",
    "nur ein scherz", "kleiner scherz", "żartuję", "żartowałem", "żartowałam", "tylko żartuję", "шучу", "пошутил",
    "пошутила", "это шутка", "m ap jwe", "se blag", "mwen t ap jwe", "đùa thôi", "đùa đấy", "giỡn thôi",
    "joke lang", "biro lang", "charot", "char lang", "mazak kar raha", "mazak kar rahi", "mazak tha", "mazaak tha",
    "मज़ाक कर रहा", "मज़ाक था", "मजाक था", "بمزح", "بهزر", "كنت امزح", "امزح معك", "مجرد مزحه",
)  # fmt: skip
_JOKES_UNSPACED = ("开玩笑的", "开个玩笑", "開玩笑的", "開個玩笑", "逗你玩", "冗談です", "冗談だよ", "冗談冗談", "농담이야", "농담이에요", "장난이야", "장난이에요")  # fmt: skip
# Said of the joke, not by it: "no es broma", "это не шутка".
_NOT_A_JOKE = frozenset({"no", "not", "non", "nie", "не", "nao", "pas", "ne", "nicht", "kein", "khong", "hindi", "nahi", "مش", "ليس", "مو"})  # fmt: skip

# "Don't stop" as an imperative: anywhere in the message.
_DONT_STOP = (
    "no dejen de", "no deje de", "no dejes de", "no paren de", "no pares de", "no pare de", "não parem de",
    "não deixem de", "não deixe de", "n'arrêtez pas", "n'arrête pas", "ne cessez pas", "n'arrêtez jamais",
    "hört nicht auf", "hören sie nicht auf", "hör nicht auf", "nicht aufhören", "non smettere di",
    "non smetta di", "nie przestawajcie", "nie przestawaj", "nie przestawajcie wysyłać", "не переставайте",
    "не переставай", "не прекращайте", "не прекращай", "не останавливайте", "đừng ngừng", "đừng dừng",
    "wag itigil", "wag niyo itigil", "wag nyo itigil", "huwag itigil", "huwag niyong itigil", "huwag ninyong itigil",
    "wag tumigil", "wag kayong tumigil", "huwag tumigil", "wag ihinto", "huwag ihinto", "band mat karna",
    "band mat karo", "band mat kijiye", "band mat karein", "बंद मत करो", "बंद मत करना", "बंद मत कीजिए",
    "لا توقفوا", "لا توقف", "لا تتوقفوا", "لا تتوقف", "ما توقفوا",
)  # fmt: skip
# Forms an indicative shares ("perché non smettete di scrivermi?"): only opening a clause.
_DONT_STOP_OPENING = ("non smettete di", "não para de", "pa sispann", "pa kanpe")
_DONT_STOP_UNSPACED = ("やめないで", "止めないで", "停止しないで", "止まらないで", "不要停", "别停", "別停", "끊지말", "멈추지말", "중단하지말", "그만하지말", "끊지마", "멈추지마", "중단하지마")  # fmt: skip

# One photo, video or voice note: what a friend sends, not what a sender's list does.
_MEDIA = (
    "photo", "photos", "pic", "pics", "picture", "pictures", "video", "videos", "vid", "voice note", "voice message",
    "foto", "fotos", "audio", "audios", "nota de voz", "imagen", "imagem", "vidéo", "vocal", "vocaux", "bild",
    "bilder", "sprachnachricht", "vocale", "vocali", "zdjęcie", "zdjęcia", "filmik", "filmiku", "filmiki",
    "nagranie", "głosówki", "zdjęć", "filmików", "nagrań", "nagrania", "głosówek",  # genitives after "nie" "videyo", "фото", "фотку", "фотки", "видео", "голосовые", "голосовое", "картинку",
    "hình", "ảnh đó", "clip", "litrato", "tasveer", "तस्वीर", "फोटो", "वीडियो", "الصوره", "صوره", "الصور",
    "الفيديو", "فيديو", "فويس",
)  # fmt: skip
_MEDIA_UNSPACED = (
    "照片",
    "图片",
    "圖片",
    "视频",
    "視頻",
    "语音",
    "語音",
    "写真",
    "動画",
    "画像",
    "사진",
    "동영상",
    "영상",
)
# The nouns for what a sender's list sends, in every language: the start of a word (spaced
# scripts) or anywhere (unspaced ones). Nouns only: the cue tables' "messages" also hold send verbs.
_MESSAGE_NOUNS = (
    "text", "txt", "sms", "msg", "messag", "mensaj", "msj", "mensag", "mensahe", "texto", "texte", "nachricht",
    "mitteilung", "wiadomo", "mesaj", "teks", "tin nhan", "alert", "notif", "promo", "remind", "recordatorio",
    "lembrete", "aviso", "avvis", "rappel", "erinnerung", "przypomn", "rapel", "offert", "oferta", "ofert",
    "сообщен", "смс", "рассылк", "напомин", "уведомл", "мессидж", "मैसेज", "संदेश", "एसएमएस", "रिमाइंडर",
    "رسا", "مسج", "اشعار", "تنبيه", "تذكير", "اعلان",
)  # fmt: skip
_MESSAGE_NOUNS_UNSPACED = ("短信", "簡訊", "信息", "訊息", "消息", "通知", "推送", "广告", "廣告", "メッセージ", "メール", "配信", "お知らせ", "広告", "문자", "메시지", "알림", "광고")  # fmt: skip

# What a service is subscribed to: followed by its name, it is that service.
_SUBSCRIPTION = (
    "subscription", "membership", "suscripción", "suscripcion", "membresía", "assinatura", "abonnement", "abbonamento",
    "subskrypcję", "subskrypcja", "abonament", "подписку", "подписка", "подписки", "gói", "plan", "plano", "plano da",
)  # fmt: skip
_PREPOSITIONS = frozenset(
    ("from", "of", "to", "on", "at", "sa", "ng", "de", "del", "du", "des", "a", "au", "da", "do", "di", "al", "na", "w", "we", "z", "ze", "od", "в", "на", "от", "из", "bei", "von", "beim", "zu", "khoi", "cua")
)  # fmt: skip
_CANCEL_STEMS = ("cancel", "unsub", "unsubscribe", "anul", "annul", "отмен", "отпис", "huy", "hủy", "résili", "disdic", "disdir")  # fmt: skip
# Contract words: the thing cancelled is a plan, never the texts ("Fitnessstudio-Abo kündigen").
_CONTRACT = frozenset({"abo", "mitgliedschaft", "abonnements"})
_CONTRACT_UNSPACED = (
    "구독",
    "멤버십",
    "프리미엄",
    "요금제",
    "自动续费",
    "自動續費",
    "续费",
    "續費",
    "包月",
    "サブスク",
    "解約",
)
_SUBSCRIBE = "サブスクライブ"  # the verb ("アンサブスクライブして"), not a plan ("サブスク")
_AR_SUBSCRIPTION = "اشتراك"  # without the article, before a noun: "اشتراك شاهد" (not "الغاء الاشتراك")
# A capitalised word in mid-sentence (Latin or Cyrillic): a name, in the languages that do not
# capitalise their nouns.
_NAME = re.compile(r"(?<=[^\s.!?¿¡:;])\s+([A-ZÀ-ÞА-ЯЁ][A-Za-zÀ-ÿА-Яа-яЁё+]*[a-zà-ÿа-яё+][A-Za-zÀ-ÿА-Яа-яЁё+]*)")
_CAPITALISED_NOUNS = frozenset({"de"})


@cache
def _normalised(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalize(word) for word in words))


@cache
def _spaced_pattern(name: str) -> re.Pattern[str]:
    table = {"jokes": _JOKES, "dont_stop": _DONT_STOP, "media": _MEDIA}[name]
    body = "|".join(re.escape(word) for word in sorted(_normalised(table), key=len, reverse=True))
    return re.compile(rf"(?<!\S)(?:{body})(?!\S)")


@cache
def _opening_pattern() -> re.Pattern[str]:
    body = "|".join(re.escape(word) for word in _normalised(_DONT_STOP_OPENING))
    return re.compile(rf"(?:^|,\s)(?:{body})(?!\S)")


def joked(text: str, normalized: str) -> bool:
    """Whether the writer calls the request a joke, in any language; not asked ("¿es broma?") nor
    denied ("no es broma")."""
    compact = normalized.replace(" ", "")
    if any(word in compact for word in _JOKES_UNSPACED):
        return "?" not in text and "？" not in text
    for found in _spaced_pattern("jokes").finditer(normalized):
        before = normalized[: found.start()].split()[-1:]
        if not _NOT_A_JOKE.intersection(before) and not _asked(text, found.group(0).split()[-1]):
            return True
    return False


def _asked(text: str, last: str) -> bool:
    """Whether the word `last` (normalised) ends a question in the original text."""
    return "?" in text and any(word.endswith("?") and normalize(word) == last for word in text.split())


def asks_not_to_stop(normalized: str) -> bool:
    """Whether the message says "don't stop" (the texts, the reminders) as an imperative."""
    compact = normalized.replace(" ", "")
    if any(word in compact for word in _DONT_STOP_UNSPACED):
        return True
    return bool(_spaced_pattern("dont_stop").search(normalized) or _opening_pattern().search(normalized))


def one_media_item(normalized: str) -> bool:
    """Whether the message is about a photo, a video or a voice note and none of the messages."""
    compact = normalized.replace(" ", "")
    if not (any(word in compact for word in _MEDIA_UNSPACED) or _spaced_pattern("media").search(normalized)):
        return False
    return not _names_messages(normalized)


def _names_messages(normalized: str) -> bool:
    """Whether the message names the messages (a noun of _MESSAGE_NOUNS)."""
    if any(noun in normalized for noun in _MESSAGE_NOUNS_UNSPACED):
        return True
    nouns = _normalised(_MESSAGE_NOUNS)
    return any(token.startswith(nouns) for token in normalized.split()) or " tin " in f" {normalized} "


def another_service(text: str, normalized: str, language: str) -> bool:
    """Whether a cancel word is aimed at a named service or a plan, none of the messages named."""
    if _names_messages(normalized):
        return False
    tokens = normalized.split()
    compact = normalized.replace(" ", "").replace(_SUBSCRIBE, "")
    if not _CONTRACT.isdisjoint(tokens) or any(word in compact for word in _CONTRACT_UNSPACED):
        return True
    if _AR_SUBSCRIPTION in tokens:
        after = tokens[tokens.index(_AR_SUBSCRIPTION) + 1 : tokens.index(_AR_SUBSCRIPTION) + 2]
        if after and not after[0].startswith(("ال", "لو", "من", "يا", "رجاء", "ارجو")):
            return True
    if language in _CAPITALISED_NOUNS or not any(token.startswith(_CANCEL_STEMS) for token in tokens):
        return False
    names = {normalize(found.group(1)) for found in _NAME.finditer(text)}
    return bool(names) and _named_after_slot(tokens, names, asked="?" in text or "؟" in text)


def _named_after_slot(tokens: list[str], names: set[str], asked: bool) -> bool:
    """A name right after a subscription noun ("suscripcion de disney"), or after "my" in a question
    ("how do I cancel my Hulu?"). A name after a preposition alone ("how do I unsubscribe from Bella
    Salon?", "unsubscribe me from Bella Salon") may be the sender itself: it stays an opt-out."""
    subscriptions = frozenset(_normalised(_SUBSCRIPTION))
    for i, token in enumerate(tokens[1:], start=1):
        if token not in names:
            continue
        before = tokens[i - 1]
        if before in subscriptions or (i >= 2 and before in _PREPOSITIONS and tokens[i - 2] in subscriptions):
            return True
        if asked and before == "my":
            return True
    return False


def countered(family: str, name: str, text: str, normalized: str, language: str) -> bool:
    """Whether one of the readings above undoes an opt-out match (`family`, `name`: the rule's)."""
    if joked(text, normalized) or asks_not_to_stop(normalized) or another_service(text, normalized, language):
        return True
    if language == "ar" and _arabic_statement(normalized.split()):
        return True
    if language == "tl" and " sa pag" in normalized and not _names_messages(normalized):
        return True  # "titigil muna ako sa pag-aaral": stopping an activity, none of the messages
    about_the_person = family in ("consent", "threat") or "wrong" in name or "consent" in name or "threat" in name
    return not about_the_person and one_media_item(normalized)


_AR_PAST = frozenset({"وقف", "وقفت", "توقف", "توقفت"})  # singular past; "وقفوها" is a request


def _arabic_statement(tokens: list[str]) -> bool:
    """ "الساعة وقفت" (the clock stopped): a noun with the article before a singular stop verb is its
    subject, and the verb a past one; before the messages ("وقف الرسائل") it is a request."""
    for before, token in pairwise(tokens):
        if token in _AR_PAST and before.startswith("ال") and not _names_messages(before):
            return True
    return False
