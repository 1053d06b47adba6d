"""Per-provider adapters; use :mod:`optout.carriers.dispatch` rather than these directly."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import aws, bandwidth, telnyx, twilio, vonage
from .base import Adapter, Record, Source, VerifyOptions

ADAPTERS: Mapping[str, Adapter] = MappingProxyType(
    {m.ADAPTER.name: m.ADAPTER for m in (twilio, telnyx, bandwidth, vonage, aws)}
)

__all__ = ["ADAPTERS", "Adapter", "Record", "Source", "VerifyOptions"]
