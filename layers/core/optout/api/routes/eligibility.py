"""The eligibility check: which numbers may be texted, now or at a planned time."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.eligibility import EligibilityIn, EligibilityOut
from optout.services import eligibility

router = Router()


@router.post("/v1/eligibility", summary="Which of these numbers may I send to?", responses=responses(422))
def check_eligibility(body: Annotated[EligibilityIn, Body()]) -> EligibilityOut:
    result = eligibility.check_eligibility(
        principal_of(router), body.phones, body.topic, body.at, lookups=body.lookups
    )
    counts = {
        "sendable": len(result.sendable),
        "deferred": len(result.deferred),
        "suppressed": len(result.suppressed),
        "invalid": len(result.invalid),
    }
    return EligibilityOut.model_validate({**result.__dict__, "counts": counts})
