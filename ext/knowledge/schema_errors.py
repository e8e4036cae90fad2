"""Turn pydantic's validation errors into located, readable problems."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .model import RegistryDocument, all_field_names
from .problems import Problem, did_you_mean
from .yamlsource import DataPath, LocatedData


def describe_path(data: Any, data_path: DataPath) -> str:
    """'topics[3] (id 'vae').title' — the entry's id makes long lists navigable."""
    text = ""
    node = data
    for part in data_path:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                text += f" (id {node['id']!r})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text or "the file"


def _problem_for(error: dict[str, Any], located: LocatedData) -> Problem:
    loc = tuple(part for part in error["loc"] if not _is_validator_tag(part))
    kind = error["type"]
    where = describe_path(located.data, loc)
    if kind == "extra_forbidden":
        field = str(loc[-1])
        parent = describe_path(located.data, loc[:-1])
        hint = did_you_mean(field, all_field_names()) or "remove it, or check the field list in registry.schema.json"
        return Problem(located.locate(loc, key=True), f"unknown field {field!r} in {parent}", hint)
    if kind == "missing":
        field = str(loc[-1])
        parent = describe_path(located.data, loc[:-1])
        return Problem(located.locate(loc[:-1]), f"{parent} lacks the required field {field!r}", f"add '{field}: …'")
    value = error.get("input")
    shown = repr(value) if isinstance(value, str | int | float | bool) or value is None else type(value).__name__
    hint = ""
    if kind == "string_pattern_mismatch" and loc and loc[-1] in {"id", "topic", "category", "section", "type"}:
        hint = "ids use lower-case letters, digits and '-', e.g. 'latent-diffusion'"
    elif kind == "string_pattern_mismatch":
        hint = "see the field's description in registry.schema.json"
    message = error["msg"][:1].lower() + error["msg"][1:]
    return Problem(located.locate(loc), f"{where}: {message} (got {shown})", hint)


def _is_validator_tag(part: str | int) -> bool:
    # pydantic inserts tags such as 'function-before[...]' into locations of wrapped types.
    return isinstance(part, str) and ("[" in part and part.endswith("]"))


def problems_from_validation(located: LocatedData) -> tuple[RegistryDocument | None, list[Problem]]:
    """Validate the data against the model; return the document or every problem."""
    if not isinstance(located.data, dict):
        return None, [Problem(located.locate(()), "the registry must be a mapping of sections, categories, topics, …")]
    try:
        return RegistryDocument.model_validate(located.data), []
    except ValidationError as exc:
        return None, [_problem_for(error, located) for error in exc.errors(include_url=False)]
