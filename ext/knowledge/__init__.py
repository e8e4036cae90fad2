"""Sphinx extension: learning paths, relation graphs and tables rendered from one YAML registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .authoring import (
    add_last_updated,
    check_article_source,
    check_site,
    mark_placeholders,
    note_reading,
    outdated_todo_pages,
)
from .conventions import DEFAULT_IMAGE_ROOT
from .directives import DIRECTIVES, knowledge_request
from .domain import KnowledgeDomain
from .latex_text import DropEmojiForLatex
from .loading import fail_if_invalid, load_for_build
from .render import resolve_requests

__version__ = "0.1.0"

# Bump when the doctree content produced by the directives changes shape, so
# Sphinx discards pickled environments made by an older version.
ENV_VERSION = 2


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.mermaid")
    app.add_config_value("knowledge_registry", "registry.yaml", "env", types=frozenset({str}))
    # Width of the text column in pixels; wider diagrams are turned (see graph.choose_direction).
    app.add_config_value("knowledge_diagram_max_width", 720, "env", types=frozenset({int}))
    app.add_node(knowledge_request)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_post_transform(DropEmojiForLatex)
    app.connect("builder-inited", load_for_build)
    app.connect("builder-inited", _add_static_path)
    app.connect("doctree-resolved", resolve_requests)
    app.connect("build-finished", fail_if_invalid)
    # Authoring conventions (authoring.py).
    app.add_domain(KnowledgeDomain)
    app.add_config_value("knowledge_image_root", DEFAULT_IMAGE_ROOT, "env", types=frozenset({str}))
    # Off only for projects (and test roots) whose topic pages are not articles of this guide.
    app.add_config_value("knowledge_check_articles", True, "env", types=frozenset({bool}))
    # PDF diagrams (latex_diagrams.py): the font headless Chromium draws labels with, and the
    # browser to use (None: Debian's /usr/bin/chromium if present, else Puppeteer's own).
    app.add_config_value("knowledge_pdf_font", '"Noto Sans CJK SC", sans-serif', "env", types=frozenset({str}))
    app.add_config_value("knowledge_mermaid_browser", None, "env", types=frozenset({str, type(None)}))
    # Where node_modules/ (mermaid-cli) lives; None: the folder of conf.py.
    app.add_config_value("knowledge_node_project", None, "env", types=frozenset({str, type(None)}))
    app.connect("source-read", check_article_source)
    app.connect("doctree-read", add_last_updated)
    app.connect("doctree-read", mark_placeholders)
    app.connect("env-before-read-docs", note_reading)
    app.connect("env-get-updated", outdated_todo_pages)
    app.connect("env-updated", check_site)
    app.add_css_file("knowledge.css")
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
