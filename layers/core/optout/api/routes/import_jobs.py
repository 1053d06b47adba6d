"""Import jobs: large CSV files through a pre-signed S3 upload, applied in chunks (docs/imports.md)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.import_jobs import ImportCreated, ImportIn, ImportJobOut, ImportPage
from optout.errors import InvalidInput
from optout.services import import_jobs

router = Router()


@router.post(
    "/v1/imports",
    summary="Create an import of up to 1,000,000 rows: upload its CSV with the pre-signed form",
    responses=responses(ok=201, description="Created; upload the file with upload_url and fields"),
)
def create_import(body: Annotated[ImportIn | None, Body()] = None) -> Response[ImportCreated]:
    # The body is optional, but one sent must be an object: a list or a bare value is a mistake.
    if router.current_event.body and not isinstance(router.current_event.json_body, dict):
        raise InvalidInput("send a JSON object (or no body)", details={"field": "body"})
    labels = body or ImportIn()
    job, form = import_jobs.create_import(principal_of(router), filename=labels.filename, source=labels.source)
    out = ImportCreated.of(
        import_jobs.view(job),
        upload_url=form.url,
        fields=form.fields,
        upload_expires_at=form.expires_at,
        max_upload_bytes=form.max_bytes,
    )
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=out)


@router.get("/v1/imports", summary="The workspace's imports, newest first", responses=responses())
def list_imports(
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ImportPage:
    views, next_cursor = import_jobs.list_imports(principal_of(router), limit=limit, cursor=cursor)
    return ImportPage(items=[ImportJobOut.of(v) for v in views], next_cursor=next_cursor)


@router.get(
    "/v1/imports/<import_id>",
    summary="An import's status, progress, counts and (once done) its rejected rows' download",
    responses=responses(404),
)
def get_import(import_id: str) -> ImportJobOut:
    return ImportJobOut.of(import_jobs.get_import(principal_of(router), import_id))  # type: ignore[no-any-return]


@router.post(
    "/v1/imports/<import_id>/start",
    summary="Start an uploaded import (409 if it is not uploaded or has started)",
    responses=responses(404, 409, ok=202, description="Started"),
)
def start_import(import_id: str) -> Response[ImportJobOut]:
    job = import_jobs.start_import(principal_of(router), import_id)
    out = ImportJobOut.of(import_jobs.view(job))
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=out)
