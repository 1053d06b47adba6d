"""Reassigned-number results files a workspace uploads from its own database subscription (admin
only): checked whole, then cached for eligibility's lookups (docs/lookups.md)."""

from __future__ import annotations

from optout.lookups.file_results import StoredResults, store_file_answers
from optout.lookups.reassigned_file import parse_results
from optout.models import Principal, utc_now
from optout.services.accounts import get_workspace, require_admin


def require_uploader(principal: Principal) -> None:
    require_admin(principal, "upload reassigned-number results")


def upload_results(principal: Principal, text: str) -> StoredResults:
    require_uploader(principal)
    region = get_workspace(principal.workspace_id).settings.default_region
    answers = parse_results(text, region, utc_now())  # every row checked before anything is stored
    return store_file_answers(principal.workspace_id, answers)
