"""The body of a settings change: built from WorkspaceSettings, so the two never drift."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, create_model
from pydantic.fields import FieldInfo

from optout.models import WorkspaceSettings


def _settings_change_model() -> type[BaseModel]:
    """Every WorkspaceSettings field, each optional with the same type and limits: one source for both."""
    fields: dict[str, Any] = {}
    for name, info in WorkspaceSettings.model_fields.items():
        field = FieldInfo.merge_field_infos(info, default=None)
        field.default_factory = None
        fields[name] = (info.annotation, field)
    doc = (
        "The settings to change; fields left out keep their value. At least one field. "
        "review_reply: null clears it (the only optional text); replies replaces the whole map."
    )
    config = ConfigDict(extra="forbid", json_schema_extra=_no_defaults, defer_build=True)  # as DeferredModel
    return create_model("SettingsChange", __config__=config, __doc__=doc, **fields)


def _no_defaults(schema: dict[str, Any]) -> None:
    # A field left out is unchanged. null is a value only where the setting itself may be null
    # (review_reply: null clears it); anywhere else it is a 400.
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)
    schema["minProperties"] = 1


if TYPE_CHECKING:  # a model built at run time is no type to mypy
    SettingsChange = BaseModel
else:
    SettingsChange = _settings_change_model()
