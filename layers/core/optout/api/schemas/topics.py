"""Request and response bodies of the topic routes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StrictBool, StringConstraints

from optout.api.schemas.common import Strict
from optout.models import DeferredModel, Initiator

if TYPE_CHECKING:
    from optout.repository.topics import Topic

Keyword = Annotated[str, StringConstraints(min_length=1, max_length=40)]


class TopicIn(Strict):
    name: str = Field(min_length=1, max_length=80, description="The display name")
    express_consent: StrictBool = Field(
        default=False, description="Sendable only once granted (express written consent: marketing)"
    )
    keywords: list[Keyword] = Field(
        default_factory=list,
        max_length=10,
        description="Uppercase words that revoke this topic only (`STOP PROMO`); never a built-in keyword",
    )


class TopicOut(DeferredModel):
    id: str
    name: str
    express_consent: bool
    keywords: list[str]
    created_at: datetime
    updated_at: datetime
    updated_by: Initiator
    version: int

    @classmethod
    def of(cls, topic: Topic) -> TopicOut:
        return cls.model_validate(topic.model_dump(include=set(cls.model_fields)))


class TopicPut(TopicOut):
    created: bool = Field(description="The topic did not exist before this request.")
    changed: bool = Field(description="False when the topic had this definition already: nothing was written.")


class TopicList(DeferredModel):
    topics: list[TopicOut]
    limit: int = Field(description="The most topics a workspace may define.")
