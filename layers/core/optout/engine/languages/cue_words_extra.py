"""More cue stems, from the errors of the sixth dev batch, merged with the other cue tables
(cues.py): "what do I write so that it stops" as a how-question in each language ("was muss ich
schreiben", "co mam odpisać", "que dois-je répondre"); revocation verbs ("widerrufen");
separable and affixed stop verbs ("hört auf", "pakitigil"); "leave me in peace" in Polish;
"no longer receive" in Chinese; "my agreement" as consent in French; asking for an agent or to
ask a question ("atendente", "pale ak yon moun", "magtanong").
"""

from __future__ import annotations

from optout.engine.languages.cue_words_forms import FORM_CUES

_BATCH6_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {"how": ("que tengo que poner", "que pongo", "que respondo", "que escribo")},
    "fr": {
        "how": ("que dois je repondre", "que dois je ecrire", "quoi repondre", "quoi ecrire"),
        "consent": ("mon accord",),
    },
    "pt": {"how": ("o que eu respondo", "o que respondo", "o que escrevo"), "help": ("atendente", "falar com alguem")},
    "de": {
        "how": ("was muss ich", "was soll ich"),
        "stop": (
            "widerruf",
            "hort auf",
            "hort bitte auf",
            "horen sie auf",
            "horen sie bitte auf",
            "hoert auf",
            "aufhort",
        ),
    },
    "it": {"how": ("cosa devo", "che devo", "cosa scrivo", "cosa rispondo")},
    "pl": {
        "how": ("co mam", "co musze"),
        "stop": ("skonczy", "skoncz"),
        "dismiss": ("w spokoju",),
    },
    "ht": {"how": ("kisa pou m", "kisa m dwe"), "help": ("pale ak yon moun", "pale ak yon ajan")},
    "ru": {"how": ("что написать", "что ответить", "что нужно написать")},
    "tl": {"stop": ("pakitigil", "patigil", "itigil"), "help": ("magtanong", "may tanong")},
    "zh": {"stop": ("不再收到", "不想再收到", "不再接收", "不要再收到"), "how": ("回复什么", "回什么")},
    "ar": {"negation": ("عدم",), "want": ("ارسال",)},
    "vi": {"how": ("phai nhan gi", "nhan gi de"), "help": ("noi chuyen voi nhan vien", "gap nhan vien")},
}


# By word family (the thirteenth dev round): Arabic "this number is no longer mine" in its
# dialect forms; Italian and Polish weariness, a negation after the noun ("gli SMS no"), and the
# perfective Polish stop verbs ("zrezygnować", "wyrejestrować").
_FAMILY_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {
        "wrong": (
            *("ما عاد لي", "ماعاد لي", "ما عاد رقمي", "ما عاد رقمه", "مو رقمي", "مش رقمي", "مو لي", "مش لي"),
            *("مش بتاعي", "مش بتاعه", "لم يعد لي", "لم يعد رقمي", "ليس رقمي", "مو حقي", "مش ملكي", "صار لغيري"),
        )
    },
    "it": {
        "annoyed": ("non ne posso piu", "che palle", "mi avete stufato", "stufat", "scocciat", "mi avete rotto"),
        "negation": ("sms no", "messaggi no", "i messaggi no", "gli sms no"),
    },
    "pl": {
        "stop": ("zrezygn", "wyrejestr", "odsubskryb", "odpisz mnie"),
        "annoyed": ("ile mozna", "mam dosc", "mam juz dosc", "nie wytrzymam"),
        "negation": ("sms nie", "smsy nie", "sms y nie", "wiadomosci nie"),
    },
}


def _merged(*tables: dict[str, dict[str, tuple[str, ...]]]) -> dict[str, dict[str, tuple[str, ...]]]:
    merged: dict[str, dict[str, tuple[str, ...]]] = {}
    for table in tables:
        for code, kinds in table.items():
            into = merged.setdefault(code, {})
            for kind, stems in kinds.items():
                into[kind] = (*into.get(kind, ()), *stems)
    return merged


# The word-family table (cue_words_forms.py) rides with this one into cues.py.
EXTRA_CUES = _merged(_BATCH6_CUES, _FAMILY_CUES, FORM_CUES)
