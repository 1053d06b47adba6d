"""More table entries per language, merged into each Language by languages/__init__.py (each
field's tuple is extended): the keywords and filler people type beside the published ones, and
common words for detection (detect.py).

- opt_out: kana spellings of the Japanese keywords (half-width kana become these under NFKC),
  "停止", Arabic "ستوب" (STOP written in Arabic letters), Tagalog "ayaw ko na";
- filler: words that only reinforce a keyword ("stop خلاص يا جماعة", "唔該停", "受信拒否します",
  "band kardo", "stop pozhaluysta");
- words: the romanised forms people type (Arabizi, Hinglish, Russian translit) and everyday words
  of short requests. Only words no other supported language or English uses the same way: one of
  them is a vote for its language.
"""

from __future__ import annotations

MORE: dict[str, dict[str, tuple[str, ...]]] = {
    "ja": {
        "opt_out": ("やめて", "停止", "送信停止", "テイシ", "ていし", "ハイシンテイシ", "はいしんていし"),
        "filler": ("もう", "します", "いたします"),
        # "how do I stop the messages", written as a noun of what is sent, a stop verb and "the way"
        # ("配信を止める方法"), so that "教えてください" after it asks how to stop, not for help
        "phrases": tuple(
            f"{noun}{verb}{way}"
            for noun in ("配信", "通知", "メッセージ", "メール", "sms", "お知らせ", "案内")
            for verb in ("を止める", "を停止する", "を解除する", "停止の", "解除の")
            for way in ("方法", "には", "やり方")
        ),
    },
    # Cantonese please and particles; "help me" as people type it alone
    "zh": {"filler": ("唔該", "唔该", "唔該晒", "唔该晒", "喇", "吖"), "help_phrases": ("帮帮我", "幫幫我")},
    "tl": {"opt_out": ("ayaw ko na",)},
    # the genitive people type alone, as "help!"; "very" and "thanks" around STOP ("STOP dziękuję bardzo")
    "pl": {"help": ("pomocy",), "filler": ("bardzo", "dzieki", "pozdrawiam")},
    "ru": {"filler": ("pozhaluysta", "pozhalujsta", "pojaluysta", "spasibo", "uzhe")},
    "ar": {
        "opt_out": ("ستوب",),
        # "enough", "guys", "now" around a keyword
        "filler": ("خلاص", "يا جماعة", "يا جماعه", "بقى", "بقا", "حالا", "الحين", "هلق", "هلا", "الان", "دحين"),
    },
    "hi": {"filler": ("abhi", "अभी", "kardo", "kar dijiye", "kar dijie", "kr do", "krdo", "कर दीजिए")},
}

_WORDS: dict[str, tuple[str, ...]] = {
    # Arabizi: Egyptian and Levantine words in Latin letters, digits for the missing sounds
    "ar": (
        *("3ayez", "3ayz", "3awez", "mesh", "msh", "mish", "ba2a", "khalas", "5alas", "sama7t"),
        *("sama7to", "rasayel", "rasa2el", "ra2mi", "ra2m", "rakam", "leh", "lesh", "kol", "keda"),
        *("kda", "bta3", "bta3o", "bta3i", "wa2af", "wa2fo", "tany", "tani", "7ad", "3al", "3ala"),
        *("3an", "ma3", "a7san", "yom", "shilo", "yalla", "wallah"),
        # Maghrebi and Gulf Arabizi (the eleventh dev round)
        *("wa9fo", "wa9f", "rassa2el", "rsa2el", "3afak", "bghit", "badi", "bidi", "mnkon", "trasloni", "l3afak"),
        # the twelfth dev round: Egyptian, Levantine and Maghrebi words of short requests
        *("ba3d", "ra2am", "ghalat", "bghitch", "tba3atli", "teb3atoli", "bteb3atoli", "kefaya", "kfaya", "batlo"),
        *("2alghi", "alghi", "eshterak", "ishtirak", "abgha", "7bess", "shokran", "mashkoor", "ab3atli", "ana"),
    ),
    "hi": (
        *("kaise", "kaisa", "honge", "hoga", "karu", "karun", "karna", "karne", "kar", "apni"),
        *("apna", "apne", "hatao", "bhej", "nhi", "nahin", "mere", "meri", "humein", "tumhe"),
        *("aapko", "rahe", "raha", "rahi", "itne", "itna", "kyon", "wapas", "chalu", "dobara"),
        *("yaar", "aaj", "koi", "kabhi", "unka", "unki", "uska", "uski", "iska", "wala", "wali"),
        *("tha", "kro", "chaiye", "chahie", "aaye", "aayega", "bheje", "bhejen", "bhejein", "bhejiye"),
    ),
    "ru": (
        *("nomer", "tot", "menya", "nichego", "spasibo", "eto", "uzhe", "hvatit", "khvatit"),
        *("otpishite", "prisylayte", "soobshcheniya", "soobsheniya", "nado", "pozhalujsta"),
    ),
    "tl": (
        *("wala", "dito", "iba", "ari", "pwede", "bang", "ibalik", "patulong", "nang", "ayoko"),
        *("tigil", "tanggalin", "yan", "yun", "kami", "namin", "natin", "tayo", "nakakainis", "ulit"),
        *("pakihinto", "pagtext", "magtext"),  # not "muna": "stop muna ako sa grocery" is a stop by
    ),
    "pl": (
        *("czemu", "codziennie", "piszecie", "dajcie", "wreszcie", "spokoj", "spokój", "dlaczego"),
        *("ciagle", "ciągle", "wiadomosci", "wiadomości", "smsow", "smsów"),
        *("smsy", "wstrzymajcie", "zawiescie", "zawieście", "powiadomienia", "wznowic", "wznowić"),
    ),
    "pt": ("prefiro", "sem", "saco", "parem", "recebi", "receber", "vcs", "obg", "pausem", "suspendam"),
    # romaji (the twelfth dev round): words only Japanese written in Latin letters has
    "ja": (
        *("desu", "kudasai", "shitai", "shinaide", "onegaishimasu", "bangou", "renraku", "haishin", "teishi"),
        *("kaijo", "yamete", "iranai", "machigai", "kekkou", "okuranaide", "messeeji", "ichiji", "arigatou"),
    ),
    "fr": ("veuillez", "cesser", "envoi", "arretez", "arrêtez"),
    "de": ("habe", "hab", "dem", "auf", "ihr", "euch", "warum", "schreibt", "dauernd", "melde", "zugestimmt", "noch"),
    "it": (
        *("preferisco", "posta", "consenso", "ricevere", "revoco", "favore", "mandatemi", "levatemi", "ha", "hai"),
        *("sbagliato", "sbagliata", "iscritto", "ricevuto", "smettete", "smettetela", "faccio"),
        *("vi", "continuate", "annullate", "chiamo", "segnalo", "iscrizione", "toglietemi", "cancellatemi"),
        *("disiscrivetemi", "rimuovetemi", "nella", "siete", "potete", "ricominciare", "rimettetemi", "iscrivetemi"),
        *("sospendi", "sospendete", "sospendere", "avvisi", "quanti", "messaggi", "mandate", "mettete", "notifiche"),
    ),
}
for _code, _words in _WORDS.items():
    MORE.setdefault(_code, {})["words"] = _words
