"""PUT /v1/settings: clearing the optional holding reply and per-language reply texts, through the real handler."""

from __future__ import annotations

import pytest

from optout import repository

SETTINGS = "/v1/settings"


def put(api, key, body):
    return api.request("PUT", SETTINGS, key=key, json_body=body)


def test_review_reply_null_clears_it(api, workspace):
    status, body = put(api, workspace["admin"], {"review_reply": "Thanks, {program} will reply soon."})
    assert status == 200 and body["review_reply"] == "Thanks, {program} will reply soon."
    status, body = put(api, workspace["admin"], {"review_reply": None})
    assert status == 200, body
    assert body["review_reply"] is None
    assert repository.get_workspace(workspace["id"]).settings.review_reply is None
    status, body = api.request("GET", SETTINGS, key=workspace["admin"])
    assert status == 200 and body["review_reply"] is None


@pytest.mark.parametrize(
    "change",
    [
        {"opt_out_reply": None},  # a required text: null is no value
        {"program_name": None},
        {"review_reply": ""},  # clearing is null, not an empty text
        {"review_reply": "x" * 321},
        {"replies": {"spanish": {"opt_out_reply": "Baja."}}},  # not ISO 639-1
        {"replies": {"es": {"opt_out_reply": ""}}},
        {"replies": {"es": {"stop_reply": "Baja."}}},  # no such text
    ],
)
def test_bad_reply_values_are_refused_and_change_nothing(api, workspace, change):
    before = repository.get_workspace(workspace["id"]).settings
    status, body = put(api, workspace["admin"], change)
    assert status == 400, body
    assert body["error"]["message"]
    assert repository.get_workspace(workspace["id"]).settings == before


def test_replies_by_language_are_set_replaced_and_removed(api, workspace):
    spanish = {"opt_out_reply": "Baja de {program}. Responda START para volver."}
    status, body = put(api, workspace["admin"], {"replies": {"es": spanish, "de": {"help_reply": "Hilfe: {help_contact}"}}})
    assert status == 200, body
    assert body["replies"]["es"]["opt_out_reply"] == spanish["opt_out_reply"]
    assert body["replies"]["es"]["opt_in_reply"] is None  # left out: the built-in text
    assert body["replies"]["de"]["help_reply"] == "Hilfe: {help_contact}"
    # The map is replaced: a language left out is removed.
    status, body = put(api, workspace["admin"], {"replies": {"es": spanish}})
    assert status == 200 and set(body["replies"]) == {"es"}
    assert set(repository.get_workspace(workspace["id"]).settings.replies) == {"es"}
    status, body = put(api, workspace["admin"], {"replies": {}})
    assert status == 200 and body["replies"] == {}


def test_a_member_can_neither_clear_nor_set_replies(api, workspace):
    put(api, workspace["admin"], {"review_reply": "Held for review."})
    for change in ({"review_reply": None}, {"replies": {"es": {"opt_out_reply": "Baja."}}}):
        status, body = put(api, workspace["member"], change)
        assert status == 403 and body["error"]["code"] == "admin_required"
    settings = repository.get_workspace(workspace["id"]).settings
    assert settings.review_reply == "Held for review." and settings.replies == {}
