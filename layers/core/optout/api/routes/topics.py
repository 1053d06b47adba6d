"""Consent topics: an admin defines them, any key lists them."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.topics import TopicIn, TopicList, TopicOut, TopicPut

router = Router()
# The services are imported by the routes that call them: a cold start that serves another
# resource first never loads the topic rules.


@router.put(
    "/v1/topics/<topic>",
    summary="Define or change a consent topic (admin only)",
    description="At most 50 topics a workspace. Every change is logged with who made it.",
    responses=responses(403, 409),
)
def put_topic(topic: str, body: Annotated[TopicIn, Body()]) -> TopicPut:
    from optout.services import topics

    result = topics.put_topic(
        principal_of(router),
        path_value(topic),
        name=body.name,
        express_consent=body.express_consent,
        keywords=body.keywords,
    )
    return TopicPut(**TopicOut.of(result.topic).model_dump(), created=result.created, changed=result.changed)


@router.get("/v1/topics", summary="The workspace's consent topics", responses=responses())
def list_topics() -> TopicList:
    from optout.services import topics

    found = topics.list_topics(principal_of(router))
    return TopicList(topics=[TopicOut.of(topic) for topic in found], limit=topics.TOPIC_LIMIT)
