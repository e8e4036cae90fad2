"""Read YAML into plain Python data while remembering where every value stood.

PyYAML's composer gives each node its start mark; plain ``yaml.safe_load`` throws
those marks away and silently keeps the last of two equal keys.  Here we walk the
composed node graph ourselves so that every later message can point at a line and
column, and so that duplicate keys are reported instead of lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Location, Problem, RegistryError

# The C loader is several times faster; fall back when libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]


@dataclass
class LocatedData:
    """YAML data plus the position of every value and every mapping key."""

    data: Any
    path: Path
    value_marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    # Problems that do not stop reading (duplicate keys): validated together with the rest.
    problems: list[Problem] = field(default_factory=list)

    def locate(self, data_path: DataPath, *, key: bool = False) -> Location:
        """The location of ``data_path``, or of its nearest located ancestor."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(data_path)
        while probe:
            if probe in marks:
                return Location(self.path, *marks[probe])
            if key and probe in self.value_marks:
                return Location(self.path, *self.value_marks[probe])
            probe = probe[:-1]
        line, column = self.value_marks.get((), (1, 1))
        return Location(self.path, line, column)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    def __init__(self, loader: yaml.SafeLoader, located: LocatedData) -> None:
        self.loader = loader
        self.located = located
        self.problems: list[Problem] = []

    def walk(self, node: yaml.Node, data_path: DataPath) -> Any:
        self.located.value_marks[data_path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, data_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*data_path, i)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, data_path: DataPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                self.problems.append(
                    Problem(
                        Location(self.located.path, *_mark(key_node)),
                        "a mapping key must be a plain scalar",
                        "write the key as a simple word",
                    )
                )
                continue
            if key in first_seen:
                line, column = first_seen[key]
                self.problems.append(
                    Problem(
                        Location(self.located.path, *_mark(key_node)),
                        f"duplicate key {key!r}: it is already set at line {line}, column {column}",
                        "YAML keeps only one of them; remove or rename one",
                    )
                )
                continue
            first_seen[key] = _mark(key_node)
            child_path = (*data_path, key)
            self.located.key_marks[child_path] = _mark(key_node)
            result[key] = self.walk(value_node, child_path)
        return result


def load_located_yaml(text: str, path: Path) -> LocatedData:
    """Parse ``text`` (read from ``path``).

    A syntax error raises RegistryError at once (nothing after it can be trusted);
    duplicate keys are collected in ``problems`` and the first value is kept.
    """
    located = LocatedData(data=None, path=path)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise RegistryError(
                [Problem(Location(path, 1, 1), "the file is empty", "start from the documented example")]
            )
        walker = _Walker(loader, located)
        located.data = walker.walk(root, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise RegistryError(
            [Problem(Location(path, line, column), f"YAML syntax error: {what}", "fix the YAML syntax here")]
        ) from None
    except yaml.YAMLError as exc:
        raise RegistryError([Problem(Location(path, 1, 1), f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    located.problems.extend(walker.problems)
    return located
