"""Consent topics through the real contacts handler: admin defines, any key lists, each workspace
sees its own, keywords never shadow the engine's, at most 50, and every change is logged."""

from __future__ import annotations

import pytest

from optout.repository import topics as topic_store

MARKETING = {"name": "Marketing", "express_consent": True, "keywords": ["STOP PROMO"]}


def test_an_admin_defines_a_topic_and_any_key_lists_it(api, workspace):
    status, body = api.request("PUT", "/v1/topics/marketing", key=workspace["admin"], json_body=MARKETING)
    assert status == 200, body
    assert body["id"] == "marketing" and body["created"] is True and body["changed"] is True
    assert body["express_consent"] is True and body["keywords"] == ["STOP PROMO"]
    assert body["updated_by"]["type"] == "api_key" and body["version"] == 0

    status, body = api.request("GET", "/v1/topics", key=workspace["member"])
    assert status == 200
    assert [t["id"] for t in body["topics"]] == ["marketing"] and body["limit"] == 50


def test_a_member_is_refused_and_nothing_is_written(api, workspace):
    status, body = api.request("PUT", "/v1/topics/marketing", key=workspace["member"], json_body=MARKETING)
    assert status == 403 and body["error"]["code"] == "admin_required"
    assert api.request("GET", "/v1/topics", key=workspace["admin"])[1]["topics"] == []
    assert topic_store.list_topic_log(workspace["id"]) == []


def test_another_workspace_never_sees_the_topics(api, workspace, other_workspace):
    api.request("PUT", "/v1/topics/marketing", key=workspace["admin"], json_body=MARKETING)
    status, body = api.request("GET", "/v1/topics", key=other_workspace["admin"])
    assert status == 200 and body["topics"] == []
    # The same id in the other workspace is a topic of its own.
    status, body = api.request("PUT", "/v1/topics/marketing", key=other_workspace["admin"], json_body={"name": "Promos"})
    assert status == 200 and body["created"] is True
    assert api.request("GET", "/v1/topics", key=workspace["admin"])[1]["topics"][0]["name"] == "Marketing"


def test_every_change_is_logged_with_who_and_the_definition_before(api, workspace):
    admin = workspace["admin"]
    api.request("PUT", "/v1/topics/marketing", key=admin, json_body=MARKETING)
    status, body = api.request("PUT", "/v1/topics/marketing", key=admin, json_body=MARKETING)
    assert status == 200 and body["changed"] is False and body["version"] == 0  # the same: nothing written
    status, body = api.request("PUT", "/v1/topics/marketing", key=admin, json_body={**MARKETING, "name": "Promotions"})
    assert status == 200 and body["created"] is False and body["changed"] is True and body["version"] == 1
    log = topic_store.list_topic_log(workspace["id"])
    assert [entry["after"]["name"] for entry in log] == ["Marketing", "Promotions"]
    assert "before" not in log[0] and log[1]["before"]["name"] == "Marketing"
    assert all(entry["by"]["type"] == "api_key" and entry["topic"] == "marketing" for entry in log)


@pytest.mark.parametrize(
    ("keyword", "code"),
    [
        ("STOP", "reserved_keyword"),
        ("STOP PLEASE", "reserved_keyword"),  # the engine reads it as STOP
        ("UNSUBSCRIBE", "reserved_keyword"),
        ("START", "reserved_keyword"),
        ("HELP", "reserved_keyword"),
        ("stop promo", "invalid_keyword"),  # keywords are uppercase
        ("STOP  PROMO", "invalid_keyword"),
        ("STOP-PROMO", "invalid_keyword"),
    ],
)
def test_keywords_never_shadow_the_engines_own(api, workspace, keyword, code):
    body = {**MARKETING, "keywords": [keyword]}
    status, out = api.request("PUT", "/v1/topics/marketing", key=workspace["admin"], json_body=body)
    assert status == 400 and out["error"]["code"] == code, out
    assert api.request("GET", "/v1/topics", key=workspace["admin"])[1]["topics"] == []


def test_a_workspace_keyword_is_reserved_too_and_two_topics_cannot_share_one(api, workspace):
    admin = workspace["admin"]
    api.request("PUT", "/v1/settings", key=admin, json_body={"opt_out_keywords": ["BASTA"]})
    status, body = api.request("PUT", "/v1/topics/marketing", key=admin, json_body={**MARKETING, "keywords": ["BASTA"]})
    assert status == 400 and body["error"]["code"] == "reserved_keyword"
    assert api.request("PUT", "/v1/topics/marketing", key=admin, json_body=MARKETING)[0] == 200
    status, body = api.request("PUT", "/v1/topics/promos", key=admin, json_body={"name": "P", "keywords": ["STOP PROMO"]})
    assert status == 409 and body["error"]["code"] == "keyword_in_use" and body["error"]["details"]["topic"] == "marketing"


@pytest.mark.parametrize(
    "topic", ["Marketing", "-promo", "promo-", "a" * 41, "promo%20x", "promo.x", "%C3%A9t%C3%A9"]
)
def test_a_topic_id_is_a_lowercase_slug(api, workspace, topic):
    status, body = api.request("PUT", f"/v1/topics/{topic}", key=workspace["admin"], json_body=MARKETING)
    assert status == 400 and body["error"]["code"] == "invalid_topic", body


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "x" * 81},
        {"name": 5},
        {"name": "M", "express_consent": "yes"},
        {"name": "M", "keywords": "STOP PROMO"},
        {"name": "M", "keywords": ["K"] * 11},
        {"name": "M", "colour": "red"},
        ["name"],
    ],
)
def test_bad_bodies_are_400(api, workspace, body):
    status, out = api.request("PUT", "/v1/topics/marketing", key=workspace["admin"], json_body=body)
    assert status == 400 and out["error"]["code"] == "invalid_input", out


def test_malformed_json_is_400(api, workspace):
    status, out = api.request(
        "PUT", "/v1/topics/marketing", key=workspace["admin"], body="{name:", headers={"Content-Type": "application/json"}
    )
    assert status == 400 and "error" in out


def test_at_most_50_topics(api, workspace, monkeypatch):
    from optout.services import topics

    monkeypatch.setattr(topics, "TOPIC_LIMIT", 3)  # the same condition as 50, in fewer requests
    for i in range(3):
        assert api.request("PUT", f"/v1/topics/t{i}", key=workspace["admin"], json_body={"name": f"T{i}"})[0] == 200
    status, body = api.request("PUT", "/v1/topics/t3", key=workspace["admin"], json_body={"name": "T3"})
    assert status == 409 and body["error"]["code"] == "topic_limit" and body["error"]["details"] == {"limit": 3}
    # Changing one of the three is still allowed, and the refused one left nothing behind.
    assert api.request("PUT", "/v1/topics/t0", key=workspace["admin"], json_body={"name": "Zero"})[0] == 200
    assert [t["id"] for t in api.request("GET", "/v1/topics", key=workspace["admin"])[1]["topics"]] == ["t0", "t1", "t2"]
    assert len(topic_store.list_topic_log(workspace["id"])) == 4
