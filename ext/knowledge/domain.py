"""Per-document data the build collects: image placeholders and the pages that list them.

Kept in a Sphinx domain so that it is pickled with the environment, cleared when a
document is re-read, and merged from parallel readers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class PlaceholderRecord:
    target_id: str  # anchor inserted at the placeholder's spot
    text: str
    line: int


class KnowledgeDomain(Domain):
    name = "knowledge"
    label = "Knowledge registry"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"placeholders": {}, "todo_pages": set()}

    @property
    def placeholders(self) -> dict[str, list[PlaceholderRecord]]:
        return self.data["placeholders"]

    @property
    def todo_pages(self) -> set[str]:
        return self.data["todo_pages"]

    def clear_doc(self, docname: str) -> None:
        self.placeholders.pop(docname, None)
        self.todo_pages.discard(docname)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["placeholders"]:
                self.placeholders[docname] = otherdata["placeholders"][docname]
            if docname in otherdata["todo_pages"]:
                self.todo_pages.add(docname)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        return []  # this domain defines no cross-reference roles


def knowledge_domain(env: BuildEnvironment) -> KnowledgeDomain:
    domain = env.get_domain(KnowledgeDomain.name)
    assert isinstance(domain, KnowledgeDomain)
    return domain
