"""Turn pydantic's validation errors into located, readable problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

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


@dataclass
class ValidationResult:
    """The entries that passed the schema, and where each stood in the file.

    Entries with schema errors are left out of ``document`` so that the reference
    checks can still run on the rest; ``raw_index`` maps a kept entry's position
    back to its position in the YAML list (for locating later messages).
    """

    document: RegistryDocument | None
    problems: list[Problem]
    raw_index: dict[str, list[int]] = field(default_factory=dict)


def _list_item_adapters() -> dict[str, TypeAdapter[Any]]:
    adapters = {}
    for name, info in RegistryDocument.model_fields.items():
        if get_origin(info.annotation) is list:
            (item_type,) = get_args(info.annotation)
            adapters[name] = TypeAdapter(item_type)
    return adapters


_ITEM_ADAPTERS = _list_item_adapters()


def validate_structure(located: LocatedData) -> ValidationResult:
    """Validate entry by entry, so that one bad entry hides no other problem."""
    data = located.data
    if not isinstance(data, dict):
        message = "the registry must be a mapping of sections, categories, topics, …"
        return ValidationResult(None, [Problem(located.locate(()), message)])
    problems: list[Problem] = []
    clean: dict[str, Any] = dict(data)
    raw_index: dict[str, list[int]] = {}
    for name, adapter in _ITEM_ADAPTERS.items():
        items = data.get(name)
        if not isinstance(items, list):
            continue  # missing or not a list: reported by the whole-document pass below
        kept, positions = [], []
        for i, item in enumerate(items):
            try:
                kept.append(adapter.validate_python(item))
                positions.append(i)
            except ValidationError as exc:
                for error in exc.errors(include_url=False):
                    error["loc"] = (name, i, *error["loc"])
                    problems.append(_problem_for(error, located))
        clean[name] = kept
        raw_index[name] = positions
    try:
        document = RegistryDocument.model_validate(clean)
    except ValidationError as exc:
        problems.extend(_problem_for(error, located) for error in exc.errors(include_url=False))
        # Still check references among the valid entries; missing lists count as empty.
        lists = {name: clean.get(name) if isinstance(clean.get(name), list) else [] for name in _ITEM_ADAPTERS}
        document = RegistryDocument.model_construct(**lists)
    return ValidationResult(document, problems, raw_index)
