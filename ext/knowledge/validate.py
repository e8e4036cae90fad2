"""Rules a structurally valid registry must also satisfy: ids, references, cycles, pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import RegistryDocument, TopicRef, folder_of
from .problems import Location, Problem, did_you_mean
from .yamlsource import DataPath, LocatedData

COLLECTIONS = (
    "sections",
    "categories",
    "topics",
    "relation_types",
    "paths",
    "comparisons",
    "applications",
)


@dataclass
class _Checker:
    document: RegistryDocument
    located: LocatedData
    pages: frozenset[str]
    raw_index: dict[str, list[int]]
    citations: frozenset[str] | None  # keys of the BibTeX file; None when there is none to check
    problems: list[Problem] = field(default_factory=list)

    def where(self, data_path: DataPath) -> Location:
        """Locate a path given in document positions (entries with schema errors are left out)."""
        if len(data_path) >= 2 and isinstance(data_path[1], int) and data_path[0] in self.raw_index:
            positions = self.raw_index[str(data_path[0])]
            data_path = (data_path[0], positions[data_path[1]], *data_path[2:])
        return self.located.locate(data_path)

    def report(self, data_path: DataPath, message: str, hint: str = "", severity: str = "error") -> None:
        self.problems.append(Problem(self.where(data_path), message, hint, severity))

    def ids(self, collection: str) -> list[str]:
        return [entry.id for entry in getattr(self.document, collection)]

    def known_ids(self, collection: str) -> list[str]:
        """Ids as written, including entries that failed the schema (no cascade of 'unknown' errors)."""
        raw = self.located.data.get(collection)
        entries = raw if isinstance(raw, list) else []
        return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]

    def expect(self, data_path: DataPath, value: str, collection: str, what: str) -> None:
        known = self.known_ids(collection)
        if value not in known:
            hint = did_you_mean(value, known) or f"add a {what} with id {value!r} to '{collection}' first"
            self.report(data_path, f"unknown {what} {value!r}", hint)

    def expect_topic_refs(self, base: DataPath, refs: Iterable[TopicRef]) -> None:
        for i, ref in enumerate(refs):
            self.expect((*base, i, "topic"), ref.topic, "topics", "topic")

    def expect_page(self, data_path: DataPath, page: str, owner: str) -> None:
        if page in self.pages:
            return
        hint = did_you_mean(page, self.pages) or f"create source/{page}.md, or mark {owner} as planned"
        self.report(data_path, f"page {page!r} of {owner} does not exist", hint)


def validate_references(
    document: RegistryDocument,
    located: LocatedData,
    pages: frozenset[str],
    raw_index: dict[str, list[int]] | None = None,
    citations: frozenset[str] | None = None,
) -> list[Problem]:
    """Every semantic problem of ``document``, located in its YAML source."""
    checker = _Checker(document, located, pages, raw_index or {}, citations)
    _unique_ids(checker)
    _sections_and_categories(checker)
    _topics(checker)
    _relations(checker)
    _paths(checker)
    _comparisons(checker)
    _applications_and_reading(checker)
    return checker.problems


def _unique_ids(c: _Checker) -> None:
    for collection in COLLECTIONS:
        first: dict[str, int] = {}
        for i, entry_id in enumerate(c.ids(collection)):
            if entry_id in first:
                line = c.where((collection, first[entry_id], "id")).line
                c.report(
                    (collection, i, "id"),
                    f"duplicate id {entry_id!r} in {collection}, first used at line {line}",
                    "give each entry its own id",
                )
            else:
                first[entry_id] = i


def _sections_and_categories(c: _Checker) -> None:
    for i, section in enumerate(c.document.sections):
        c.expect_page(("sections", i, "index"), section.index, f"section {section.id!r}")
        for g, group in enumerate(section.prerequisites):
            c.expect_topic_refs(("sections", i, "prerequisites", g, "topics"), group.topics)
    for i, category in enumerate(c.document.categories):
        c.expect(("categories", i, "section"), category.section, "sections", "section")


def _topics(c: _Checker) -> None:
    page_owner: dict[str, str] = {}
    for i, topic in enumerate(c.document.topics):
        c.expect(("topics", i, "category"), topic.category, "categories", "category")
        if topic.page is None:
            if topic.planned:
                c.report(
                    ("topics", i, "planned"),
                    f"topic {topic.id!r} is marked planned but names no page",
                    "add the 'page' it will have, or remove 'planned'",
                )
            continue
        if topic.page in page_owner:
            c.report(
                ("topics", i, "page"),
                f"page {topic.page!r} is already the page of topic {page_owner[topic.page]!r}",
                "each article belongs to one topic",
            )
        page_owner[topic.page] = topic.id
        if topic.page.endswith((".md", ".rst")):
            c.report(
                ("topics", i, "page"),
                f"page {topic.page!r} of topic {topic.id!r} includes a file suffix",
                "write the document name without '.md'",
            )
        elif topic.planned and topic.page in c.pages:
            c.report(
                ("topics", i, "planned"),
                f"topic {topic.id!r} is marked planned, but its page {topic.page!r} exists",
                "remove 'planned: true' so that the page is linked",
                severity="warning",
            )
        elif not topic.planned:
            c.expect_page(("topics", i, "page"), topic.page, f"topic {topic.id!r}")
        folder = _category_folder(c, topic.category)
        if folder is not None and not topic.page.startswith(folder):
            c.report(
                ("topics", i, "page"),
                f"page {topic.page!r} of topic {topic.id!r} lies outside the folder of category "
                f"{topic.category!r} ({folder or 'source/'})",
                "move the article there, or give the topic the category its folder belongs to",
            )


def _category_folder(c: _Checker, category_id: str) -> str | None:
    """Where a category's articles live ('video/generation/'), or None if that is unknown."""
    category = next((x for x in c.document.categories if x.id == category_id), None)
    section = category and next((x for x in c.document.sections if x.id == category.section), None)
    if category is None or section is None:
        return None  # an unknown category or section is reported on its own
    return folder_of(section, category)


def _relations(c: _Checker) -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for i, relation in enumerate(c.document.relations):
        c.expect(("relations", i, "source"), relation.source, "topics", "topic")
        c.expect(("relations", i, "target"), relation.target, "topics", "topic")
        c.expect(("relations", i, "type"), relation.type, "relation_types", "relation type")
        if relation.source == relation.target:
            c.report(
                ("relations", i), f"relation from {relation.source!r} to itself", "a topic cannot relate to itself"
            )
        key = (relation.source, relation.target, relation.type)
        if key in seen:
            c.report(
                ("relations", i),
                f"relation {relation.source} → {relation.target} ({relation.type}) is listed twice",
                f"remove one; the first is relations[{seen[key]}]",
            )
        seen.setdefault(key, i)
    _prerequisite_cycles(c)


def _prerequisite_cycles(c: _Checker) -> None:
    ordering = {t.id for t in c.document.relation_types if t.prerequisite}
    edges: dict[str, list[tuple[str, int]]] = {}
    for i, relation in enumerate(c.document.relations):
        if relation.type in ordering and relation.source != relation.target:
            edges.setdefault(relation.source, []).append((relation.target, i))
    finished: set[str] = set()
    reported: set[frozenset[str]] = set()
    # Iterative depth-first search: a long chain of prerequisites must not hit
    # Python's recursion limit. ``trail`` is the current path, ``on_trail`` its set.
    for start in edges:
        if start in finished:
            continue
        trail, on_trail = [start], {start}
        pending = [iter(edges.get(start, []))]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                node = trail.pop()
                on_trail.discard(node)
                finished.add(node)
                pending.pop()
                continue
            target, index = step
            if target in on_trail:
                cycle = trail[trail.index(target) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    names = _cycle_text([*cycle, target])
                    c.report(
                        ("relations", index, "target"),
                        f"the prerequisite relation has a cycle: {names}",
                        "a topic cannot be (indirectly) its own prerequisite; remove or retype one of these relations",
                    )
            elif target not in finished:
                trail.append(target)
                on_trail.add(target)
                pending.append(iter(edges.get(target, [])))


def _cycle_text(members: list[str], shown: int = 4) -> str:
    """'a → b → c → a', with the middle of a very long cycle elided."""
    if len(members) <= 2 * shown + 1:
        return " → ".join(members)
    hidden = len(members) - 2 * shown
    return " → ".join([*members[:shown], f"… ({hidden} more) …", *members[-shown:]])


def _paths(c: _Checker) -> None:
    for i, path in enumerate(c.document.paths):
        seen: set[str] = set()
        for s, step in enumerate(path.steps):
            c.expect(("paths", i, "steps", s, "topic"), step.topic, "topics", "topic")
            if step.topic in seen:
                c.report(
                    ("paths", i, "steps", s, "topic"),
                    f"topic {step.topic!r} appears twice in path {path.id!r}",
                    "a path visits each topic once",
                )
            seen.add(step.topic)
        if path.goal is not None:
            c.expect(("paths", i, "goal", "topic"), path.goal.topic, "topics", "topic")
        for r, related in enumerate(path.related):
            c.expect(("paths", i, "related", r, "topic"), related.topic, "topics", "topic")


def _comparisons(c: _Checker) -> None:
    for i, comparison in enumerate(c.document.comparisons):
        keys = [column.key for column in comparison.columns]
        for r, row in enumerate(comparison.rows):
            c.expect(("comparisons", i, "rows", r, "topic"), row.topic, "topics", "topic")
            for part in ("cells", "notes"):
                for key in getattr(row, part):
                    if key not in keys:
                        c.report(
                            ("comparisons", i, "rows", r, part, key),
                            f"unknown column {key!r} in {part} of {comparison.id!r}",
                            did_you_mean(key, keys) or f"the columns are {', '.join(keys)}",
                        )
            for key in keys:
                if key not in row.cells:
                    c.report(
                        ("comparisons", i, "rows", r, "cells"),
                        f"row {row.topic!r} of {comparison.id!r} lacks column {key!r}",
                        f"add '{key}: …' (write '—' where nothing applies)",
                    )


def _applications_and_reading(c: _Checker) -> None:
    for i, group in enumerate(c.document.applications):
        for j, item in enumerate(group.items):
            if item.topic is not None:
                c.expect(("applications", i, "items", j, "topic"), item.topic, "topics", "topic")
            c.expect_topic_refs(("applications", i, "items", j, "blocks"), item.blocks)
    seen: dict[str, int] = {}
    for i, paper in enumerate(c.document.papers):
        if paper.cite in seen:
            c.report(
                ("papers", i, "cite"),
                f"paper {paper.cite!r} is listed twice",
                f"remove one; the first is papers[{seen[paper.cite]}]",
            )
        seen.setdefault(paper.cite, i)
        if c.citations is not None and paper.cite not in c.citations:
            hint = did_you_mean(paper.cite, c.citations) or "add the entry to source/references.bib"
            c.report(("papers", i, "cite"), f"unknown citation key {paper.cite!r}", hint)
        for t, topic in enumerate(paper.topics):
            c.expect(("papers", i, "topics", t), topic, "topics", "topic")
    for i, project in enumerate(c.document.projects):
        if project.topic is not None:
            c.expect(("projects", i, "topic"), project.topic, "topics", "topic")
