"""The process environment that keeps every boto3 client off real AWS: fake keys, no profile.

Shared by the local stack, the tests and the benchmarks, so none of them can reach an account.
"""

from __future__ import annotations

import os

from local_stack import template
from local_stack.template import LOCAL_REGION


def offline_aws_environment(endpoint_url: str | None = None) -> dict[str, str]:
    """Fake credentials and region; with `endpoint_url`, every client goes to that (moto) server."""
    env = {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_SESSION_TOKEN": "local",
        "AWS_DEFAULT_REGION": LOCAL_REGION,
        "AWS_REGION": LOCAL_REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
        # No profile, config or credentials file of the developer's may point anywhere real.
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "OptOut",
        "POWERTOOLS_LOGGER_LOG_EVENT": "false",  # events carry API keys
    }
    if endpoint_url:
        env["AWS_ENDPOINT_URL"] = endpoint_url
    return env


def use_offline_aws(endpoint_url: str | None = None) -> None:
    """Apply it to this process, before any boto3 client exists."""
    for name in list(os.environ):
        if name.startswith("AWS_ENDPOINT_URL") or name in (
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        ):
            del os.environ[name]
    os.environ.update(offline_aws_environment(endpoint_url))


def configure_environment(moto_url: str) -> None:
    """The environment of a process that talks to the local stack's moto: offline AWS at
    `moto_url` plus every function's variables (table names ...), before any client exists."""
    use_offline_aws(moto_url)
    os.environ.update(template.local_environment())
