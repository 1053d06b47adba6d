"""The one place that creates the Powertools Logger, Tracer and Metrics shared by every function.

Powertools' Tracer imports the X-Ray SDK as it is built, even with tracing off, and that import
costs about a quarter of a second of every cold start. So when tracing is off (outside Lambda, or
POWERTOOLS_TRACE_DISABLED) the Tracer is built disabled over a provider that does nothing, and the
SDK is never loaded; in Lambda with tracing on it is the ordinary Tracer over X-Ray.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit, single_metric
from aws_lambda_powertools.shared import constants
from aws_lambda_powertools.shared.functions import resolve_truthy_env_var_choice
from aws_lambda_powertools.tracing.base import BaseProvider, BaseSegment

SERVICE = "optout"


def tracing_enabled() -> bool:
    """Powertools' own rule: on in Lambda (not under SAM local or Chalice) unless disabled by env."""
    if resolve_truthy_env_var_choice(env=os.getenv(constants.TRACER_DISABLED_ENV, "false")):
        return False
    local = os.getenv(constants.SAM_LOCAL_ENV) or os.getenv(constants.CHALICE_LOCAL_ENV)
    return bool(os.getenv(constants.LAMBDA_TASK_ROOT_ENV)) and not local


class _Untraced(BaseSegment, BaseProvider):
    """Segment and provider in one, recording nothing: what a disabled Tracer needs, minus X-Ray."""

    def close(self, end_time: int | None = None) -> None: ...
    def add_subsegment(self, subsegment: Any) -> None: ...
    def remove_subsegment(self, subsegment: Any) -> None: ...
    def put_annotation(self, key: str, value: Any) -> None: ...
    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None: ...
    def add_exception(self, exception: BaseException, stack: Any, remote: bool = False) -> None: ...
    def patch(self, modules: Sequence[str]) -> None: ...
    def patch_all(self) -> None: ...

    @contextlib.contextmanager
    def in_subsegment(self, name: str | None = None, **kwargs: Any) -> Iterator[_Untraced]:
        yield self

    @contextlib.asynccontextmanager
    async def in_subsegment_async(self, name: str | None = None, **kwargs: Any) -> AsyncIterator[_Untraced]:
        yield self


def build_tracer() -> Tracer:
    if tracing_enabled():
        return Tracer(service=SERVICE)
    # auto_patch off: the disabled Tracer would skip patching anyway, and this keeps the SDK unloaded.
    return Tracer(service=SERVICE, disabled=True, auto_patch=False, provider=_Untraced())


logger = Logger(service=SERVICE)
tracer = build_tracer()
metrics = Metrics(service=SERVICE, namespace="OptOut")

__all__ = ["MetricUnit", "logger", "metrics", "single_metric", "tracer", "tracing_enabled"]
