"""Counting sends: a sender reports the messages it sent, for the frequency caps of eligibility."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.sends import SendsIn, SendsOut
from optout.services import sends

router = Router()


@router.post(
    "/v1/sends",
    summary="Record messages sent (counted for frequency caps; idempotent by message id)",
    responses=responses(422, ok=202, description="Recorded"),
)
def record_sends(body: Annotated[SendsIn, Body()]) -> Response[SendsOut]:
    reported = [sends.ReportedSend(**send.model_dump()) for send in body.sends]
    out = SendsOut(recorded=sends.record_reported_sends(principal_of(router), reported))
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=out)
