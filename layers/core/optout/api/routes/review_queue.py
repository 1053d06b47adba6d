"""The review queue: messages with a request a person must decide on."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.contacts import ContactOut, EventOut
from optout.api.schemas.review_queue import ResolveIn, ResolveOut, ReviewItemOut, ReviewPage
from optout.review import ReviewState

router = Router()


@router.get(
    "/v1/review-queue",
    summary="Messages with a request that must not be automatic, newest first, by state",
    responses=responses(),
)
def list_review_queue(
    state: Annotated[ReviewState, Query()] = ReviewState.OPEN,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ReviewPage:
    from optout.services import review_queue  # only this resource's routes load it

    items, next_cursor = review_queue.list_items(principal_of(router), state=state, limit=limit, cursor=cursor)
    return ReviewPage(items=[ReviewItemOut.of(i) for i in items], next_cursor=next_cursor)


@router.post(
    "/v1/review-queue/<item_id>/resolve",
    summary="Resolve a review item (admin, with a note): opt the contact out (reason review) or dismiss",
    responses=responses(403, 404, 409),
)
def resolve_review_item(item_id: str, body: Annotated[ResolveIn, Body()]) -> ResolveOut:
    from optout.services import review_queue  # only this resource's routes load it

    result = review_queue.resolve(principal_of(router), item_id, body.action, body.note)
    return ResolveOut(
        item=ReviewItemOut.of(result.item),
        changed=result.event is not None,
        contact=ContactOut.of(result.contact) if result.contact else None,
        event=EventOut.of(result.event) if result.event else None,
    )
