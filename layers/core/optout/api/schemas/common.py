"""What every resource's request models share: unknown fields refused, attributes DynamoDB can store."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict

from optout import storable
from optout.models import DeferredModel


class Strict(DeferredModel):
    model_config = ConfigDict(extra="forbid")


def _storable(value: Any) -> Any:
    # NaN, 1e130 or 40 levels of nesting can never be written: refuse them here, not at the write.
    problem = storable.value_problem(value)
    if problem:
        raise ValueError(problem)
    return value


StorableAttributes = Annotated[dict[str, Any], AfterValidator(_storable)]
