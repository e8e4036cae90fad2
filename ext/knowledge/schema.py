"""The registry's JSON Schema, generated from the pydantic model (never edited by hand)."""

from __future__ import annotations

import json

from .model import RegistryDocument

SCHEMA_ID = "registry.schema.json"


def registry_json_schema() -> str:
    """The schema as stable, pretty-printed JSON text (ends with a newline)."""
    schema = RegistryDocument.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Knowledge registry of the video AI guide",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
