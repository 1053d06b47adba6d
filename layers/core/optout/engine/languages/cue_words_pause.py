"""Cue kinds of the twelfth dev round (cues.py), by word family in every language, merged with the
other cue tables:

pause: verbs of pausing or suspending ("sospendete", "wstrzymać", "pausieren", "приостановите",
"暂停", "一時停止", "일시중지", "tạm dừng", "poze", "علقوا"): with the messages, a request to stop;
alone ("pausé la película", "動画を一時停止") nothing;
enough: "that's enough" as a refusal ("basta così", "wystarczy", "das reicht", "ça suffit", "хватит",
"够了", "됐어요", "đủ rồi", "tama na", "sa ase", "كفاية"): with the messages, or with a refusal in a
short message, a request to stop ("No grazie, basta così"), never "ça suffit pour aujourd'hui";
refuse: "no thanks" ("nein danke", "no grazie", "لا شكرا", "いえ結構", "아니요 괜찮"): a negation with
thanks, so "thanks" alone ("يكفي كيلو واحد شكرا") refuses nothing;
item: one thing people ask to have sent again (a code, a photo, an address, a link): with "again"
it is a resend, neither an opt-in nor a request to stop ("ابعتلي الكود تاني", "gửi lại mã").

More stems of the older kinds, written by family for the weakest languages: Arabic dialect verbs
of stopping and sending (Egyptian "بطلوا", Levantine "بلا", Maghrebi "نحيو", "تصيفطو", Arabizi
"batlo", "ba3d"), Japanese romaji ("iranai", "renraku shinaide", "kaijo") and "送るのやめて", Italian
and Polish imperatives in both forms of address ("piantatela", "finitela", "zaprzestanie",
"spadajcie"), German "lassen Sie das (sein)" and "unterlassen", Haitian "kite m an repo".
"""

from __future__ import annotations

PAUSE_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "pause": ("pausa", "pausen", "pausar", "pauses", "suspend", "pongan en pausa"),
        "enough": ("es suficiente", "con eso basta", "ya basta", "ya estuvo", "ya fue suficiente"),
        "refuse": ("no gracias", "no muchas gracias", "ya no gracias", "no no gracias"),
        "item": ("codigo", "direccion", "foto", "link", "enlace", "factura", "recibo", "ubicacion", "contrasena"),
        "again": ("reenvi", "manda otra vez"),
    },
    "fr": {
        "pause": ("pause", "suspend"),
        "enough": ("ca suffit", "cest assez", "jen ai assez"),
        "refuse": ("non merci", "merci non", "non non merci"),
        "item": ("code", "adresse", "photo", "lien", "facture", "recu", "plan", "document"),
        "again": ("renvoy", "renvoi", "reenvoy"),
    },
    "pt": {
        "pause": ("pausa", "pausem", "pausar", "suspend"),
        "enough": ("ja chega", "chega", "ja deu", "basta"),
        "refuse": ("nao obrigad", "nao valeu", "nao muito obrigad"),
        "item": ("codigo", "endereco", "foto", "link", "boleto", "fatura", "localizacao", "senha"),
        "again": ("reenvi", "manda de novo"),
    },
    "de": {
        "pause": ("pausier", "unterbrech", "aussetz", "ruhen lass", "stilllegen"),
        "enough": ("das reicht", "es reicht", "reicht jetzt", "reicht mir", "genug"),
        "refuse": ("nein danke", "danke nein", "nee danke", "ne danke", "nein vielen dank"),
        "item": ("code", "adresse", "foto", "bild", "link", "rechnung", "beleg", "standort", "passwort"),
        "again": ("noch einmal", "nochmal", "nochmals"),
        "stop": ("unterlass", "verschon"),
        "dismiss": (
            # "lassen Sie das sein", never "lassen Sie das Paket beim Nachbarn"
            *(
                "lassen sie das sein",
                "lassen sie das bitte sein",
                "lass das sein",
                "lasst das sein",
                "lasst das bitte sein",
            ),
            *("lassen sie es sein", "lasst es sein", "verschonen sie mich", "verschont mich"),
        ),
    },
    "it": {
        "pause": ("sospend", "sospension", "pausa", "interromp"),
        "enough": ("basta cosi", "ne ho abbastanza"),
        "refuse": ("no grazie", "no no grazie", "grazie no"),
        "item": ("codice", "indirizzo", "foto", "link", "fattura", "ricevuta", "posizione", "messaggio di prima"),
        "again": ("rinvi", "rimand", "reinvi"),
        # every verb of stopping, both forms of address: "cessate"/"cessi", "fermate", "escludetemi"
        "stop": (
            *("piantatela", "piantala", "finitela", "finiscila", "cessa", "cessi", "cessare", "fermate", "fermatevi"),
            *("fermare linvio", "fermi linvio", "ferma linvio", "esclud", "disdir", "disdett", "blocca", "bloccate"),
        ),
        "messages": ("avvis", "notific", "comunicazion", "promo", "promemoria", "linvio", "invio", "invii"),
        "dismiss": ("fatela finita", "falla finita", "la volete finire", "la vuoi finire", "mi avete stufato"),
    },
    "pl": {
        "pause": ("wstrzym", "zawies", "pauz", "zatrzymaj", "zatrzymajcie"),
        "enough": ("wystarczy", "starczy", "wystarczajaco", "dosc tego", "mam dosc"),
        "refuse": ("nie dziekuje", "nie dzieki", "dziekuje nie", "nie nie dziekuje"),
        "item": ("kod", "adres", "zdjeci", "link", "faktur", "paragon", "lokalizacj", "haslo"),
        # every verb of stopping, with "ty", "wy" and "Pan/Pani" forms ("skreślcie", "zablokujcie", "odpuśćcie")
        "stop": (
            *("zaprzesta", "wylacz", "spadaj", "odczepcie", "odwalcie", "skresl", "zablokuj", "zablokowac"),
            *("odpusc", "wypisz", "wypiszcie", "wypisac", "usuncie", "usunac", "przestancie", "przestanie"),
        ),
        "messages": ("powiadomie", "smsy", "smsow", "smsami", "esemes", "smsek", "komunikat"),
        "again": ("jeszcze raz", "ponownie", "wyslij jeszcze", "wznow", "przywroc", "znowu wysyla"),
        "dismiss": ("spadajcie", "odczepcie sie", "dajcie spokoj", "dajcie mi spokoj"),
    },
    "ht": {
        "pause": ("poze", "pran yon poz", "kanpe pou yon ti tan", "sispann pou yon ti tan"),
        "enough": ("sa ase", "ase konsa", "ase voye", "ase ak", "ase"),
        "refuse": ("non mesi", "mesi non", "non non mesi"),
        "item": ("kod", "adres", "foto", "lyen", "link", "fakti", "resi"),
        "again": ("rekomanse", "voye anko"),
        "dismiss": ("kite m an repo", "kite m anrepo", "kite mwen an repo", "ban m lape"),
    },
    "ru": {
        "pause": ("приостанов", "пауз", "заморо", "prios", "pauz"),
        "enough": ("хватит", "достаточно", "довольно", "hvatit", "khvatit"),
        "refuse": ("нет спасибо", "нет нет спасибо", "net spasibo"),
        "item": ("код", "адрес", "фото", "ссылк", "чек", "счет", "пароль"),
        "again": ("еще раз", "повторно"),
        "dismiss": ("оставьте меня", "оставьте вы меня", "отвяжитесь"),
    },
    "zh": {
        "pause": ("暂停", "暫停", "先停", "停一下", "停一停", "先别发", "先別發"),
        "enough": ("够了", "夠了", "行了", "可以了别"),
        "refuse": ("不用了", "不用谢谢", "不用謝謝", "不需要谢谢", "不需要謝謝"),
        "item": ("验证码", "驗證碼", "地址", "照片", "图片", "圖片", "链接", "鏈接", "定位", "发票", "發票"),
        "again": ("再发一次", "再發一次", "重发", "重發"),
        "dismiss": ("别再烦我", "別再煩我", "别烦我", "別煩我"),
    },
    "ja": {
        "pause": (
            "一時停止",
            "一時的に停止",
            "休止",
            "一旦停止",
            "一旦止め",
            "いったん止め",
            "しばらく止め",
            "ichiji teishi",
            "kyuushi",
            "ichijiteishi",
        ),
        "enough": ("もう結構", "もういいです", "もういい", "十分です", "けっこうです", "mou kekkou", "mou ii"),
        "refuse": ("いえ結構", "いいえ結構", "結構ですので", "いえけっこう", "iie kekkou"),
        "item": (
            "コード",
            "写真",
            "地図",
            "住所",
            "リンク",
            "領収書",
            "画像",
            "もう一度送っ",
            "もう一回送っ",
            "mou ichido",
            "mou ikkai",
        ),
        "again": ("もう一回", "もう一度", "mou ichido", "mou ikkai"),
        # A declined message noun ("案内はもう結構です"), not "それで結構です" (that's fine).
        "stop": (
            *("は結構", "はもう結構", "は不要", "はもう不要", "はいらない", "はもういらない", "は要らない", "いらない"),
            *("送るのやめ", "送るの止め", "拒否", "不要です", "止めてください", "とめてください", "停止希望"),
            *("iranai", "irimasen", "renraku shinaide", "kaijo", "yamete", "teishi", "okuranaide"),
            # 中止, the plain negative imperative "送るな", "連絡不要"; romaji "tomete", "fuyou", "kyohi"
            *("中止", "送るな", "送んな", "連絡するな", "連絡不要", "配信不要", "tomete", "fuyou", "kyohi", "chuushi"),
        ),
        "messages": (
            "通知",
            "連絡",
            "案内",
            "メルマガ",
            "ダイレクトメール",
            "dm",
            "messeeji",
            "meeru",
            "renraku",
            "sms",
            "tsuuchi",
            "haishin",
        ),
        "sent": ("送る", "送信", "受信"),  # what a stop word may name in a message of stop words alone (cues.py)
        "filler": (
            "mou",
            "desu",
            "kudasai",
            "onegaishimasu",
            "shite",
            "ichiji",
            "します",
            "です",
            "ください",
            "下さい",
            "お願いします",
            "もう",
            "を",
            "は",
        ),
        "wrong": ("bangou machigai", "bangou chigai", "machigai bangou", "番号間違", "前の持ち主"),
        "dismiss": ("ほっといて", "放っておいて", "hottoite", "勘弁して", "もう勘弁", "いい加減にして", "kanben shite"),
        "annoyed": ("うざい", "うるさい", "いい加減"),
        "consent": ("覚えない", "覚えがない", "登録した覚え", "同意していない", "同意してない", "許可していない"),
        "threat": ("通報", "tsuuhou"),
    },
    "ko": {
        "pause": ("일시중지", "일시 중지", "잠깐 멈춰", "잠시 멈춰", "잠시 중단", "잠깐 중단", "멈춰주", "멈춰 주"),
        "enough": ("됐어요", "됐습니다", "됐고"),
        "refuse": ("아니요 괜찮", "아니 괜찮", "괜찮습니다 그만", "괜찮아요 그만"),
        "item": ("인증번호", "사진", "주소", "링크", "영수증", "위치", "코드", "파일"),
        "again": ("다시 보내",),
    },
    "vi": {
        "pause": ("tam dung", "tam ngung", "tam ngu"),
        "enough": ("du roi", "du lam roi", "the la du"),
        "refuse": ("khong cam on", "thoi cam on", "khong can dau"),
        "item": (
            "ma xac nhan",
            "ma otp",
            "lai ma",
            "dia chi",
            "hinh anh",
            "tam anh",
            "hinh",
            "link",
            "hoa don",
            "vi tri",
        ),
        "again": ("gui lai",),
    },
    "tl": {
        "pause": ("pause", "ipause", "i pause", "hinto muna", "pakihinto muna", "itigil muna", "tigil muna"),
        "enough": ("tama na", "sapat na", "okay na"),
        "refuse": ("hindi na po salamat", "hindi na salamat", "wag na po salamat", "di na salamat", "salamat na lang"),
        "item": ("code", "pic", "picture", "litrato", "address", "link", "resibo", "location"),
        "again": ("ulit", "pakisend ulit", "send ulit"),
        "stop": ("pakihinto", "ihinto", "hinto", "itigil", "pakitigil"),
        "messages": ("pagtext", "pag text", "pagtetext", "pagmessage"),
    },
    "hi": {
        "pause": ("rok do", "rok de", "रोक दें", "रोक दो"),
        "enough": ("बस कीजिए", "बस करो", "बस करें", "bas karo", "bas kijiye", "bas kro", "bahut ho gaya"),
        "refuse": ("नहीं धन्यवाद", "nahi dhanyavad", "nahi shukriya", "nahi thanks", "no thanks"),
        "item": ("code", "photo", "फोटो", "कोड", "address", "पता", "link", "लिंक", "otp", "location"),
        "again": ("dobara", "फिर से", "phir se", "दोबारा"),
    },
    "ar": {
        "pause": (*("علق", "تعليق", "ايقاف مؤقت", "ايقاف موقت", "موقتا", "eeqaf mo2akat", "mo2akatan"),),
        "enough": ("كفايه", "كفاية", "يكفي", "بكفي", "بركا", "kfaya", "kefaya", "bikaffi", "bas ba2a"),
        "refuse": ("لا شكرا", "لا متشكر", "لا مشكور", "مشكورين بس", "la shokran", "la merci", "la shukran"),
        "item": (
            "الكود",
            "كود",
            "الرمز",
            "رمز",
            "العنوان",
            "الصوره",
            "اللينك",
            "الرابط",
            "الرساله",
            "link",
            "el code",
            "el link",
            "el 3enwan",
        ),
        "again": ("تاني", "ثاني", "مره ثانيه", "مره تانيه", "tani", "tany", "tanii", "كمان مره"),
        "stop": (
            *("بطلو", "بطلوا", "بلا", "نحيو", "نحي", "حيدو", "وقف", "batlo", "batlou", "wa2af", "wa2ef", "wa2fo"),
            *("alghi", "2alghi", "elghi", "shilo", "7bess", "7bs", "ماتبقاوش", "متبعتليش", "متبعتوش", "متبعتش"),
            *("ما تبعت", "ما ترسل", "لا ترسلون", "لا تراسلوني", "لا عاد", "ma tba3at", "ma teb3at"),
            # MSA "أزيلوا", "امسحوا", "كفوا عن"; Maghrebi "ماتصيفطوش", "حيدو"; Arabizi of each
            *("ازيلو", "ازيلوا", "ازاله", "امسحو", "امسحوا", "كفوا عن", "كف عن", "ماتصيفطوش", "متصيفطوش", "حيدوني"),
            *("azilo", "emse7o", "imsa7o", "ma tsifto", "7aydo", "n7iw", "7abso", "wa2fou", "waqfo", "awqifo"),
        ),
        "dismiss": (
            *("ابعدوا عني", "ابعدو عني", "حلوا عني", "حلو عني", "فكوني", "خليوني في التيقار", "خلوني في حالي"),
            *("7elo 3anni", "7ello 3ani", "fokoni", "seebooni", "sibooni", "sibni f 7ali", "ib3edo 3anni"),
        ),
        "messages": (
            *("الميساجات", "ميساجات", "هالرسائل", "هالرسايل", "نمرتي", "رقمي", "القائمه", "تصيفطو", "تبعتولي"),
            *("rasayel", "rasa2el", "msgs", "sms", "ra2mi", "el eshterak", "al ishtirak", "eshterak", "ishtirak"),
            *("teb3atoli", "tba3atli", "teb3atli", "bteb3atoli", "had les sms", "les messages"),
        ),
        "negation": ("mesh", "ma", "ماتبقاوش", "ما بغيتش"),
        # "that's it" reinforces and stops nothing by itself; "مشكور" (thanks) is no negation "مش"
        "filler": ("خلاص", "مشكور", "مشكورين", "متشكر"),
        "want": ("3ayez", "bdi", "abgha", "bghitch", "ابي", "ابغى", "بدي", "عايز", "بغيت", "عاوز", "3awez", "baghi"),
        "wrong": ("ghalat", "mesh ana", "مش لي", "ليس ل", "غلطانين"),
        "consent": ("wafa2t", "ma wafa2t", "موافقتي"),
        "why": ("leh", "lesh", "ليه", "ليش"),
        "often": ("kol yom", "كل يوم", "يوميا"),
    },
}
