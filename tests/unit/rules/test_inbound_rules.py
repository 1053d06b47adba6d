"""The pure inbound rules: what one message does, given the contact on record and the engine's
verdict (no moto: `decide_inbound` reads and writes nothing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout.carriers import InboundMessage
from optout.engine import Action, Decision, Rule, classify
from optout.models import Contact, ContactStatus, Inbox, Reason, WorkspaceSettings
from optout.review import review_id
from optout.rules.inbound import SIX_MONTHS, decide_inbound, engine_settings, requested_action, unstopped_recently

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
T1, T2, T3 = (NOW - timedelta(minutes=m) for m in (30, 20, 10))
PHONE = "+14155550100"
KEY = "inbound#ws_1#+15005550006#twilio#SM1"
INBOX = Inbox(number="+15005550006", workspace_id="ws_1", provider="twilio", created_at=NOW)
SETTINGS = WorkspaceSettings(program_name="Acme")
OPT_OUT_REPLY = SETTINGS.reply(SETTINGS.opt_out_reply)
OPT_IN_REPLY = SETTINGS.reply(SETTINGS.opt_in_reply)
HELP_REPLY = SETTINGS.reply(SETTINGS.help_reply)
CONFIRM_REPLY = SETTINGS.reply(SETTINGS.confirm_reply)


def verdict(action: Action, rule: Rule = Rule.KEYWORD, language: str | None = "en") -> Decision:
    return Decision(
        action=action, rule=rule, match=None, keyword=None, language=language, normalized="x", detail=None
    )


STOP, START = verdict(Action.OPT_OUT), verdict(Action.OPT_IN)
HELP, CONFIRM = verdict(Action.HELP), verdict(Action.CONFIRM, Rule.TYPO)
REVIEW, NOTHING = verdict(Action.REVIEW, Rule.INTENT), verdict(Action.NONE, Rule.NONE)
EXCLUDED = verdict(Action.NONE, Rule.EXCLUSION)


def message(text: str = "STOP", sent_at: datetime | None = None, opt_out_type: str | None = None) -> InboundMessage:
    return InboundMessage(
        provider="twilio",
        message_id="SM1",
        from_number=PHONE,
        to_number=INBOX.number,
        text=text,
        sent_at=sent_at,
        carrier_opt_out_type=opt_out_type,
    )


def contact(status: ContactStatus = ContactStatus.ACTIVE, **extra) -> Contact:
    return Contact(workspace_id="ws_1", phone=PHONE, status=status, created_at=T1, updated_at=T1, version=4, **extra)


def decide(current, decision, msg=None, settings=SETTINGS):
    return decide_inbound(current, msg or message(), decision, INBOX, settings, NOW, phone=PHONE, marker_key=KEY)


ACTIVE, OPTED_OUT, BLOCKED = ContactStatus.ACTIVE, ContactStatus.OPTED_OUT, ContactStatus.BLOCKED


@pytest.mark.parametrize(
    ("name", "current", "decision", "msg", "action", "rule", "reason", "status", "reply"),
    [
        ("unknown contact STOP", None, STOP, None, "opt_out", "keyword", "changed", OPTED_OUT, OPT_OUT_REPLY),
        ("active STOP", contact(), STOP, None, "opt_out", "keyword", "changed", OPTED_OUT, OPT_OUT_REPLY),
        ("redundant STOP", contact(OPTED_OUT), STOP, None, "opt_out", "keyword", "unchanged", None, None),
        ("opted-out START", contact(OPTED_OUT), START, None, "opt_in", "keyword", "changed", ACTIVE, OPT_IN_REPLY),
        ("YES from an active contact", contact(), START, None, "none", "none", "unchanged", None, None),
        ("START from an unknown number", None, START, None, "none", "none", "unchanged", None, None),
        ("blocked STOP", contact(BLOCKED), STOP, None, "none", "blocked", "blocked", None, None),
        ("blocked START", contact(BLOCKED), START, None, "none", "blocked", "blocked", None, None),
        ("blocked, Twilio STOP", contact(BLOCKED), NOTHING, message(opt_out_type="STOP"), "none", "blocked",
         "blocked", None, None),
        ("Twilio STOP the engine missed", contact(), NOTHING, message("ARRET", opt_out_type="STOP"), "opt_out",
         "none", "changed", OPTED_OUT, None),
        ("Twilio START", contact(OPTED_OUT), NOTHING, message("START", opt_out_type="START"), "opt_in", "none",
         "changed", ACTIVE, None),
        ("Twilio HELP", contact(), NOTHING, message("INFO", opt_out_type="HELP"), "help", "none", "help", None, None),
        ("Twilio STOP the engine read too", contact(), STOP, message(opt_out_type="STOP"), "opt_out", "keyword",
         "changed", OPTED_OUT, None),
        ("HELP", contact(), HELP, None, "help", "keyword", "help", None, HELP_REPLY),
        ("a typo asks first", contact(), CONFIRM, None, "confirm", "typo", "confirm", None, CONFIRM_REPLY),
        ("review", contact(), REVIEW, None, "review", "intent", "review", None, None),
        ("nothing asked", contact(), NOTHING, None, "none", "none", "none", None, None),
        ("an exclusion is recorded", None, EXCLUDED, None, "none", "exclusion", "none", None, None),
    ],
)
def test_decide_inbound(name, current, decision, msg, action, rule, reason, status, reply):
    decided = decide(current, decision, msg)
    assert (decided.action.value, decided.rule, decided.reason) == (action, rule, reason)
    assert decided.reply == reply
    assert decided.changed is (status is not None)
    assert decided.marker_fields == {"action": action, "rule": rule, "reply": reply}
    if status is None:
        assert decided.events == ()
    else:
        assert decided.write is not None and decided.write.contact.status is status
        (event,) = decided.events  # one change, one event
        assert event.status is status and event.previous_status is (current.status if current else None)
        assert event.initiator.id == PHONE and event.inbox == INBOX.number and event.message_id == "SM1"
        assert decided.write.expected_version == (current.version if current else None)
    assert decided.keeps_marker is (status is not None or action == "review")


@pytest.mark.parametrize(
    ("decision", "msg", "stores_nothing"),
    [
        (NOTHING, message("hello"), True),  # a retry would do the same: nothing stored
        (EXCLUDED, message("don't stop"), True),
        (HELP, message("HELP"), False),  # its reply goes out once: a marker stops a second one
        (NOTHING, message("INFO", opt_out_type="HELP"), True),  # Twilio answered it; nothing of ours
        (STOP, message(), False),
        (START, message("START"), False),  # even a START that changes nothing leaves its marker
    ],
)
def test_what_a_message_stores(decision, msg, stores_nothing):
    assert decide(contact(), decision, msg).stores_nothing is stores_nothing


def test_a_blocked_contact_stores_nothing_and_stays_blocked():
    decided = decide(contact(BLOCKED), STOP)
    assert decided.stores_nothing and decided.write is None and decided.review is None


@pytest.mark.parametrize(
    ("request_at", "decision", "newer", "outcome"),
    [
        # An opt-out at T2 is on record: a START sent at T1 arrives late and is superseded.
        (T1, START, T2, "superseded"),
        # A START sent after it (T3) applies.
        (T3, START, None, "changed"),
        # Equal stamps say nothing: arrival order wins, so the START applies.
        (T2, START, None, "changed"),
    ],
)
def test_a_stale_start_never_undoes_a_newer_stop(request_at, decision, newer, outcome):
    current = contact(OPTED_OUT, opt_out_requested_at=T2, status_source_at=T2)
    decided = decide(current, decision, message("START", sent_at=request_at))
    assert decided.reason == outcome
    if outcome == "superseded":
        assert (decided.action, decided.rule, decided.reply, decided.events) == (Action.NONE, "superseded", None, ())
        assert decided.consent_request and not decided.stores_nothing  # its marker stops a replay
        assert decided.superseded is not None
        assert decided.superseded.log_fields() == {
            "request": "opt_in",
            "sent_at": request_at.isoformat(),
            "newer_at": newer.isoformat(),
        }
        # The START's time is kept, so an even older STOP is not confused with it.
        assert decided.write is not None and decided.write.contact.opt_in_requested_at == request_at
    else:
        assert decided.superseded is None and decided.write.contact.status is ContactStatus.ACTIVE


def test_a_stale_stop_after_a_newer_start_is_superseded():
    current = contact(ACTIVE, opt_in_requested_at=T2)
    decided = decide(current, STOP, message(sent_at=T1))
    assert decided.reason == "superseded" and decided.superseded.request == "opt_out" and decided.events == ()
    assert decide(current, STOP, message(sent_at=T3)).reason == "changed"


def test_the_consent_event_says_why_and_keeps_the_message():
    intent = verdict(Action.OPT_OUT, Rule.INTENT)
    long_text = "please stop " + "x" * 2000
    decided = decide(contact(), intent, message(long_text, sent_at=T3))
    (event,) = decided.events
    assert event.reason is Reason.INTENT and event.decision["rule"] == "intent"
    assert event.message_text == long_text[:1600]
    assert decided.write.contact.status_source_at == T3  # orders it against later-arriving messages
    assert decide(contact(), verdict(Action.OPT_OUT, Rule.TYPO)).events[0].reason is Reason.FUZZY
    # Twilio's STOP the engine did not read is a keyword opt-out.
    assert decide(contact(), NOTHING, message(opt_out_type="STOP")).events[0].reason is Reason.KEYWORD


def test_a_review_queues_one_item_per_message_and_changes_nothing():
    decided = decide(contact(), REVIEW, message("x" * 2000, sent_at=T3))
    item = decided.review
    assert item is not None and item.id == review_id(KEY) and decided.write is None
    assert (item.phone, item.inbox, item.provider, item.message_id) == (PHONE, INBOX.number, "twilio", "SM1")
    assert len(item.text) == 1600 and item.sent_at == T3 and item.received_at == NOW
    assert item.decision["action"] == "review"
    holding = SETTINGS.model_copy(update={"review_reply": "{program} will get back to you."})
    assert decide(contact(), REVIEW, settings=holding).reply == "Acme will get back to you."


def test_replies_follow_the_contacts_language():
    decided = decide(contact(), verdict(Action.OPT_OUT, language="es"), message("ALTO"))
    assert decided.reply == SETTINGS.for_language("es").reply(SETTINGS.for_language("es").opt_out_reply)
    assert decided.reply != OPT_OUT_REPLY


def test_the_same_message_decided_twice_decides_the_same():
    first, second = decide(contact(), STOP), decide(contact(), STOP)
    assert (first.action, first.rule, first.reply) == (second.action, second.rule, second.reply)
    assert first.write.contact.status == second.write.contact.status
    # Deciding after the first one applied: no second event, no second reply.
    again = decide(first.write.contact, STOP)
    assert again.events == () and again.reply is None


@pytest.mark.parametrize(
    ("opted_in_at", "expected"),
    [
        (None, False),
        (NOW - timedelta(days=1), True),
        (NOW - SIX_MONTHS + timedelta(seconds=1), True),
        (NOW - SIX_MONTHS, False),
        (NOW - timedelta(days=400), False),
    ],
)
def test_six_month_rule(opted_in_at, expected):
    assert unstopped_recently(contact(last_keyword_opt_in_at=opted_in_at), NOW) is expected


def test_six_month_rule_of_an_unknown_contact_and_its_effect_on_an_intent_opt_out():
    assert unstopped_recently(None, NOW) is False
    text = "please stop texting me"
    recent = contact(last_keyword_opt_in_at=NOW - timedelta(days=30))
    long_ago = contact(last_keyword_opt_in_at=NOW - timedelta(days=300))
    for current, action in ((recent, Action.REVIEW), (long_ago, Action.OPT_OUT)):
        engine = classify(text, engine_settings(SETTINGS), unstopped_within_six_months=unstopped_recently(current, NOW))
        assert decide(current, engine, message(text)).action is action


@pytest.mark.parametrize(
    ("opt_out_type", "engine", "expected"),
    [
        (None, Action.HELP, Action.HELP),
        ("STOP", Action.NONE, Action.OPT_OUT),
        ("START", Action.OPT_OUT, Action.OPT_IN),
        ("HELP", Action.NONE, Action.HELP),
        ("UNKNOWN", Action.CONFIRM, Action.CONFIRM),
    ],
)
def test_twilio_opt_out_type_overrides_the_engine(opt_out_type, engine, expected):
    assert requested_action(verdict(engine), opt_out_type) is expected


def test_an_unknown_twilio_type_still_silences_our_reply():
    assert decide(contact(), HELP, message("HELP", opt_out_type="OTHER")).reply is None


def test_engine_settings_carry_the_workspace_options():
    settings = WorkspaceSettings(intent_opt_out=False, opt_out_keywords=["QUIT NOW"], help_keywords=["AYUDA2"])
    mapped = engine_settings(settings)
    assert mapped.intent_enabled is False
    assert mapped.extra_opt_out_keywords == ("QUIT NOW",) and mapped.extra_help_keywords == ("AYUDA2",)
    assert (mapped.typo_mode, mapped.long_message_mode) == (settings.typo_mode.value, settings.long_message_mode.value)
