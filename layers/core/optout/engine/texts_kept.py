"""An opt-out of another channel that says the texts may go on, in any supported language.

"stop the emails, texts are fine", "dejen de llamarme, los mensajes sí", "перестаньте звонить,
смс можно": one clause names another channel (email, a newsletter, calls), another clause names
the texts with an approving word and no negation. Such a message is not an opt-out of texts.
The English reader of one clause (scope.py) stays as it is; this one reads clause against
clause, for every language, so it needs a comma (or an ideographic one) between them.
"""

from __future__ import annotations

import re

from optout.engine.transactions import names_a_transaction

# Other channels: words (spaced scripts) and stems (any script).
_CHANNEL = re.compile(
    r"\b(?:e ?mails?|emailing|mails?|mailing|mailowego|maila|maili|mailem|newsletter\w*|correos?|courriels?|imel|"
    r"calls?|calling|robocalls?|llam\w+|appels?|anruf\w*|chiam\w+|dzwon\w*|ligar|ligacoes|lig(?:uem|ue|em)|rele|"
    # the post, and a call: "my mom's address", "flyers", "phone mat karna", "tumawag"
    r"tawag\w*|tumawag|address|flyers?|catalogs?|postcards?|phone (?:mat|na)|"
    r"l?infolettres?|goi dien|goi|звон\w*|рассылк\w*|"
    # an app's own notifications: "wyłączcie powiadomienia w aplikacji", "アプリの通知"
    r"apps?|aplikacj\w*|applicazion\w*|aplicacion\w*|aplicativo|приложени\w*)\b|アプリ|应用|앱|تطبيق|"
    r"邮件|电话|電話|メール|メルマガ|이메일|메일|뉴스레터|전화|بريد|ايميل|تتصل|اتصال|"
    r"الجريد"
)
# The texts themselves.
_TEXTS = re.compile(
    r"\b(?:sms\w*|texts?|texting|txts?|messages?|mensaj\w*|mensage\w*|textos?|teks|messaggi|"
    r"nachrichten|wiadomosci|tin nhan|nhan tin|mesaj|smsy|смс\w*|сообщени\w*|scriv\w*|пиш\w*|напиш\w*|"
    # what the texts carry: reminders and alerts ("continuate a mandarmi i promemoria")
    r"promemoria|reminders?|recordatorios?|lembretes?|rappels?|przypomnien\w*|erinnerung\w*)\b|"
    r"短信|sms|문자|メッセージ|ショートメール|"
    r"رسا[يئ]ل|رسال"
)
# Approving words: "ok", "fine", "keep", "still", "rather".
_APPROVAL = re.compile(
    r"\b(?:ok|okay|fine|good|better|keep|wanted|bien|si|quiero|parfait|va|bon|bene|pode|continuar|"
    r"continue|lieber|pito|chalu|rakho|bhej\w*|duoc|van|moga|sa ok|можно|норм\w*|pode\w*|wole|"
    # "text me instead", "just text", "i like the texts tho", "sirf sms"
    r"instead|just|only|like|can still|sirf|"
    # "instead"-like words: "scrivetemi pure", "лучше пишите", "text na lang", "message kar do"
    r"pure|лучше|na lang|kar do|karo|gard\w*|sim|mejor|melhor|meglio|plutot|mieux|besser|"
    # a plain "write to me" imperative: "scrivetemi per sms", "напишите", "escríbanme"
    r"scrivetemi|scrivimi|пишите|напишите|escribanme|escribeme|ecrivez moi|schreibt mir|piszcie|"
    # "keep them", "let them come", "that's fine": "continuate", "пусть", "zostawcie", "kontinye"
    r"continuate|continuez|continuer|ordnung|passt|weiter\w*|voglio|correct\w*|sigue\w*|sigan|continuen|theek|thik|sahi|chalega|zostaw\w*|kontinye|пусть)\b|خلو|خليها|保留|ください|下さい|"
    r"没关系|就行|继续|照常|照样|大丈夫|続け|(?<![a-z])ok(?![a-z])|계속|주세요|주십시오|عادي|تمام|احسن|افضل|そのまま"
)
_NEGATION = re.compile(
    r"\b(?:no|not|dont|doesnt|didnt|isnt|arent|wasnt|werent|wont|cant|cannot|never|nao|non|ne|nie|pas|nicht|kein\w*|mat|nahi|niente|nada|nunca|stop\w*|"
    r"cancel\w*|unsubscribe|wag|huwag|ayoko|ayaw|band|bas|khong|dung|basta|нет|не)\b|不|别|別|안|말|그만|거부|차단|"
    r"ない|やめ|停止|لا|مو|ما "
)


# "but" turns a sentence as a comma does: "ya no me manden correos pero los mensajes sí".
# Korean joins clauses with the connective -고 ("전화는 그만하고 문자로 연락주세요").
_CONTRAST = re.compile(
    r"\s(?:but|pero|mais|mas|aber|ma|ale|но|\u0430|men|nhung|lekin|magar|lakin|لكن|بس)\s|(?<=[\uac00-\ud7a3]고)\s|"
    r"けど|けれど"
)


def texts_kept(clause_text: str) -> bool:
    """Whether one clause opts out of another channel while another keeps the texts."""
    if "," not in clause_text and _CONTRAST.search(clause_text) is None:
        return False
    parts = _CONTRAST.sub(",", clause_text).split(",")
    kept = [
        i
        for i, part in enumerate(parts)
        if _TEXTS.search(part) and _APPROVAL.search(part) and not _NEGATION.search(part) and not _CHANNEL.search(part)
    ]
    if not kept:
        return False
    # The other clause names a channel, or cancels a transaction ("cancela mi cita, pero sigue mandando los textos").
    return any(_CHANNEL.search(part) or _cancels_a_transaction(part) for i, part in enumerate(parts) if i not in kept)


# Cancel verbs, every language: with a transaction, the clause is about that thing.
_CANCEL = re.compile(
    r"\b(?:cancel\w*|annul\w*|anul\w*|absag\w*|storn\w*|odwol\w*|otmen\w*|отмен\w*|huy|i cancel|kanse\w*"
    # pausing one ("sospendete l'abbonamento", "Abo pausiert", "会員を一時休止")
    r"|paus\w*|sospe\w*|suspen\w*|wstrzym\w*|zawies\w*)\b"
    r"|取消|キャンセル|취소|الغاء|إلغاء|الغوا|الغي|暂停|暫停|休止|一時停止|일시중지|اوقف|وقف"
)


def _cancels_a_transaction(part: str) -> bool:
    return bool(_CANCEL.search(part)) and names_a_transaction(part)
