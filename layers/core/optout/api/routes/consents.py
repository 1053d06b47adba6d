"""Opt-in with proof, and a contact's consent by topic."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.consents import ConsentIn, ConsentRecorded, ContactConsentsOut

router = Router()
# The services are imported by the routes that call them: a cold start that serves another
# resource first never loads the consent rules.


@router.post(
    "/v1/consents",
    summary="Record an opt-in to topics with its proof",
    description=(
        "The disclosure text is stored once per distinct text, by its SHA-256, with a version. "
        "An opted-out or blocked number is refused (409): recording a form does not opt it back in."
    ),
    responses=responses(409, 422, ok=201, description="Recorded"),
)
def record_consent(body: Annotated[ConsentIn, Body()]) -> Response[ConsentRecorded]:
    from optout.services import consents

    view = consents.record_opt_in(principal_of(router), consents.OptIn(**body.model_dump()))
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=ConsentRecorded.recorded(view))


@router.get(
    "/v1/contacts/<phone>/consents",
    summary="A contact's consent by topic: status, since, by what, the evidence, and whether sendable",
    responses=responses(404),
)
def contact_consents(phone: str) -> ContactConsentsOut:
    from optout.services import consents

    return ContactConsentsOut.of(consents.contact_consents(principal_of(router), path_value(phone)))
