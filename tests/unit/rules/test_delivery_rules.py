"""The pure rules of delivery status: a contact's delivery fields, the consent effect of failures,
and the one write a final outcome makes (no moto: nothing here reads or writes a table)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout.carriers import DeliveryOutcome, classify_failure
from optout.models import Contact, ContactStatus, Inbox, WorkspaceSettings
from optout.rules.delivery import consent_effect, counts_against_number, decide_delivery, delivery_change
from optout.services.delivery import marker_id

T0 = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
ON = WorkspaceSettings(auto_opt_out_on_failed_delivery=True, failed_delivery_threshold=3)
OFF = WorkspaceSettings()


def outcome(
    status: str = "failed", code: str | None = "4702", provider: str = "bandwidth", mid: str = "m1", at=None
):
    return DeliveryOutcome(
        provider=provider,
        message_id=mid,
        recipient="+15551230001",
        inbox="+15005550003",
        status=status,  # type: ignore[arg-type]
        error_code=code if status != "delivered" else None,
        error_text=None,
        failure_class=classify_failure(provider, status, code),
        broadcast_id=None,
        occurred_at=at,
    )


def contact(**fields) -> Contact:
    return Contact(workspace_id="ws_1", phone="+15551230001", created_at=T0, updated_at=T0, **fields)


def apply(current: Contact | None, result: DeliveryOutcome, at: datetime) -> Contact:
    change = delivery_change(current, result, at)
    return (current or contact()).model_copy(update=change.update)


def effect(current, result, at, settings=ON):
    return consent_effect(current, result, delivery_change(current, result, at), settings, at)


def test_failures_count_in_a_row_and_a_delivery_resets_them():
    record = contact()
    for minute in range(2):
        record = apply(record, outcome(), T0 + timedelta(minutes=minute))
    assert record.consecutive_failures == 2 and record.failure_streak_since == T0
    record = apply(record, outcome("delivered", None), T0 + timedelta(minutes=5))
    assert record.consecutive_failures == 0 and record.failure_streak_since is None
    assert record.last_delivered_at == T0 + timedelta(minutes=5) and record.last_delivery.status == "delivered"


def test_a_late_older_delivery_does_not_break_a_newer_run():
    record = apply(contact(), outcome(), T0 + timedelta(minutes=10))
    record = apply(record, outcome("delivered", None), T0)  # sent earlier, reported later
    assert record.consecutive_failures == 1
    assert record.last_delivery.status == "failed"  # the newest outcome stays the last one
    assert record.last_delivered_at == T0


def test_a_failure_older_than_the_last_delivery_or_opt_in_is_not_in_a_row():
    delivered = contact(last_delivered_at=T0)
    assert apply(delivered, outcome(), T0 - timedelta(seconds=1)).consecutive_failures == 0
    opted_in = contact(last_opt_in_at=T0)
    assert apply(opted_in, outcome(), T0 - timedelta(seconds=1)).consecutive_failures == 0
    assert effect(opted_in, outcome(code="4720"), T0 - timedelta(seconds=1)) is None


def test_opting_in_starts_the_count_again():
    record = contact(consecutive_failures=5, failure_streak_since=T0, last_opt_in_at=T0 + timedelta(hours=1))
    after = apply(record, outcome(), T0 + timedelta(hours=2))
    assert after.consecutive_failures == 1 and after.failure_streak_since == T0 + timedelta(hours=2)


def test_sender_and_content_failures_are_not_the_numbers_fault():
    assert counts_against_number(outcome(code="4470")) is False  # Bandwidth campaign problem
    assert counts_against_number(outcome(provider="twilio", code="30007", status="undelivered")) is False
    assert counts_against_number(outcome(code="4702")) is True
    assert counts_against_number(outcome(code=None)) is True  # unknown failures count (as transient)
    assert counts_against_number(outcome("delivered", None)) is False
    assert apply(contact(), outcome(code="4470"), T0).consecutive_failures == 0


@pytest.mark.parametrize(
    ("code", "settings", "expected"),
    [
        ("4775", OFF, ("carrier", "carrier_opt_out")),
        ("4775", ON, ("carrier", "carrier_opt_out")),
        ("4720", ON, ("failed_delivery", "permanent_failure")),
        ("4720", OFF, None),
        ("4702", ON, None),
    ],
)
def test_consent_effect_of_one_failure(code, settings, expected):
    result = effect(contact(), outcome(code=code), T0, settings)
    assert (None if result is None else (result[0].value, result[1])) == expected


def test_transient_failures_opt_out_at_the_threshold_only_when_on():
    two = contact(consecutive_failures=2, failure_streak_since=T0)
    at = T0 + timedelta(minutes=1)
    assert effect(two, outcome(), at)[1] == "consecutive_failures"
    assert effect(two, outcome(), at, OFF) is None
    assert effect(contact(consecutive_failures=1, failure_streak_since=T0), outcome(), at) is None
    # A content failure never tips the count over, even past the threshold.
    assert effect(contact(consecutive_failures=7, failure_streak_since=T0), outcome(code="4470"), at) is None


@pytest.mark.parametrize("status", [ContactStatus.OPTED_OUT, ContactStatus.BLOCKED])
def test_suppressed_contacts_are_left_as_they_are(status):
    assert effect(contact(status=status), outcome(code="4775"), T0) is None


def test_a_new_number_can_be_opted_out_and_deliveries_never_opt_out():
    assert effect(None, outcome(code="4775"), T0)[0].value == "carrier"
    assert effect(contact(), outcome("delivered", None), T0) is None


def test_marker_is_per_workspace_inbox_message_and_recipient_not_per_status():
    inbox = Inbox(number="+15005550003", workspace_id="ws_1", provider="bandwidth", created_at=T0)
    assert marker_id(outcome("delivered", None), inbox) == marker_id(outcome("failed", "4720"), inbox)
    other = DeliveryOutcome(**{**outcome().__dict__, "recipient": "+15551230002"})
    assert marker_id(other, inbox) != marker_id(outcome(), inbox)
    for elsewhere in ({"workspace_id": "ws_2"}, {"number": "+15005550009"}):
        assert marker_id(outcome(), inbox.model_copy(update=elsewhere)) != marker_id(outcome(), inbox)


def test_settings_validate_the_threshold():
    with pytest.raises(ValueError):
        WorkspaceSettings(failed_delivery_threshold=0)
    assert WorkspaceSettings().auto_opt_out_on_failed_delivery is False


def decide(current, result, settings=ON, now=T0):
    return decide_delivery(current, result, settings, workspace_id="ws_1", inbox="+15005550003", phone=PHONE, now=now)


PHONE = "+15551230001"
LATER = T0 + timedelta(minutes=3)


@pytest.mark.parametrize(
    ("current", "result", "opted_out", "status", "expected_version", "failures"),
    [
        # An active contact's carrier opt-out: one write with its delivery fields and its event.
        (contact(version=2), outcome(code="4775", at=LATER), "carrier", ContactStatus.OPTED_OUT, 2, 1),
        # A permanent failure with Auto Opt-Out on; a new number is created opted out.
        (None, outcome(code="4720"), "failed_delivery", ContactStatus.OPTED_OUT, None, 1),
        # A transient failure below the threshold only counts.
        (contact(version=2), outcome(), None, ContactStatus.ACTIVE, 2, 1),
        # An opted-out contact keeps its status and still records the failure.
        (contact(status=ContactStatus.OPTED_OUT, version=5), outcome(code="4775"), None, ContactStatus.OPTED_OUT, 5, 1),
        # A blocked contact stays blocked.
        (contact(status=ContactStatus.BLOCKED, version=1), outcome(code="4720"), None, ContactStatus.BLOCKED, 1, 1),
        # A delivery resets the run.
        (contact(consecutive_failures=2, failure_streak_since=T0, version=2), outcome("delivered", None, at=LATER),
         None, ContactStatus.ACTIVE, 2, 0),
    ],
)
def test_decide_delivery_makes_one_write(current, result, opted_out, status, expected_version, failures):
    decision = decide(current, result)
    write = decision.write
    assert write is not None
    assert (decision.opted_out.value if decision.opted_out else None) == opted_out
    assert write.contact.status is status and write.expected_version == expected_version
    assert write.contact.consecutive_failures == failures
    assert write.contact.last_delivery is not None and write.contact.last_delivery.status == result.status
    assert (write.event is not None) == (opted_out is not None)


def test_an_opt_out_event_says_which_failure_and_when_the_carrier_saw_it():
    decision = decide(contact(), outcome(code="4775", at=LATER), now=LATER + timedelta(seconds=5))
    event = decision.write.event
    assert event.reason.value == "carrier" and event.initiator.id == "delivery:bandwidth"
    assert event.decision["rule"] == "carrier_opt_out" and event.decision["error_code"] == "4775"
    assert event.decision["consecutive_failures"] == 1 and event.inbox == "+15005550003"
    assert event.occurred_at == LATER + timedelta(seconds=5)
    # The carrier's time orders it against the contact's own requests: an older START loses.
    assert decision.write.contact.status_source_at == LATER


def test_a_delivery_to_a_number_that_is_no_contact_writes_nothing():
    assert decide(None, outcome("delivered", None)).write is None
    assert decide(None, outcome("delivered", None)).opted_out is None
    fresh = decide(None, outcome(), OFF).write  # a failure is kept, on a new contact
    assert fresh is not None and fresh.expected_version is None and fresh.event is None
    assert fresh.contact.consecutive_failures == 1


def test_the_outcome_time_falls_back_to_ours():
    write = decide(contact(), outcome(at=None), now=LATER).write
    assert write.contact.last_delivery.at == LATER and write.contact.failure_streak_since == LATER
