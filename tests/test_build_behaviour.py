"""Build behaviour: unknown references, escaping, incremental and parallel builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import mermaid_sources, read_html
from test_graph_and_mermaid import decode_like_mermaid


@pytest.mark.sphinx("html", testroot="unknown-reference", freshenv=True)
def test_unknown_references_are_reported_at_the_directive(app):
    app.build()
    warnings = app.warning.getvalue()
    index = str(Path(app.srcdir) / "index.md")
    expected = "learning-path: unknown learning path 'generaton'; did you mean 'generation'?"
    assert f"{index}:3: WARNING: {expected}" in warnings
    assert f"{index}:6: WARNING: relation-graph: unknown topic 'vea'; did you mean 'vae'?" in warnings
    assert f"{index}:10: WARNING: topic-nav: this page is no topic's page" in warnings
    assert f"{index}:13: WARNING: comparison-table: unknown comparison 'nothing'" in warnings
    assert f"{index}:16: WARNING: application-list: unknown application group 'apps'" in warnings
    assert (
        f"{index}:19: WARNING: composition: unknown composition (an application of kind 'composition' with "
        "this topic) 'vae'" in warnings
    )
    assert warnings.count("[knowledge.reference]") == 6  # each is suppressible by type


@pytest.mark.sphinx("html", testroot="escaping", freshenv=True)
def test_registry_text_is_never_markup(app):
    app.build()
    assert app.warning.getvalue() == ""
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    body = soup.select_one("[role=main]") or soup.body
    # No element from registry text: every <script>, <img>, <b>, <u> in the page body came from Sphinx or nowhere.
    assert body.find("img") is None
    assert not [s for s in body.find_all("script")]
    assert body.find("b") is None and body.find("u") is None and body.find("em") is None
    text = body.get_text()
    assert "<script>alert(5)</script>" in text and "<b>原因</b>" in text
    # A section at the root of source/ ('.'): its articles are listed directly.
    tree = body.select_one(".knowledge-tree").get_text(" ", strip=True)
    assert tree.startswith("./ — <b>主</b>") and "quote.md" in tree
    path, graph = mermaid_sources(soup)
    for code in (path, graph):
        assert "<" not in code.replace("-->", "").replace("-.->", "")
    decoded_graph = decode_like_mermaid(graph)
    for label in (
        'say "hi" [x] (y) {z}',
        "<img src=x onerror=alert(1)><script>alert(2)</script>",
        "C# %% #quot; &amp; 🎬 中文",
    ):
        assert f'["{label}"]' in decoded_graph
    assert "目标 <script>alert(4)</script>" in decode_like_mermaid(path)
    assert 't_end["2. end"]' in path


def _copy_root(rootdir: Path, name: str, target: Path) -> Path:
    shutil.copytree(rootdir / f"test-{name}", target)
    return target


def test_editing_the_registry_rerenders_every_page_that_shows_it(make_app, rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "basic", tmp_path / "basic")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    unrelated = outdir / "unrelated.html"
    before = unrelated.stat().st_mtime_ns

    registry = srcdir / "registry.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("short: B-eta", "short: Beta-Renamed"), encoding="utf-8"
    )
    app2 = make_app("html", srcdir=srcdir, freshenv=False)
    app2.build()
    for page in ("index.html", "guide/index.html", "guide/a/alpha.html", "guide/a/beta.html", "guide/b/gamma.html"):
        html = (outdir / page).read_text(encoding="utf-8")
        assert "Beta-Renamed" in html, page
        assert "B-eta" not in html, page
    assert unrelated.stat().st_mtime_ns == before, "a page that does not use the registry was rewritten"


def test_parallel_build_is_byte_identical(make_app, rootdir, tmp_path):
    outputs = {}
    for jobs in (1, 2):
        srcdir = _copy_root(rootdir, "parallel", tmp_path / f"j{jobs}")
        app = make_app("html", srcdir=srcdir, freshenv=True, parallel=jobs)
        app.build()
        assert app.warning.getvalue() == ""
        log = (Path(app.outdir).parent / "processes.txt").read_text(encoding="utf-8").split("\n")
        readers = {line.split()[1] for line in log if line.startswith("read")}
        writers = {line.split()[1] for line in log if line.startswith("write")}
        if jobs == 2:
            assert len(readers) > 1 and len(writers) > 1, "the build did not go parallel"
        else:
            assert len(readers) == 1
        outputs[jobs] = {p.relative_to(app.outdir).as_posix(): p.read_bytes() for p in Path(app.outdir).rglob("*.html")}
        app.cleanup()  # lets the next app in this test register Sphinx's nodes afresh
    assert len(outputs[1]) >= 17
    assert outputs[1].keys() == outputs[2].keys()
    different = [name for name in outputs[1] if outputs[1][name] != outputs[2][name]]
    assert different == []
    # And the diagrams really are in there.
    soup = BeautifulSoup(outputs[2]["pages/topic-5.html"], "html.parser")
    assert 'click t_topic_4 href "topic-4.html"' in mermaid_sources(soup)[0]


def test_same_sources_give_identical_html(make_app, rootdir, tmp_path):
    pages = []
    for run in ("a", "b"):
        srcdir = _copy_root(rootdir, "basic", tmp_path / run)
        app = make_app("html", srcdir=srcdir, freshenv=True)
        app.build()
        pages.append((Path(app.outdir) / "guide" / "index.html").read_bytes())
    assert pages[0] == pages[1]


def test_index_html_links_with_real_soup(make_app, rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "basic", tmp_path / "soup")
    app = make_app("singlehtml", srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    code = mermaid_sources(read_html(Path(app.outdir), "index.html"))[0]
    assert 'click t_alpha href "#document-guide/a/alpha"' in code
