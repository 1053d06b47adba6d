"""The process environment, read once: table names, the report job's bucket and queue, the SNS
topics and public URL of the webhooks, the replies bus (template.yaml sets them per function).

`settings()` builds a frozen `Settings` on first use and keeps it for the life of the process (a
Lambda container's environment never changes). A function gets only the variables its own
resources need, so every value is optional here and `require` names the missing variable when a
code path needs one its function lacks. Whoever changes the environment after the first read (the
tests, the local stack's bootstrap) calls `reset()`.

Powertools' own variables (POWERTOOLS_*, LAMBDA_TASK_ROOT) are not read here: Powertools reads
them itself, and observability.py asks the same questions it does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import cache


class MissingSetting(RuntimeError):
    """A code path needs a variable its function's environment does not set (a deployment bug)."""

    def __init__(self, variable: str) -> None:
        super().__init__(f"the environment variable {variable} is not set")
        self.variable = variable


# Field name -> environment variable.
VARIABLES = {
    "contacts_table": "CONTACTS_TABLE",
    "events_table": "EVENTS_TABLE",
    "accounts_table": "ACCOUNTS_TABLE",
    "idempotency_table": "IDEMPOTENCY_TABLE",
    "delivery_failures_table": "DELIVERY_FAILURES_TABLE",
    "report_counters_table": "REPORT_COUNTERS_TABLE",
    "review_queue_table": "REVIEW_QUEUE_TABLE",
    "reports_bucket": "REPORTS_BUCKET",
    "report_job_queue_url": "REPORT_JOB_QUEUE_URL",
    "inbound_sns_topic_arn": "INBOUND_SNS_TOPIC_ARN",
    "delivery_sns_topic_arn": "DELIVERY_SNS_TOPIC_ARN",
    "webhook_base_url": "WEBHOOK_BASE_URL",
    "replies_bus": "REPLIES_BUS",
    "consent_events_bus": "CONSENT_EVENTS_BUS_NAME",
    "evidence_key_id": "EVIDENCE_KEY_ID",
    # Outgoing webhooks (docs/webhooks.md).
    "webhooks_table": "WEBHOOKS_TABLE",
    "webhook_delivery_queue_url": "WEBHOOK_DELIVERY_QUEUE_URL",
    "webhook_max_receives": "WEBHOOK_MAX_RECEIVES",
    "webhooks_allow_loopback": "WEBHOOKS_ALLOW_LOOPBACK",
    # Import jobs (docs/imports.md).
    "imports_bucket": "IMPORTS_BUCKET",
    "import_uploads_queue_url": "IMPORT_UPLOADS_QUEUE_URL",
    "import_chunk_queue_url": "IMPORT_CHUNK_QUEUE_URL",
    # Send-time checks: sends per number and cached lookups (docs/send-counting.md).
    "send_checks_table": "SEND_CHECKS_TABLE",
}


@dataclass(frozen=True)
class Settings:
    """Each value as set, or "" when the function's environment lacks it."""

    contacts_table: str = ""
    events_table: str = ""
    accounts_table: str = ""
    idempotency_table: str = ""
    delivery_failures_table: str = ""
    report_counters_table: str = ""
    review_queue_table: str = ""
    reports_bucket: str = ""
    report_job_queue_url: str = ""
    inbound_sns_topic_arn: str = ""
    delivery_sns_topic_arn: str = ""
    webhook_base_url: str = ""  # without a trailing "/"
    replies_bus: str = ""
    consent_events_bus: str = ""  # where every consent change is published (docs/consent-events.md)
    evidence_key_id: str = ""  # the KMS key (id, ARN or alias) that signs evidence chain heads
    webhooks_table: str = ""
    webhook_delivery_queue_url: str = ""
    webhook_max_receives: str = ""  # the delivery queue's maxReceiveCount (the last attempt's number)
    webhooks_allow_loopback: str = ""  # "true" on the local stack only: deliver to 127.0.0.1 over http
    imports_bucket: str = ""  # import jobs' uploads and rejected rows
    import_uploads_queue_url: str = ""  # upload notifications and start requests: split a file
    import_chunk_queue_url: str = ""  # one message per chunk of an import's file
    send_checks_table: str = ""  # sends per number (25 h) and cached lookup answers

    def require(self, name: str) -> str:
        """The value of field `name`; MissingSetting (naming the variable) if it is not set."""
        value: str = getattr(self, name)
        if not value:
            raise MissingSetting(VARIABLES[name])
        return value


def from_environment(environ: dict[str, str] | os._Environ[str]) -> Settings:
    values = {field.name: environ.get(VARIABLES[field.name], "") for field in fields(Settings)}
    values["webhook_base_url"] = values["webhook_base_url"].rstrip("/")
    return Settings(**values)


@cache
def settings() -> Settings:
    """The settings of this process, read from the environment on first use."""
    return from_environment(os.environ)


def reset() -> None:
    """Read the environment again on next use (tests and the local stack change it)."""
    settings.cache_clear()
