"""The directives. They check their arguments and record the request; nothing is rendered here."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .domain import knowledge_domain
from .loading import get_registry, registry_path
from .problems import did_you_mean
from .registry import Registry

logger = logging.getLogger(__name__)


class knowledge_request(nodes.General, nodes.Element):
    """Placeholder left by a directive; replaced on doctree-resolved by render.py."""


class pdf_diagram(nodes.General, nodes.Element):
    """A diagram waiting to be drawn as PDF for the LaTeX builder (replaced before writing)."""


def registry_unavailable_notice() -> nodes.Element:
    """Shown in place of registry content while the registry has errors (they are in the build log)."""
    text = "此处内容由知识注册表生成，但注册表有错误（详见构建输出），本次未能生成。"
    return nodes.warning("", nodes.paragraph(text, text), classes=["knowledge-unavailable"])


class RegistryDirective(SphinxDirective):
    """Shared behaviour: dependency on the registry, id checks reported at the directive."""

    kind: ClassVar[str]
    # (option or 'argument', registry collection) pairs whose values must be known ids.
    checked: ClassVar[tuple[tuple[str, str], ...]] = ()

    def run(self) -> list[nodes.Node]:
        # Whatever this page shows from the registry must be re-rendered when it changes.
        self.env.note_dependency(str(registry_path(self.env.srcdir, self.config)))
        registry = get_registry(self.env)
        if registry is None:
            return [registry_unavailable_notice()]
        request = self.request(registry)
        if request is None:
            return []
        for field, collection in self.checked:
            value = request.get(field)
            if value is not None and not self._known(registry, collection, value):
                return []
        return self.nodes_for(registry, request)

    def nodes_for(self, registry: Registry, request: dict[str, object]) -> list[nodes.Node]:
        """The placeholder that render.py replaces once links can be resolved."""
        node = knowledge_request(kind=self.kind, **request)
        self.set_source_info(node)
        return [node]

    def request(self, registry: Registry) -> dict[str, object] | None:
        """What to render: the options and argument; None when there is nothing to render."""
        values: dict[str, object] = dict(self.options)
        if self.arguments:
            values["argument"] = self.arguments[0]
        return values

    def _known(self, registry: Registry, collection: str, value: object) -> bool:
        known = getattr(registry, collection)
        if value in known:
            return True
        singular = {
            "paths": "learning path",
            "topics": "topic",
            "categories": "category",
            "sections": "section",
            "comparisons": "comparison",
            "application_groups": "application group",
            "compositions": "composition (an application of kind 'composition' with this topic)",
        }[collection]
        hint = did_you_mean(str(value), known) or f"known: {', '.join(sorted(known))}"
        logger.warning(
            f"{self.name}: unknown {singular} {value!r}; {hint}",
            location=self.get_location(),
            type="knowledge",
            subtype="reference",
        )
        return False


class LearningPathDirective(RegistryDirective):
    """A learning path: flowchart of its steps, then the steps with reasons and related topics."""

    kind = "path"
    required_arguments = 1
    checked = (("argument", "paths"),)


class RelationGraphDirective(RegistryDirective):
    """The relation graph: whole, one category (``:category:``) or one topic's neighbourhood."""

    kind = "relations"
    option_spec: ClassVar = {
        "category": directives.unchanged_required,
        "topic": directives.unchanged_required,
        "depth": directives.positive_int,
    }
    checked = (("category", "categories"), ("topic", "topics"))


class ComparisonTableDirective(RegistryDirective):
    kind = "comparison"
    required_arguments = 1
    checked = (("argument", "comparisons"),)


class TopicNavDirective(RegistryDirective):
    """Prerequisites, what builds on the topic, and its place in each learning path."""

    kind = "nav"
    optional_arguments = 1
    checked = (("argument", "topics"),)

    def request(self, registry: Registry) -> dict[str, object] | None:
        values = super().request(registry)
        if values is not None and "argument" not in values:
            topic = registry.topic_by_page.get(self.env.docname)
            if topic is None:
                logger.warning(
                    f"{self.name}: this page is no topic's page; name the topic, e.g. '```{{{self.name}}} vae'",
                    location=self.get_location(),
                    type="knowledge",
                    subtype="reference",
                )
                return None
            values["argument"] = topic.id
        return values


class DirectoryTreeDirective(RegistryDirective):
    kind = "tree"
    required_arguments = 1
    checked = (("argument", "sections"),)


class PrerequisiteListDirective(RegistryDirective):
    kind = "prerequisites"
    required_arguments = 1
    checked = (("argument", "sections"),)


class ApplicationListDirective(RegistryDirective):
    kind = "applications"
    required_arguments = 1
    checked = (("argument", "application_groups"),)


class PaperListDirective(RegistryDirective):
    kind = "papers"


class ProjectListDirective(RegistryDirective):
    kind = "projects"


class TopicListDirective(RegistryDirective):
    """Topics of a category (``:category:``) with their summaries and pages."""

    kind = "topics"
    option_spec: ClassVar = {"category": directives.unchanged_required}
    checked = (("category", "categories"),)


class ImageTodoListDirective(RegistryDirective):
    """Every image placeholder of every article (``:section:`` limits it to one section)."""

    kind = "image_todo"
    option_spec: ClassVar = {"section": directives.unchanged_required}
    checked = (("section", "sections"),)

    def nodes_for(self, registry: Registry, request: dict[str, object]) -> list[nodes.Node]:
        # Noted so that this page is rewritten whenever an article's placeholders change.
        knowledge_domain(self.env).todo_pages.add(self.env.docname)
        return super().nodes_for(registry, request)


class PathSummaryDirective(RegistryDirective):
    """Every learning path on one line each: its steps and goal, each linked to its article."""

    kind = "path_summary"


class CompositionDirective(RegistryDirective):
    """A system's building blocks, as the registry's applications compose it, with each block linked."""

    kind = "composition"
    required_arguments = 1
    checked = (("argument", "compositions"),)


class TopicToctreeDirective(RegistryDirective):
    """A hidden toctree of the section's written articles, in reading order.

    Built while reading (Sphinx needs toctrees then), so a new article joins the
    navigation as soon as its topic is registered, with no toctree to edit by hand.
    """

    kind = "toctree"
    required_arguments = 1
    option_spec: ClassVar = {"maxdepth": directives.nonnegative_int}
    checked = (("argument", "sections"),)

    def nodes_for(self, registry: Registry, request: dict[str, object]) -> list[nodes.Node]:
        pages = []
        for category in registry.categories_in_section(str(request["argument"])):
            # Within a category, articles come in the order a learner meets them on the
            # learning paths; those on no path follow in registry order.
            topics = sorted(registry.topics_in_category(category.id), key=registry.reading_order)
            pages += [page for topic in topics if (page := registry.page_of(topic.id)) is not None]
        toctree = addnodes.toctree()
        toctree["parent"] = self.env.docname
        toctree["entries"] = [(None, page) for page in pages]
        toctree["includefiles"] = pages
        toctree["maxdepth"] = self.options.get("maxdepth", -1)
        toctree["caption"] = None
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = False
        self.set_source_info(toctree)
        return [nodes.compound("", toctree, classes=["toctree-wrapper"])]


DIRECTIVES: dict[str, type[RegistryDirective]] = {
    "learning-path": LearningPathDirective,
    "relation-graph": RelationGraphDirective,
    "comparison-table": ComparisonTableDirective,
    "topic-nav": TopicNavDirective,
    "directory-tree": DirectoryTreeDirective,
    "prerequisite-list": PrerequisiteListDirective,
    "application-list": ApplicationListDirective,
    "paper-list": PaperListDirective,
    "project-list": ProjectListDirective,
    "topic-list": TopicListDirective,
    "image-todo-list": ImageTodoListDirective,
    "topic-toctree": TopicToctreeDirective,
    "composition": CompositionDirective,
    "path-summary": PathSummaryDirective,
}
