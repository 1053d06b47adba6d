"""A workspace's topics, cached beside its settings (services/accounts.get_workspace) for as long.

The inbound webhook reads them once per batch, never per message: a warm function pays one Query
per workspace every `TOPICS_TTL_SECONDS` at most, and nothing more per message. A PUT of a topic
invalidates this process's entry at once (services/topics.put_topic); other warm functions see
the change within the TTL, as they see a settings change.
"""

from __future__ import annotations

from optout.repository import topics as store
from optout.repository.topics import Topic
from optout.ttl_cache import TtlCache

TOPICS_TTL_SECONDS = 10.0  # the settings cache's age: a topic keyword applies as soon as a setting does
_topics_cache: TtlCache[str, tuple[Topic, ...]] = TtlCache("topics", TOPICS_TTL_SECONDS)


def workspace_topics(workspace_id: str) -> tuple[Topic, ...]:
    """The workspace's topics, by id (at most `TOPICS_TTL_SECONDS` old)."""
    return _topics_cache.get_or_load(workspace_id, lambda: tuple(store.list_topics(workspace_id)))


def invalidate(workspace_id: str) -> None:
    _topics_cache.invalidate(workspace_id)
