"""More cue stems per language, merged into cue_words.py's table (same kinds), and two more kinds:

how: the question words of "how do I unsubscribe?" ("wie", "jak", "kijan", "kaise", "怎么");
self: first-person object pronouns that are never subjects, so that a stop verb followed by one
reads as a request to be removed ("tanggalin na po ako", "wypisz mnie"); Spanish, Portuguese and
Italian attach theirs to the verb ("borrenme"), which cues.py reads from the word's ending.

Stems are matched at the start of a word, accents folded; romanised spellings sit beside the
native script (Russian, Hindi, Arabic), as people type both.
"""

from __future__ import annotations

MORE_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "help": ("quien es", "quien me escribe", "que servicio", "de que se trata"),
        "stop": ("borr", "sacame", "quitame", "darme de baja", "denme de baja", "desapunt"),
        "how": ("como", "que hago", "que tengo que hacer"),
    },
    "fr": {
        "help": ("cest quoi", "vous etes qui", "quel service", "qui mecrit", "de quoi sagit"),
        "stop": ("desabonn", "desinscri", "retir", "radi", "arrete", "arretez"),
        "how": ("comment", "que dois je faire"),
        "self": ("moi",),
        "threat": ("plainte", "cnil", "signal"),
    },
    "pt": {
        "help": ("quem e", "quem esta", "que servico", "do que se trata"),
        "stop": ("deix", "descadastr", "remov", "sair", "exclu", "apag"),
        "messages": ("telemovel", "celular", "mensag", "sms", "lista"),
        "how": ("como", "o que faco"),
        "self": ("me", "mim"),
    },
    "de": {
        "help": ("von wem", "wer schreibt", "was ist das fur", "welcher dienst", "worum geht"),
        "stop": (
            "austrag",
            "abmeld",
            "abbestell",
            "aufhor",
            "hort auf",
            "hoert auf",
            "horen sie auf",
            "hoeren sie auf",
            "losch",
            "loesch",
            "entfern",
            "stopp",
            "schluss",
        ),
        "messages": ("nachricht", "werbe", "sms", "liste", "nummer"),
        "how": ("wie",),
        "self": ("mich",),
        "filler": ("danke", "sehr", "vielen", "dank", "damit", "sofort", "jetzt"),
        "consent": ("einverstandnis", "einwillig", "zustimm"),
        "wrong": ("geirrt", "falsch", "verwechs"),
    },
    "it": {
        "help": ("chi mi scrive", "chi e", "che servizio", "di cosa si tratta"),
        "stop": ("smett", "disiscriv", "cancell", "rimuov", "togli", "basta", "stop"),
        # the send verbs said to the writer, not "mandato" ("la mail che ti ho mandato")
        "messages": (
            *("messagg", "sms", "lista", "mandarmi", "mandate", "mandare", "mandarci", "mandino", "mi mand"),
            *("ci mand", "scrivermi", "scrivete", "scrivere", "mi scriv", "ci scriv"),
        ),
        "how": ("come",),
        "filler": ("grazie", "per favore", "perfavore", "subito", "ora"),
    },
    "pl": {
        "help": ("kto do mnie", "kto pisze", "o co chodzi", "jaka usluga", "co to za"),
        "stop": ("wypis", "przestan", "przestac", "rezygn", "usun", "koniec", "dosc", "stop"),
        "messages": ("wiadomo", "sms", "pisa", "pisz", "list", "numer"),
        "how": ("jak",),
        "filler": ("prosze", "dziekuje", "dzieki", "juz", "z tym", "tym"),
        "self": ("mnie",),
        "channel": ("mail", "email", "telefon"),
    },
    "ht": {
        "help": ("ki moun", "kisa sevis", "kiyes ou ye", "sa sa ye"),
        "stop": ("dezabone", "kanpe", "sispann", "retire", "ase", "stop", "anile"),
        "messages": ("mesaj", "tekst", "sms", "voye", "nimewo", "lis"),
        "how": ("kijan", "kouman", "koman"),
        "filler": ("mesi", "anpil", "tanpri", "konsa", "souple"),
        "self": ("mwen",),
        "negation": ("pa",),
        "want": ("vle", "voye"),
        "channel": ("imel", "email", "rele"),
    },
    "ru": {
        "help": ("кто это", "кто пишет", "что за сервис", "что за услуга", "kto eto", "chto za"),
        "stop": (
            "отпис",
            # plural or formal imperatives: "прекрати смеяться" is said to a person
            "прекратите",
            "прекратить",
            "хватит",
            "перестаньте",
            "перестать",
            "удал",
            "otpis",
            "prekrat",
            "hvatit",
            "khvatit",
            "perestan",
            "udal",
        ),
        "messages": ("пиш", "pish", "смс", "sms", "сообщ", "soobsh", "рассыл", "rassyl", "номер", "nomer"),
        "how": ("как", "kak"),
        "self": ("меня", "мне", "menya", "mne"),
        "negation": ("не", "ne"),
        "want": ("надо", "nado", "нужн", "nuzhn"),
        "wrong": ("не номер", "ne nomer", "сменил", "smenil", "ошиб", "oshib"),
    },
    "vi": {
        "help": ("ai nhan", "ai vay", "dich vu nay", "la gi vay"),
        # Not "dung" or "ngung": folded, dừng (stop) is đừng (don't), and "ngừng mưa" is the rain.
        "stop": ("thoi khoi", "khoi gui", "ngung gui", "dung gui", "dung nhan"),
        "messages": ("tin nhan", "gui", "sms", "nhan tin"),
        "how": ("lam sao", "cach nao", "the nao"),
        "filler": ("di", "cam on", "nhe", "nha", "lai"),
    },
    "tl": {
        "help": ("sino po ito", "sino ito", "anong serbisyo", "ano pong klase", "para saan"),
        "stop": ("tanggalin", "pakitanggal", "tigil", "itigil", "stop", "alisin", "paki alis"),
        "messages": ("text", "mensahe", "listahan", "sms", "number"),
        "how": ("paano", "pano"),
        "self": ("ako",),
    },
    "hi": {
        "help": ("kaun hai", "kon hai", "service kya", "kya hai ye", "कौन है", "क्या सेवा"),
        "stop": (
            "band",
            "nikaal",
            "nikal",
            "hata",
            "mat bhej",
            "mtt bej",
            "mat bej",
            "बंद",
            "हटा",
            "निकाल",
            "रोक",
            "unsubscribe",
        ),
        "messages": ("msg", "sms", "message", "list", "मैसेज", "bhej", "bej", "भेज"),
        "how": ("kaise", "कैसे"),
        "self": ("mujhe", "muje", "मुझे"),
        "threat": ("complaint", "trai", "शिकायत", "shikayat"),
        "channel": ("email", "ईमेल"),
    },
    "ar": {
        "help": ("مين معي", "مين انت", "شو هالخدمه", "ما هي الخدمه", "شو هاد"),
        "stop": ("خلاص", "وقف", "اوقف", "الغ", "khalas", "wa2ef", "bikafi", "بكفي", "كفايه"),
        "messages": ("رسا", "rasayel", "rasa2el", "msg", "sms", "tb3at"),
        "how": ("كيف", "ازاي", "شلون", "kif", "izay"),
        "threat": ("بشتكي", "اشتكي", "شكوى", "هيئة"),
    },
    "zh": {
        "help": ("你们是谁", "你們是誰", "什么服务", "什麼服務", "哪里发的"),
        "stop": ("退定", "不用再发", "不用再發", "别再发", "別再發", "唔好再", "唔好send", "唔使再"),
        # A stop word that says "send" names the messages too ("不用再发了" = no need to send more).
        "messages": ("不用再发", "不用再發", "别再发", "別再發", "唔好再send"),
        "how": ("怎么", "怎麼", "如何", "点样"),
        "threat": ("12315",),
        "wrong": ("搞错", "搞錯", "唔係"),
    },
    "ja": {
        "help": ("どなた", "何のサービス", "誰から"),
        "how": ("どうやって", "どうすれば", "方法"),
    },
    "ko": {
        "help": ("어디서 보내", "무슨 서비스", "누구세요", "누구시죠"),
        "stop": ("보내지 마", "보내지마", "그만", "철회", "사양"),
        "messages": ("문자", "메시지", "광고"),
        "how": ("어떻게",),
        "channel": ("이메일",),
    },
}
