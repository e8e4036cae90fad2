"""The authoring conventions inside the build: article checks, 最后更新, image placeholders.

Every message is a warning with the article's file and line, so ``-W`` fails the build.
"""

from __future__ import annotations

import os
from pathlib import Path
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .articles import PLACEHOLDER, read_article
from .conventions import ArticleContext, check_article, image_folder, unregistered_articles, unused_images
from .domain import PlaceholderRecord, knowledge_domain
from .loading import get_registry
from .model import folder_of
from .problems import Problem

logger = logging.getLogger(__name__)

# Whether this build read any document (then the image to-do pages must be rewritten).
_READ_SOMETHING: WeakKeyDictionary[BuildEnvironment, bool] = WeakKeyDictionary()


def _warn(problem: Problem, docname: str | None = None) -> None:
    if docname is not None:
        logger.warning(
            problem.describe(), location=(docname, problem.location.line), type="knowledge", subtype="convention"
        )
    else:  # a file that is no document (an image): no line to point at, so the path leads the message
        logger.warning(
            f"{os.path.relpath(problem.location.path)}: {problem.describe()}", type="knowledge", subtype="convention"
        )


def check_article_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: check the conventions of a registered article."""
    registry = get_registry(app.env)
    topic = registry.topic_by_page.get(docname) if registry else None
    if registry is None or topic is None or not app.config.knowledge_check_articles:
        return
    context = ArticleContext(
        docname=docname,
        srcdir=Path(app.srcdir),
        image_folder=image_folder(app.config.knowledge_image_root, folder_of(registry.section_of(topic.id))),
        pages=registry.existing_pages,
    )
    for problem in check_article(read_article(source[0]), source[0], context):
        _warn(problem, docname)


def add_last_updated(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: show the front matter's date as 最后更新 at the end of the page."""
    date = app.env.metadata[app.env.docname].get("date")
    if not date:
        return
    line = nodes.paragraph(classes=["knowledge-last-updated"])
    line += nodes.strong("最后更新", "最后更新")
    line += nodes.Text(f"：{date}")
    (doctree.next_node(nodes.section) or doctree).append(line)


def mark_placeholders(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: anchor every image placeholder so that the to-do page can link to it."""
    records: list[PlaceholderRecord] = []
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        for match in PLACEHOLDER.finditer(raw.astext()):
            target_id = f"image-todo-{len(records) + 1}"
            raw.parent.insert(raw.parent.index(raw), nodes.target("", "", ids=[target_id]))
            line = (raw.line or 1) + raw.astext().count("\n", 0, match.start())
            records.append(PlaceholderRecord(target_id, " ".join(match.group("text").split()), line))
    if records:
        knowledge_domain(app.env).placeholders[app.env.docname] = records


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs."""
    _READ_SOMETHING[env] = bool(docnames)


def outdated_todo_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: placeholders may have changed, so rewrite the pages that list them."""
    if not _READ_SOMETHING.get(env):
        return []
    return sorted(knowledge_domain(env).todo_pages)


def check_site(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: articles missing from the registry, and images nobody uses."""
    registry = get_registry(env)
    if registry is None:
        return
    for problem in unregistered_articles(registry, env.found_docs, Path(app.srcdir)):
        _warn(problem, str(problem.location.path.relative_to(app.srcdir).with_suffix("")))
    for problem in unused_images(Path(app.srcdir), app.config.knowledge_image_root, env.images):
        _warn(problem)
