"""The Mermaid text we generate, drawn by the real Mermaid library in Chromium."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from browser import render_mermaid
from conftest import mermaid_sources, read_html
from knowledge.graph import Graph, GraphEdge, GraphNode
from knowledge.mermaid import to_mermaid
from test_graph_and_mermaid import NASTY


def test_any_label_is_drawn_literally(tmp_path):
    nodes = tuple(GraphNode(f"n{i}", label, None, ("planned",) if i % 2 else ()) for i, label in enumerate(NASTY))
    edges = tuple(GraphEdge(a.key, b.key, "solid") for a, b in pairwise(nodes))
    edges += (GraphEdge(nodes[0].key, nodes[-1].key, "dotted", '目标 "<b>end</b>" #1;'),)
    (drawn,) = render_mermaid([to_mermaid(Graph(nodes, edges, "TB"), {"n0": "target.html"})], tmp_path)
    assert drawn.error is None
    assert drawn.labels == [" ".join(label.split()) for label in NASTY]
    assert drawn.edge_labels == ['目标 "<b>end</b>" #1;']
    assert drawn.links == ["target.html"]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_every_diagram_of_a_built_site_draws(app, tmp_path):
    app.build()
    outdir = Path(app.outdir)
    pages = ["index.html", "guide/index.html", "guide/a/alpha.html", "guide/a/beta.html", "guide/b/gamma.html"]
    sources = [code for page in pages for code in mermaid_sources(read_html(outdir, page))]
    # The home graph; the guide's path, composition and category graph; one graph per topic page.
    assert len(sources) == 7
    drawn = render_mermaid(sources, tmp_path)
    assert [d.error for d in drawn] == [None] * len(sources)
    # guide/index.html: the path diagram links its steps with page-relative URLs.
    path = next(d for d in drawn if d.labels and d.labels[0] == "1. Alpha")
    assert path.labels == ["1. Alpha", "2. B-eta", "3. Gamma", "德尔塔理解"]
    assert path.links == ["a/alpha.html", "a/beta.html", "b/gamma.html"]
    for page in ("a/alpha.html", "a/beta.html", "b/gamma.html"):
        assert (outdir / "guide" / page).exists()
