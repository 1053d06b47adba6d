"""Cue stems of the eleventh dev round, merged into cue_words.py's table (same kinds): the Arabic
dialects' and Arabizi's verbs of stopping, nouns for the texts, negations and wants, written out
by dialect, and Japanese kana spellings, romaji and the "how" and "again" words of polite requests.

Arabic: Maghrebi "حبس" (stop), "ميساج" (message), "بغيت" (I want), "baraka men" (enough of);
Gulf "ابي", "تشيلون"; Egyptian "هبلغ" (I'll report), the imperative's prefixes ("تشيل", "يساعد").
Arabizi writes the same words in Latin letters with digits for the missing sounds ("wa9fo",
"rassa2el", "badi"). Japanese: the kana of the kanji cues, romaji, and "もう一回" (once more).
"""

from __future__ import annotations

DIALECT_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {
        "stop": (
            *("حبس", "حبسو", "تشيل", "تشيلو", "توقفو", "توقفون", "تحذفو", "تلغو", "تبطلو"),
            *("wa9f", "wa9fo", "wa9fou", "w9fo", "w2fo", "7bso", "7bes", "hbso", "baraka men", "baraka mn"),
            *("bezzaf", "shilo", "shilu", "ilghi", "el8i", "bikafi", "kfaya"),
        ),
        "messages": (
            *("ميساج", "مساج", "ميسج", "رسال", "الرسال"),
            *("rassa2el", "rassayel", "rsa2el", "rsail", "mesajat", "messaget", "les messages", "sms"),
            *("trasl", "tb3atli", "teb3atli", "tb3tli", "tab3atuli", "tb3atuli"),
        ),
        "negation": ("ma", "mish", "mesh", "la", "mashi", "mabghitsh", "مابغيت", "مابغيتش"),
        "want": (
            *("بغيت", "بغينا", "نبغي", "نحب", "بدك", "ابغي", "ابا", "ابى", "ماابغي", "ماابي", "مابغي"),
            *("badi", "bidi", "biddi", "bade", "3ayez", "3ayz", "3awez", "abi", "abgha", "bghit", "n7eb"),
        ),
        "threat": ("هبلغ", "حبلغ", "ببلغ", "سابلغ", "هشتكي", "حشتكي", "habalagh", "hablagh"),
        "help": ("يساعد", "تساعد", "ساعدوني", "ساعدني", "مش فاهم", "مو فاهم", "ما فهمت", "مافهمت"),
        "how": ("ازاي", "ازّاي", "كيفاش", "kifash", "ezay", "shlon"),
    },
    "ja": {
        "stop": (
            *("とめて", "止めて", "やめてください", "とめてください", "ていしして", "かいじょ", "おくらな"),
            *("teishi", "yamete", "tomete", "kaijo", "taikai"),
        ),
        # 退会 (leaving) and 登録解除 name the subscription they end.
        "messages": (
            "はいしん",
            "めっせーじ",
            "めーる",
            "haishin",
            "renraku",
            "れんらく",
            "退会",
            "登録解除",
            "おくらないで",
        ),
        "negation": ("ないで", "naide", "nai"),
        "want": ("おくら", "okura", "欲しい", "ほしい"),
        "again": ("もう一回", "もう1回", "もういっかい", "再び", "saitouroku", "さいとうろく", "再購読", "オンに"),
        "how": ("どうやったら", "どうしたら", "どこから", "どこで", "どないしたら", "どないやったら"),  # Kansai どない
        "help": ("サポート", "お問合せ", "問合せ", "繋いで", "つないで"),
    },
    # Not understanding is a help request whose negation asks for nothing (cue_structures.py).
    "pl": {"help": ("nie rozumiem", "nic nie rozumiem")},
    "ht": {"help": ("pa konprann", "m pa konprann", "pa konpran")},
    "tl": {"help": ("pakipaliwanag", "paliwanag", "ano po ito", "ano ito", "ano po ba ito", "di ko maintindihan")},
    # "re-register me" asks for the texts: read as the wish that "again" needs
    "fr": {"want": ("reinscrivez moi", "reinscris moi", "reabonnez moi", "reabonne moi")},
    "de": {"want": ("melden sie mich", "meldet mich", "melde mich")},
    "it": {"instead": ("invece che", "invece")},
}
