"""The loaded registry: validated entries plus the look-ups every renderer needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .bibliography import Publication
from .model import (
    ApplicationGroup,
    ApplicationItem,
    Category,
    Comparison,
    LearningPath,
    RegistryDocument,
    Relation,
    RelationType,
    Section,
    Topic,
)
from .problems import Location, Problem, RegistryError
from .schema_errors import validate_structure
from .validate import validate_references
from .yamlsource import load_located_yaml


@dataclass(frozen=True)
class PathPosition:
    """Where a topic stands in one learning path (1-based)."""

    path: LearningPath
    index: int

    @property
    def total(self) -> int:
        return len(self.path.steps)

    @property
    def previous(self) -> str | None:
        return self.path.steps[self.index - 2].topic if self.index > 1 else None

    @property
    def next(self) -> str | None:
        return self.path.steps[self.index].topic if self.index < self.total else None


@dataclass(frozen=True)
class Registry:
    """A validated registry; every id it refers to is known."""

    document: RegistryDocument
    source: Path
    # Non-fatal findings (e.g. a planned page that now exists), reported once per build.
    warnings: tuple[Problem, ...] = field(default=())
    existing_pages: frozenset[str] = field(default=frozenset())
    publications: Mapping[str, Publication] = field(default_factory=dict)

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.document.topics}

    @cached_property
    def categories(self) -> dict[str, Category]:
        return {c.id: c for c in self.document.categories}

    @cached_property
    def sections(self) -> dict[str, Section]:
        return {s.id: s for s in self.document.sections}

    @cached_property
    def relation_types(self) -> dict[str, RelationType]:
        return {r.id: r for r in self.document.relation_types}

    @cached_property
    def paths(self) -> dict[str, LearningPath]:
        return {p.id: p for p in self.document.paths}

    @cached_property
    def comparisons(self) -> dict[str, Comparison]:
        return {c.id: c for c in self.document.comparisons}

    @cached_property
    def application_groups(self) -> dict[str, ApplicationGroup]:
        return {g.id: g for g in self.document.applications}

    @cached_property
    def topic_by_page(self) -> dict[str, Topic]:
        return {t.page: t for t in self.document.topics if t.page}

    def page_of(self, topic_id: str) -> str | None:
        """The page to link for a topic, or None while the topic is planned."""
        topic = self.topics[topic_id]
        if topic.page and not topic.planned and topic.page in self.existing_pages:
            return topic.page
        return None

    def is_planned(self, topic_id: str) -> bool:
        return self.page_of(topic_id) is None

    def planned_topics(self) -> list[Topic]:
        return [t for t in self.document.topics if self.is_planned(t.id)]

    def incoming(self, topic_id: str) -> list[Relation]:
        return [r for r in self.document.relations if r.target == topic_id]

    def outgoing(self, topic_id: str) -> list[Relation]:
        return [r for r in self.document.relations if r.source == topic_id]

    def positions(self, topic_id: str) -> list[PathPosition]:
        return [
            PathPosition(path, index)
            for path in self.document.paths
            for index, step in enumerate(path.steps, start=1)
            if step.topic == topic_id
        ]

    @cached_property
    def _first_path_step(self) -> dict[str, tuple[int, int]]:
        first: dict[str, tuple[int, int]] = {}
        for p, path in enumerate(self.document.paths):
            for s, step in enumerate(path.steps):
                first.setdefault(step.topic, (p, s))
        return first

    @cached_property
    def _registry_position(self) -> dict[str, int]:
        return {t.id: i for i, t in enumerate(self.document.topics)}

    def reading_order(self, topic: Topic) -> tuple[int, int, int]:
        """Sort key: (path number, step) of the topic's first appearance on a path, then registry order."""
        first_path, first_step = self._first_path_step.get(topic.id, (len(self.document.paths), 0))
        return first_path, first_step, self._registry_position[topic.id]

    @cached_property
    def compositions(self) -> dict[str, ApplicationItem]:
        """Systems and what they are built from: applications of kind 'composition' that name a topic."""
        return {
            item.topic: item
            for group in self.document.applications
            for item in group.items
            if item.topic and item.kind == "composition"
        }

    def section_of(self, topic_id: str) -> Section:
        return self.sections[self.categories[self.topics[topic_id].category].section]

    def topics_in_category(self, category_id: str) -> list[Topic]:
        return [t for t in self.document.topics if t.category == category_id]

    def categories_in_section(self, section_id: str) -> list[Category]:
        return [c for c in self.document.categories if c.section == section_id]


def load_registry(
    path: Path,
    *,
    existing_pages: Iterable[str],
    publications: Mapping[str, Publication] | None = None,
    text: str | None = None,
) -> Registry:
    """Load and validate ``path``; raise RegistryError listing every problem.

    ``existing_pages`` are the document names of the project (for page checks);
    ``publications`` the BibTeX entries papers refer to (None: citations unchecked).
    """
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RegistryError(
                [Problem(Location(path, 1, 1), f"cannot read the registry: {exc.strerror}", "check the path")]
            ) from None
    located = load_located_yaml(text, path)
    pages = frozenset(existing_pages)
    structure = validate_structure(located)
    document = structure.document
    problems = [*located.problems, *structure.problems]
    warnings: list[Problem] = []
    if document is not None:
        keys = frozenset(publications) if publications is not None else None
        found = validate_references(document, located, pages, structure.raw_index, keys)
        problems.extend(p for p in found if p.severity == "error")
        warnings.extend(p for p in found if p.severity != "error")
    if problems or document is None:
        raise RegistryError(problems + warnings)
    return Registry(
        document=document,
        source=path,
        warnings=tuple(warnings),
        existing_pages=pages,
        publications=dict(publications or {}),
    )
