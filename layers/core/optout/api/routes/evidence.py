"""A contact's evidence export: the hash-chained consent record with its signed head."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.evidence import EvidenceOut

router = Router()
Format = Annotated[Literal["json", "html"], Query(alias="format", description="json (default) or a printable html page")]
EVIDENCE_CONTENT = {"application/json": {"model": EvidenceOut}, "text/html": {"schema": {"type": "string"}}}


@router.get(
    "/v1/contacts/<phone>/evidence",
    summary="A contact's consent and revocation events, hash-chained, with the head signed by KMS",
    description=(
        "Every event, oldest first in the order written, with its evidence and chain fields; the "
        "chain's head signed with the service's KMS key, and its public key, so a saved copy can be "
        "checked offline with `python -m optout evidence verify FILE`. `format=html` answers a "
        "printable page."
    ),
    responses=responses(404, content=EVIDENCE_CONTENT),
)
def contact_evidence(phone: str, output: Format = "json") -> Response[Any]:
    from optout.api import evidence_page
    from optout.services import evidence

    body = EvidenceOut.of(evidence.export_evidence(principal_of(router), path_value(phone)))
    if output == "html":
        return Response(200, "text/html; charset=utf-8", evidence_page.render(body))
    return Response(200, "application/json", body.model_dump_json())
