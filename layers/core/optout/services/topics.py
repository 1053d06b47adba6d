"""Consent topics: a workspace's kinds of message (`marketing`, `reminders`...), defined by an admin.

A topic's id is a lowercase slug. Its keywords (`STOP PROMO`) are uppercase words that the engine
must not read as one of its own keywords on their own: a topic keyword revokes one topic, so
`STOP` (or `STOP PLEASE`), which revokes everything, can never become one. Every change is
logged, append-only, with who made it (repository/topics.py). docs/consent-topics.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from optout.errors import Conflict, InvalidInput, Unprocessable
from optout.models import TOPIC_ID_PATTERN, Principal, WorkspaceSettings, utc_now
from optout.repository import topics as store
from optout.repository.topics import Topic
from optout.repository.unit_of_work import retry_on_conflict
from optout.rules.topic_consent import TopicDefinition
from optout.services import topic_cache
from optout.services.accounts import get_workspace, require_admin

TOPIC_LIMIT = 50  # topics per workspace: each is a column of every consent answer
MAX_TOPIC_ID = 40
MAX_KEYWORDS = 10
MAX_KEYWORD_LENGTH = 40
TOPIC_ID = re.compile(TOPIC_ID_PATTERN)
KEYWORD = re.compile(r"[A-Z0-9]+(?: [A-Z0-9]+)*")


def topic_id_problem(topic: str) -> str | None:
    """Why `topic` cannot be a topic id (None: it can)."""
    if not 1 <= len(topic) <= MAX_TOPIC_ID or not TOPIC_ID.fullmatch(topic):
        return (
            f"a topic id is 1 to {MAX_TOPIC_ID} lowercase letters, digits, '-' or '_', "
            "starting and ending with a letter or digit"
        )
    return None


def check_topic_id(topic: str) -> str:
    problem = topic_id_problem(topic)
    if problem:
        raise InvalidInput(problem, code="invalid_topic", details={"field": "topic", "topic": topic[:60]})
    return topic


def keyword_format_problem(keyword: str) -> str | None:
    """Why `keyword` is not an uppercase word or words (None: it is)."""
    if not 1 <= len(keyword) <= MAX_KEYWORD_LENGTH or not KEYWORD.fullmatch(keyword):
        return f"a keyword is 1 to {MAX_KEYWORD_LENGTH} characters: uppercase words (A-Z, 0-9) with single spaces"
    return None


def builtin_keyword(keyword: str, settings: WorkspaceSettings) -> str | None:
    """The engine's own keyword (built in or the workspace's) that `keyword` alone would be read
    as, if any: such a text already opts out, in or asks for help, so it cannot name a topic."""
    # The engine's tables load on the first call: only a topic change pays for them.
    from optout.engine import Rule, classify
    from optout.rules.inbound import engine_settings

    decision = classify(keyword, engine_settings(settings))
    return decision.keyword if decision.rule is Rule.KEYWORD else None


def check_keywords(keywords: Sequence[str], settings: WorkspaceSettings, others: Sequence[Topic]) -> list[str]:
    """The keywords, each checked: its form, not the engine's own, not another topic's."""
    if len(keywords) > MAX_KEYWORDS:
        raise InvalidInput(f"a topic has at most {MAX_KEYWORDS} keywords", details={"field": "keywords"})
    taken = {keyword: topic.id for topic in others for keyword in topic.keywords}
    for keyword in keywords:
        problem = keyword_format_problem(keyword)
        if problem:
            raise InvalidInput(problem, code="invalid_keyword", details={"field": "keywords", "keyword": keyword[:60]})
        builtin = builtin_keyword(keyword, settings)
        if builtin:
            raise InvalidInput(
                f"{keyword} is read as the keyword {builtin}, which applies to every topic",
                code="reserved_keyword",
                details={"field": "keywords", "keyword": keyword, "reads_as": builtin},
            )
        if keyword in taken:
            raise Conflict(
                f"{keyword} is a keyword of the topic {taken[keyword]}",
                code="keyword_in_use",
                details={"keyword": keyword, "topic": taken[keyword]},
            )
    return list(dict.fromkeys(keywords))


@dataclass(frozen=True)
class TopicChangeResult:
    topic: Topic
    created: bool
    changed: bool


def put_topic(
    principal: Principal, topic_id: str, *, name: str, express_consent: bool, keywords: Sequence[str]
) -> TopicChangeResult:
    """Create or change a topic (admin). Sending the definition it has already changes nothing."""
    require_admin(principal, "define topics")
    check_topic_id(topic_id)
    settings = get_workspace(principal.workspace_id).settings

    def attempt() -> TopicChangeResult:
        current = store.list_topics(principal.workspace_id)
        previous = next((topic for topic in current if topic.id == topic_id), None)
        others = [topic for topic in current if topic.id != topic_id]
        checked = check_keywords(keywords, settings, others)
        now = utc_now()
        update = {"name": name, "express_consent": express_consent, "keywords": checked}
        if previous is not None and previous.definition() == update:
            return TopicChangeResult(previous, False, False)
        base = previous or Topic(
            workspace_id=principal.workspace_id,
            id=topic_id,
            created_at=now,
            updated_by=principal.initiator,
            updated_at=now,
            name=name,
        )
        version = previous.version + 1 if previous is not None else 0
        topic = base.model_copy(
            update={**update, "updated_at": now, "updated_by": principal.initiator, "version": version}
        )
        store.save_topic(topic, previous=previous, limit=TOPIC_LIMIT)
        topic_cache.invalidate(principal.workspace_id)  # this process reads the change at once
        return TopicChangeResult(topic, previous is None, True)

    return retry_on_conflict(attempt)


def list_topics(principal: Principal) -> list[Topic]:
    """The workspace's topics (any key may read them)."""
    return store.list_topics(principal.workspace_id)


def definitions(topics: Sequence[Topic]) -> list[TopicDefinition]:
    """The topics as the rules see them."""
    return [TopicDefinition(t.id, t.name, t.express_consent, tuple(t.keywords)) for t in topics]


def require_topics(known: Sequence[Topic], wanted: Sequence[str]) -> None:
    """Unknown topics are a 422 naming them."""
    ids = {topic.id for topic in known}
    unknown = sorted(set(wanted) - ids)
    if unknown:
        raise UnknownTopics(unknown)


class UnknownTopics(Unprocessable):
    code = "unknown_topics"

    def __init__(self, unknown: Sequence[str]) -> None:
        super().__init__("these topics are not defined in this workspace", details={"unknown": list(unknown)})
