"""Input that used to answer 5xx: every case here is the caller's fault, so it gets a 4xx JSON error."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from local_stack import lambdas
from local_stack.routing import template_router
from optout import repository
from optout.models import Role
from optout.services import accounts

A = "+14155550100"
B = "+14155550101"


def assert_error(status: int, body: Any, expected: int | tuple[int, ...], code: str | None = None) -> None:
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert status in allowed, body
    assert set(body) == {"error"} and {"code", "message", "details"} <= set(body["error"]), body
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body


def raw_request(
    method: str, path: str, *, key: str, body: str | None, headers: dict[str, str], is_base64: bool = False
) -> tuple[int, Any]:
    """A request whose body is sent exactly as given (the Api fixture always sends JSON text)."""
    resolution = template_router().resolve(method, path)
    route = resolution.route
    if route is None or resolution.resource is None:
        raise AssertionError(f"no route for {method} {path}")
    event = lambdas.api_gateway_event(
        method=method,
        resource=resolution.resource,
        path=path,
        path_parameters=resolution.params,
        headers={"Authorization": f"Bearer {key}", **headers},
        body=body,
        is_base64=is_base64,
    )
    response = lambdas.load_handler(route.function)(event, lambdas.LambdaContext(route.function.logical_id))
    return response["statusCode"], lambdas.response_body(response)


JSON = {"Content-Type": "application/json"}


def cursor(state: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")


# --- request bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "multipart/form-data"])
def test_json_route_refuses_other_media_types(workspace, content_type):
    status, body = raw_request(
        "POST",
        "/v1/contacts",
        key=workspace["member"],
        body=json.dumps({"phone": A}),
        headers={"Content-Type": content_type},
    )
    assert_error(status, body, 415, "unsupported_media_type")
    assert repository.get_contact(workspace["id"], A) is None


@pytest.mark.parametrize(
    ("body", "is_base64"),
    [
        (base64.b64encode(b'{"phone": "+14155550100", "name": "\xff\xfe"}').decode(), True),
        ('{"phone": "+14155550100", "name": "\ud800"}', False),  # a lone surrogate in the event's text
    ],
)
def test_body_that_is_not_utf8_is_400(workspace, body, is_base64):
    status, answer = raw_request(
        "POST", "/v1/contacts", key=workspace["member"], body=body, headers=JSON, is_base64=is_base64
    )
    assert_error(status, answer, 400)
    assert repository.get_contact(workspace["id"], A) is None


BAD_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 40, "1e-200", "1e130", "9" * 39]


@pytest.mark.parametrize(
    "attributes",
    [
        '{"deep": ' + "[" * 2000 + "]" * 2000 + "}",
        '{"deep": ' + "[" * 40 + "]" * 40 + "}",  # deeper than DynamoDB's 32 levels
        '{"big": ' + "7" * 4301 + "}",
        *(f'{{"n": {number}}}' for number in BAD_NUMBERS),
        *(f'{{"n": [1, {{"m": {number}}}]}}' for number in ("NaN", "1e130")),
    ],
    ids=lambda text: text if len(text) < 40 else f"{text[:16]}...({len(text)} chars)",
)
def test_unstorable_attribute_values_are_400(workspace, attributes):
    text = '{"phone": "' + A + '", "attributes": ' + attributes + "}"
    status, body = raw_request("POST", "/v1/contacts", key=workspace["member"], body=text, headers=JSON)
    assert_error(status, body, 400)
    assert repository.get_contact(workspace["id"], A) is None


@pytest.mark.parametrize("number", ["NaN", "1e130", "1e-200", "1" + "0" * 40])
def test_patch_with_unstorable_numbers_is_400(api, workspace, number):
    api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": A, "attributes": {"n": 1}})
    text = '{"attributes": {"n": ' + number + "}}"
    status, body = raw_request("PATCH", f"/v1/contacts/{A}", key=workspace["member"], body=text, headers=JSON)
    assert_error(status, body, 400)
    assert repository.get_contact(workspace["id"], A).attributes == {"n": 1}


def test_storable_numbers_still_round_trip(api, workspace):
    attributes = {"small": 1e-120, "large": 1e120, "digits": int("9" * 38), "neg": -2.5, "zero": 0}
    status, body = api.request(
        "POST", "/v1/contacts", key=workspace["member"], json_body={"phone": A, "attributes": attributes}
    )
    assert status == 201, body
    assert body["attributes"] == attributes


def test_settings_larger_than_a_dynamodb_item_are_refused(api, workspace):
    huge = {"opt_out_keywords": [f"{i:02d}" + "x" * 9000 for i in range(50)]}  # ~450 KB, under the 1 MB body limit
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=huge)
    assert_error(status, body, (400, 413))
    assert repository.get_workspace(workspace["id"]).settings.opt_out_keywords == []


def test_lone_surrogate_in_a_keyword_is_400(workspace):
    text = '{"opt_out_keywords": ["QUIT\\ud800"]}'  # valid JSON escape, not valid Unicode text
    status, body = raw_request("PUT", "/v1/settings", key=workspace["admin"], body=text, headers=JSON)
    assert_error(status, body, 400)
    assert repository.get_workspace(workspace["id"]).settings.opt_out_keywords == []


# --- pagination cursors ------------------------------------------------------------------------


def _cursors(ws: str, partition_key: str, partition: str, **extra: Any) -> list[str]:
    return [
        "e30",  # {}
        cursor({**extra, "k": 5}),
        cursor({**extra, "k": [1, 2]}),
        cursor({**extra, "k": {partition_key: partition}}),
        cursor({**extra, "k": {partition_key: {"S": partition}}}),  # a partial key: no sort key
        cursor({**extra, "k": {partition_key: {"S": partition}, "sk": {"X": "y"}}}),
        cursor([1]),
    ]


def _contact_cursors(ws: str) -> list[str]:
    extra = {"w": ws, "f": None, "s": 0, "h": 0}
    return _cursors(ws, "status_pk", f"{ws}#active#00", **extra)


@pytest.mark.parametrize("index", range(7))
def test_malformed_cursors_are_400_everywhere(api, workspace, index):
    ws, member = workspace["id"], workspace["member"]
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"})
    cases = {
        "/v1/contacts": _contact_cursors(ws)[index],
        f"/v1/contacts/{A}/events": _cursors(ws, "pk", f"{ws}#{A}")[index],
        "/v1/auto-opt-outs": _cursors(ws, "auto_pk", f"{ws}#auto")[index],
        "/v1/broadcasts/b1/failures": _cursors(ws, "pk", f"{ws}#b1", w=ws, b="b1")[index],
    }
    for path, value in cases.items():
        status, body = api.request("GET", path, key=member, query={"cursor": value})
        assert_error(status, body, 400)


# --- report ranges and cursors -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/v1/reports/opt-outs", "/v1/reports/summary", "/v1/reports/failures"])
@pytest.mark.parametrize(
    "query",
    [
        {"from": "9999-12-01", "to": "9999-12-31"},
        {"from": "0001-01-01T00:00:00+14:00", "to": "0001-01-02"},
        {"from": "0001-01-01", "to": "0001-01-10"},
        {"from": "0001-01-01T00:00:00", "to": "0001-02-01T00:00:00-10:00"},
    ],
)
def test_report_ranges_at_the_calendar_edges_are_400(api, workspace, path, query):
    status, body = api.request("GET", path, key=workspace["member"], query=query)
    assert_error(status, body, 400)


@pytest.mark.parametrize("month", ["13", "1x", "00"])
def test_report_cursor_with_an_edited_month_is_400(api, workspace, month):
    member = workspace["member"]
    for phone in (A, B):
        api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": phone, "status": "unsubscribed"})
    events = [e for p in (A, B) for e in repository.query_contact_events(workspace["id"], p, limit=5)[0]]
    year = events[0].occurred_at.year
    query = {"from": f"{year}-01-01", "to": f"{year}-12-31", "limit": 1}
    status, page = api.request("GET", "/v1/reports/opt-outs", key=member, query=query)
    assert status == 200 and page["next_cursor"], page
    state = repository.decode_cursor(page["next_cursor"])
    state["a"] = state["a"][:5] + month + state["a"][7:]
    status, body = api.request(
        "GET", "/v1/reports/opt-outs", key=member, query={**query, "cursor": repository.encode_cursor(state)}
    )
    assert_error(status, body, 400)


# --- storage errors caused by input --------------------------------------------------------------


def _client_error(code: str, reasons: list[str] | None = None, message: str = "boom") -> Any:
    from botocore.exceptions import ClientError

    response: dict[str, Any] = {"Error": {"Code": code, "Message": message}}
    if reasons is not None:
        response["CancellationReasons"] = [{"Code": r, "Message": message} for r in reasons]

    def call(**_: Any) -> Any:
        raise ClientError(response, "Operation")  # type: ignore[arg-type]

    return call


@pytest.mark.parametrize(
    ("code", "reasons", "message", "expected"),
    [
        ("ValidationException", None, "One or more parameter values were invalid", "InvalidInput"),
        ("ValidationException", None, "Item size has exceeded the maximum allowed size", "PayloadTooLarge"),
        ("ThrottlingException", None, "slow down", "StorageError"),
        ("ProvisionedThroughputExceededException", None, "slow down", "StorageError"),
        ("InternalServerError", None, "oops", "StorageError"),
        ("AccessDeniedException", None, "no", "StorageFault"),
        ("ResourceNotFoundException", None, "no table", "StorageFault"),
    ],
)
def test_storage_errors_are_classified(monkeypatch, workspace, code, reasons, message, expected):
    from optout import errors

    monkeypatch.setattr(repository.dynamodb_client(), "get_item", _client_error(code, reasons, message))
    with pytest.raises(getattr(errors, expected)) as caught:
        repository.get_contact(workspace["id"], A)
    assert type(caught.value).__name__ == expected or expected == "InvalidInput"


@pytest.mark.parametrize(
    ("reasons", "message", "expected"),
    [
        (["None", "ValidationError"], "Item size has exceeded the maximum allowed size", "PayloadTooLarge"),
        (["ValidationError", "None"], "invalid", "InvalidInput"),
        (["ThrottlingError", "None"], "slow down", "StorageError"),
        (["TransactionConflict", "None"], "busy", "StorageError"),
    ],
)
def test_cancelled_transactions_are_classified(monkeypatch, workspace, reasons, message, expected):
    from optout import errors

    failing = _client_error("TransactionCanceledException", reasons, message)
    monkeypatch.setattr(repository.dynamodb_client(), "transact_write_items", failing)
    with pytest.raises(getattr(errors, expected)):
        accounts.create_api_key_for(workspace["id"], "crm", Role.MEMBER)


@pytest.mark.parametrize("while_authenticating", [True, False])
def test_a_storage_fault_is_a_logged_500_not_a_503(api, workspace, monkeypatch, while_authenticating):
    client = repository.dynamodb_client()
    if while_authenticating:
        monkeypatch.setattr(client, "get_item", _client_error("AccessDeniedException"))
    else:
        monkeypatch.setattr(client, "query", _client_error("AccessDeniedException"))
    status, body = api.request("GET", "/v1/contacts", key=workspace["member"])
    assert_error(status, body, 500, "internal_error")


def test_cursors_the_service_issues_still_page_through(api, workspace):
    from datetime import UTC, datetime

    from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason

    for i in range(3):
        event = ConsentEvent(
            event_id=f"evt_{i}",
            workspace_id=workspace["id"],
            phone=A,
            status=ContactStatus.OPTED_OUT,
            reason=Reason.INTENT,
            initiator=Initiator(type=InitiatorType.CONTACT),
            occurred_at=datetime(2026, 3, 1, i, tzinfo=UTC),
        )
        repository.dynamodb_client().put_item(
            TableName=repository.events_table(), Item=repository.serialize(repository.event_item(event))
        )
    for path, listed in ((f"/v1/contacts/{A}/events", "events"), ("/v1/auto-opt-outs", "opt_outs")):
        seen, cursor = [], None
        for _ in range(5):
            status, page = api.request("GET", path, key=workspace["member"], query={"limit": 1, "cursor": cursor})
            assert status == 200, page
            seen += [e["event_id"] for e in page[listed]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert seen == ["evt_2", "evt_1", "evt_0"], (path, seen)
