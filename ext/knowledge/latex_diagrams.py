"""The LaTeX side of the diagrams: draw every diagram of the document, then include the PDFs."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .directives import pdf_diagram
from .loading import RENDER_FAILED
from .pdf_diagrams import RendererUnavailable, RenderStats, find_toolchain, render_pdfs

logger = logging.getLogger(__name__)


def pdf_mermaid_config(app: Sphinx) -> dict[str, object]:
    """The site's Mermaid configuration, with a CJK font that headless Chromium really has."""
    config = {k: v for k, v in (app.config.mermaid_init_config or {}).items() if k != "startOnLoad"}
    config["fontFamily"] = app.config.knowledge_pdf_font
    config.setdefault("theme", "default")
    return config


def include_pdf_diagrams(app: Sphinx, doctree: nodes.document) -> None:
    """Replace every pdf_diagram of this (assembled LaTeX) document by an included vector PDF."""
    waiting = list(doctree.findall(pdf_diagram))
    if not waiting:
        return
    stats = RenderStats()
    started = time.perf_counter()
    try:
        project = Path(app.config.knowledge_node_project or app.confdir)
        toolchain = find_toolchain(project, app.config.knowledge_mermaid_browser)
        cache = Path(app.doctreedir) / "knowledge-mermaid-pdf"
        pdfs = render_pdfs((node["code"] for node in waiting), pdf_mermaid_config(app), cache, toolchain, stats)
    except RendererUnavailable as error:
        message = f"cannot draw the {len(waiting)} diagrams of the PDF: {error}"
        logger.error(message, type="knowledge", subtype="renderer")
        RENDER_FAILED[app.env] = message
        for node in waiting:
            node.replace_self([])
        return
    outdir = Path(app.builder.outdir)
    for node in waiting:
        source = pdfs[node["code"]]
        target = outdir / source.name
        if not target.exists():
            shutil.copyfile(source, target)
        latex = f"\\begin{{center}}\\sphinxincludegraphics{{{source.name}}}\\end{{center}}\n"
        node.replace_self(nodes.raw("", latex, format="latex", classes=["knowledge-diagram"]))
    elapsed = time.perf_counter() - started
    logger.info(
        f"knowledge: {stats.diagrams} PDF diagrams, {stats.rendered} drawn "
        f"({'one browser session' if stats.browser_started else 'no browser started'}), {elapsed:.2f} s"
    )
