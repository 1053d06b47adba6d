"""CSV import of contacts: the one route whose body is not JSON (and may be larger)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from optout.api.http import body_text, principal_of
from optout.api.openapi import responses
from optout.api.request_body import csv_body, require_csv
from optout.api.schemas.imports import ImportOut
from optout.observability import metrics

router = Router()
IMPORT_PATH = "/v1/contacts/import"
CSV_BODY = csv_body("A header row naming a `phone` column (optionally `name`, `opt_out` and attributes), then rows.")


@router.post(
    IMPORT_PATH,
    summary="Import contacts from CSV (text/csv, up to 10,000 rows; larger files: POST /v1/imports)",
    responses=responses(409, 415),
    openapi_extensions={"requestBody": CSV_BODY},
)
def import_contacts() -> ImportOut:
    from optout.services import importer  # only this resource's routes load it

    require_csv(router.current_event.headers)
    report = importer.import_contacts(principal_of(router), body_text(router))
    metrics.add_metric(name="ContactsImported", unit="Count", value=report.rows - report.rejected)
    return ImportOut.model_validate(report, from_attributes=True)
