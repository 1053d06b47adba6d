"""Reassigned-number results files (admin): the CSV of a workspace's own database subscription."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from optout.api.http import body_text, principal_of
from optout.api.openapi import responses
from optout.api.request_body import csv_body, require_csv
from optout.api.schemas.reassigned_results import ReassignedResultsOut

router = Router()
RESULTS_PATH = "/v1/reassigned-results"
CSV_BODY = csv_body(
    "UTF-8 CSV (a BOM is allowed): a header row naming `phone`, `date` (the date asked, "
    "YYYY-MM-DD: the contact's consent date) and `answer` (yes, no or no_data), then up to 10,000 rows. "
    "Any bad row refuses the whole file, each named by its line."
)


@router.post(
    RESULTS_PATH,
    summary="Upload reassigned-number results (admin; text/csv, up to 10,000 rows)",
    responses=responses(403, 415),
    openapi_extensions={"requestBody": CSV_BODY},
)
def upload_reassigned_results() -> ReassignedResultsOut:
    from optout.services import reassigned_results  # only this route loads the lookups

    principal = principal_of(router)
    reassigned_results.require_uploader(principal)  # a member is refused before the body is read
    require_csv(router.current_event.headers)
    stored = reassigned_results.upload_results(principal, body_text(router))
    return ReassignedResultsOut.model_validate(stored, from_attributes=True)
