"""Cue stems written by word family rather than from one batch's errors (merged like the other
cue tables, through cue_words_extra.py). For each language, the forms people really type of:

- the verbs of stopping, removing and cancelling, with their conjugations, particles or
  affixes (Tagalog mag-/i-/pa-, Hindi "hatao/hatado", Italian "levatemi", Arabizi "wa2fo");
- the nouns for what is sent (alerts, notifications, subscriptions, ads) and the plural or
  polite second-person send verbs that can only be said to a sender ("schickt mir", "mandatemi");
- negation variants (Hinglish "nhi", Arabizi "msh", Vietnamese "chưa", Chinese "没");
- consent never given ("nunca autoricé", "nie zugestimmt", "登録した覚えはありません");
- a number that no longer belongs to the person, or whose owner died ("non è più di",
  "больше не её", "gehört nicht mehr", "已经去世");
- counting the texts ("la troisième fois", "何回も"), why-words and weariness;
- romanised spellings beside the native script (Arabizi with 2/3/5/7, Hinglish, Russian translit,
  Cantonese and kana readings).

Guards live in the reading rules (cues.py): a stop word needs the messages or the whole message,
a negation needs the messages and a send verb. So a singular "don't send me the photos" is not
covered here, and the plain stop verbs of everyday talk ("stop at the shop", "the meeting ended")
are left out of the kinds that act alone.
"""

from __future__ import annotations

from optout.engine.languages.cue_words_forms_scripts import SCRIPT_FORM_CUES

_LATIN_FORM_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "it": {
        "stop": (
            *("levate", "levatemi", "levami", "levarmi", "revoc", "elimin", "disdic", "interromp"),
            *("sospend", "finitela", "piantatela", "togliete", "depenn", "cancellami"),
        ),
        # Plural imperatives said to a sender, with the clitic: never to a friend.
        "messages": (
            *("notific", "avvis", "comunicazion", "promo", "offert"),
            *("mandatemi", "inviatemi", "scrivetemi", "contattatemi", "mi mandate", "mi scrivete"),
            *("contattat", "contattare", "contattarmi", "iscrizion"),
        ),
        "negation": ("nessun", "neanche", "mai piu", "mai dato", "mai chiesto", "mai autorizzato"),
        "want": (
            "mandat",
            "inviat",
            "scrivet",
            "contatt",
            *("iscrivetemi", "reiscrivetemi", "rimettetemi"),
        ),
        "consent": ("revoco", "acconsent", "mai autorizzato", "mai dato il", "mai iscritt"),
        "wrong": (
            *("non e piu di", "non e piu il", "non e piu mio", "non e piu suo", "non appartiene piu"),
            *("non e piu in uso", "e deceduto", "e deceduta", "defunt"),
        ),
        "channel": ("posta", "lettera"),
        "annoyed": (
            "terza volta",
            "quarta volta",
            "ennesim",
            *("ogni santo giorno", "tutti i santi giorni"),
        ),
        "dismiss": ("piantatela", "finitela", "levatevi dai piedi"),
        "prefer": ("preferirei", "piuttosto"),
        "threat": ("carabinieri", "polizia", "agcom", "segnal"),
        "excess": ("quanti messaggi", "quanti sms", "quante volte", "ogni ora"),
        "filler": ("voi",),
        "again": ("rimettetemi", "rimettermi", "reiscriv", "iscrivetemi", "ricominci"),
        "help": (
            # the apostrophe is dropped: "l'assistenza" reads "lassistenza"
            *("lassistenza", "chi siete", "chi sei", "chi parla", "una domanda", "informazion"),
        ),
    },
    "tl": {
        # mag-, nag-, i-, pa- forms of "send" and "text"
        "want": (
            *("magpadala", "nagpapadala", "ipadala", "pinapadala", "padala", "magsend", "nagsesend"),
            *("magtext", "magte text", "mag text", "i text", "itext", "nagtetext", "magmessage"),
            # to receive, not the past "natanggap"
            *("makatanggap", "matanggap", "tumanggap"),
            *("isali", "isama", "sumali"),
        ),
        "messages": (
            *("mag text", "magtext", "itext", "i text", "alert", "notification", "messages"),
            *("magpadala", "nagpapadala", "magpapadala"),  # actor focus: no object, the texts
        ),
        "wrong": (
            *("iba na may ari", "iba na ang may ari", "wala na po dito", "wala na dito", "hindi na kanya"),
            *("hindi na sa kanya", "hindi na niya", "namatay", "pumanaw", "sumakabilang buhay"),
            *("patay na", "yumao"),
        ),
        "again": (
            "ibalik",
            "balik",
            "ituloy",
            "buksan ulit",
            "i on ulit",
            *("pakibalik", "i resume", "resume"),
        ),
        "help": ("patulong", "pakitulong", "tulungan", "matulungan"),
        "threat": ("irereklamo", "ireklamo", "nirereklamo"),
        "consent": (
            *("nag subscribe", "nagsubscribe", "nag sign up", "nagpa register", "nagparehistro"),
            *("pumapayag", "payag"),
        ),
        "stop": (
            *("ititigil", "titigil", "ihihinto", "matitigil", "tatanggalin", "aalisin"),
            *("paki tanggal", "paki alisin"),
        ),
    },
    "es": {
        "consent": (
            "autoric",
            "nunca acept",
            "nunca di permiso",
            "nunca di mi",
            "nunca me suscrib",
            "nunca me inscrib",
        ),
        "annoyed": ("cuarta vez", "quinta vez", "enesima vez", "otro mensaje"),
    },
    "fr": {
        "consent": ("jamais accepte", "jamais donne", "jamais demande", "jamais inscrit", "jamais abonne"),
        "wrong": (
            *("nest plus celui", "nest plus le numero", "nest plus mon", "nest plus son"),
            *("decede", "est mort", "nous a quitte"),
        ),
        "annoyed": ("deuxieme fois", "troisieme fois", "quatrieme fois", "cinquieme fois", "nieme fois"),
        "stop": ("cesser", "cessez"),
        "again": ("renvoy",),
        "often": (*("tout le temps", "sans cesse", "constamment"),),
        "want": (
            # the clitic joins its verb once the apostrophe goes: "m'écrivez" reads "mecrivez"
            *("mecri", "menvoy", "mtext"),
        ),
    },
    "pt": {
        "annoyed": ("terceira vez", "quarta vez", "enesima vez", "que saco"),
        "wrong": (
            "nao e mais dele",
            "nao e mais dela",
            "nao e mais do",
            "nao e mais da",
            "nao pertence mais",
            "faleceu",
            "falecid",
        ),
        "consent": ("nunca aceitei", "nunca me inscrevi", "nunca assinei"),
    },
    "de": {
        "stop": (
            *("mich da ab", "mich davon ab", "mich hier ab", "tragt mich aus"),
            *("tragen sie mich aus", "nehmt mich raus", "nehmen sie mich raus"),
            "mich ab",
        ),
        # plural or formal "you send me": said to a sender, not to a friend
        "messages": (
            "schickt mir",
            "schicken sie mir",
            "schreibt mir",
            "schreiben sie mir",
            "sendet mir",
            # "tragt mich aus": the verb's particle names the list
            *("mich aus", "mich raus"),
        ),
        "consent": ("zugestimmt", "eingewilligt", "nie angemeldet", "nie registriert", "nicht angemeldet"),
        "wrong": (
            *("gehort nicht mehr", "nicht mehr meine nummer", "nicht mehr die nummer", "nicht mehr seine"),
            *("nicht mehr ihre", "verstorben"),
        ),
        "annoyed": ("zum dritten mal", "zum x ten mal", "zum zehnten mal"),
        "threat": (*("zeige sie an", "zeige euch an", "zeig euch an", "verklag", "polizei"),),
    },
    "pl": {
        "dismiss": ("dajcie mi wreszcie spokoj", "dajcie wreszcie spokoj", "dajcie mi juz spokoj", "zostawcie mnie"),
        "wrong": ("nie nalezy juz", "juz nie nalezy", "nie jest juz", "juz nie jest moj", "zmarl", "nie zyje"),
        "consent": ("nie zgodzil", "nie zgadzal", "nie zapisywal", "nie wyrazal"),
        "annoyed": ("trzeci raz", "kolejny raz", "po raz kolejny"),
        "messages": ("piszecie", "wysylacie", "przysylacie"),
    },
    "ht": {"dismiss": ("kite m trankil", "kite mwen trankil", "kite m anpe")},
    "vi": {
        "negation": ("chua bao gio", "chang"),  # not "chưa" alone: "chưa nhận được mã"
        "wrong": ("khong con la cua", "khong con cua", "khong con la so", "qua doi"),
        "consent": ("chua bao gio dong y", "khong dong y"),
    },
}

# Every language: the Latin-script ones here, the others in cue_words_forms_scripts.py.
FORM_CUES = {**_LATIN_FORM_CUES, **SCRIPT_FORM_CUES}
